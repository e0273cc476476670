/**
 * End to end, on every n8n of the e2e matrix with this package installed as a community node: the example
 * `examples/sheet-rows-to-remedies.json` run by `n8n execute`, checked twice over — in n8n's own
 * record of the run (outputs, fields, pairedItem) and in what the Feishu sandbox received.
 */

import type { RecordedRequest, StoredRemedy } from '../../sandbox';
import { SHEET_EXAMPLE } from '../../scripts/n8n/examples';
import { nodeRan, outputItems, type ExecutedItem, type WorkflowRun } from '../../scripts/n8n/executionResult';
import { REMEDY_NODE_NAME } from '../../scripts/n8n/sheetOutcome';
import { describeEachN8n, E2E_TIMEOUT_MS } from './realN8n';

jest.setTimeout(E2E_TIMEOUT_MS);

describeEachN8n('sheet', (stack) => {
	let run: WorkflowRun;
	let success: ExecutedItem[];
	let failed: ExecutedItem[];
	let received: RecordedRequest[];
	let stored: StoredRemedy[];

	beforeAll(async () => {
		run = await stack().n8n.execute(SHEET_EXAMPLE.id);
		success = outputItems(run, REMEDY_NODE_NAME, 0);
		failed = outputItems(run, REMEDY_NODE_NAME, 1);
		received = await stack().sandbox.remedyRequests();
		stored = await stack().sandbox.remedies();
	});

	const rowsOf = (items: ExecutedItem[]): number[] => items.map((item) => Number(item.json.row)).sort((a, b) => a - b);
	const byRow = (row: number): ExecutedItem => {
		const item = [...success, ...failed].find((candidate) => candidate.json.row === row);
		if (!item) throw new Error(`row ${row} is on neither output`);
		return item;
	};
	const errorOf = (row: number) => byRow(row).json.error as Record<string, unknown>;
	/** Rows 4 and 5 are two remedies for a user whose group allows one a month: one of them wins. */
	const quotaWinner = (): number => (success.some((item) => item.json.row === 4) ? 4 : 5);
	const quotaLoser = (): number => 9 - quotaWinner();

	describe('the sheet example run by `n8n execute`', () => {
		test('finishes with status success, every node having run', () => {
			expect(run.status).toBe('success');
			expect(run.data.resultData.error).toBeUndefined();
			for (const node of ['Run example', 'Sheet rows', REMEDY_NODE_NAME, 'Remedies created', 'Rows to fix']) {
				expect(nodeRan(run, node)).toBe(true);
			}
		});

		test('puts each of the 13 rows on exactly one output, paired with its input item', () => {
			expect(success.length + failed.length).toBe(13);
			expect([...rowsOf(success), ...rowsOf(failed)].sort((a, b) => a - b)).toEqual([
				1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
			]);
			for (const item of [...success, ...failed]) {
				expect(item.pairedItem).toEqual({ item: Number(item.json.row) - 1 });
			}
		});

		test('sends the rows Feishu accepts to Success with the approval id the sandbox issued', () => {
			expect(rowsOf(success)).toEqual([1, 2, 3, quotaWinner()].sort((a, b) => a - b));
			const issued = stored.map((remedy) => remedy.approvalId).sort();
			expect(success.map((item) => item.json.approval_id).sort()).toEqual(issued);
			for (const item of success) {
				expect(item.json.approval_id).toMatch(/^\d+$/);
				expect(item.json.error).toBeUndefined();
			}
		});

		test('maps English and Chinese columns, employee numbers and free schedules into the request sent', () => {
			const date = String(byRow(1).json.remedy_date).replace(/-/g, '');
			expect(byRow(1).json.remedy).toEqual({
				employee_type: 'employee_id',
				user_id: 'e1001',
				remedy_date: Number(date),
				punch_no: 0,
				work_type: 1,
				remedy_time: `${byRow(1).json.remedy_date} 09:00`,
				reason: 'Forgot to clock in',
			});
			expect(byRow(2).json.remedy).toMatchObject({
				employee_type: 'employee_no',
				user_id: 'A1001',
				punch_no: 0,
				work_type: 2,
				reason: '外出拜访客户',
			});
			expect(byRow(3).json.remedy).toMatchObject({ user_id: 'e1005', punch_no: 0, work_type: 0 });
		});

		test.each([
			[6, 1226501, 'not_allowed'],
			[7, 1226502, 'not_allowed'],
			[8, 1226503, 'not_allowed'],
			[9, 1220004, 'invalid_input'],
			[10, 1220005, 'permission'],
		])('sends row %i to Failed with Feishu code %i (%s), its log id and the request it sent', (row, code, category) => {
			expect(rowsOf(failed)).toContain(row);
			expect(errorOf(row)).toMatchObject({
				code,
				category,
				http_status: 400,
				retry_safe: true,
				log_id: expect.any(String),
			});
			expect(String(errorOf(row).hint)).not.toBe('');
			expect(byRow(row).json.remedy).toMatchObject({ user_id: byRow(row).json.user_id });
		});

		test('sends the second remedy of a user allowed one a month to Failed with 1226504', () => {
			expect(rowsOf(failed)).toContain(quotaLoser());
			expect(errorOf(quotaLoser())).toMatchObject({ code: 1226504, category: 'not_allowed', http_status: 400 });
		});

		test.each([
			[11, 'remedy_date', '2026-02-30'],
			[12, 'remedy_time', '25:00'],
			[13, 'reason', 'nothing'],
		])('sends malformed row %i to Failed as invalid_input naming %s, without asking Feishu', (row, field, value) => {
			expect(errorOf(row)).toMatchObject({
				category: 'invalid_input',
				code: null,
				http_status: null,
				log_id: null,
				retry_safe: true,
				field,
			});
			expect(String(errorOf(row).value)).toContain(value);
			expect(byRow(row).json.remedy).toBeNull();
		});

		test('keeps every input column on the failed items, so a row can be fixed and sent again', () => {
			expect(byRow(11).json).toMatchObject({
				row: 11,
				user_id: 'e1001',
				remedy_date: '2026-02-30',
				remedy_time: '09:00',
				reason: 'No such day',
			});
		});

		test('hands each output to the node connected to it', () => {
			expect(outputItems(run, 'Remedies created').map((item) => item.json)).toEqual(success.map((item) => item.json));
			expect(outputItems(run, 'Rows to fix').map((item) => item.json)).toEqual(failed.map((item) => item.json));
		});
	});

	describe('what the Feishu sandbox received from that run', () => {
		test('one create request for each of rows 1–10, and none for the three malformed rows', () => {
			const reasons = received.map((request) => (request.body as { reason?: string }).reason).sort();
			const expected = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
				.map((row) => String((byRow(row).json.remedy as { reason: string }).reason))
				.sort();
			expect(reasons).toEqual(expected);
			for (const malformed of ['No such day', 'No such hour']) expect(reasons).not.toContain(malformed);
		});

		test('each request authenticated with a tenant token and the employee type in the query', () => {
			for (const request of received) {
				expect(request.headers.authorization).toMatch(/^Bearer \S+$/);
				expect(['employee_id', 'employee_no']).toContain(request.query.employee_type);
			}
			const byReason = (reason: string) =>
				received.find((request) => (request.body as { reason?: string }).reason === reason);
			expect(byReason('外出拜访客户')?.query.employee_type).toBe('employee_no');
		});

		test('stored one pending remedy per Success item', () => {
			expect(stored).toHaveLength(success.length);
			expect(stored.every((remedy) => remedy.status === 0)).toBe(true);
		});
	});

	// Issue 16: the HR user fixes nothing and runs the whole sheet again against the same Feishu.
	describe('the same sheet run again by `n8n execute` (re-run safety, the default check on)', () => {
		let again: WorkflowRun;
		let successAgain: ExecutedItem[];
		let failedAgain: ExecutedItem[];
		let resent: RecordedRequest[];

		beforeAll(async () => {
			const mark = await stack().sandbox.lastSeq();
			again = await stack().n8n.execute(SHEET_EXAMPLE.id);
			successAgain = outputItems(again, REMEDY_NODE_NAME, 0);
			failedAgain = outputItems(again, REMEDY_NODE_NAME, 1);
			resent = await stack().sandbox.remedyRequests(mark);
		});

		test('creates nothing new: Feishu holds exactly the remedies of the first run', async () => {
			expect(again.status).toBe('success');
			const storedAgain = await stack().sandbox.remedies();
			expect(storedAgain.map((remedy) => remedy.approvalId).sort()).toEqual(
				stored.map((remedy) => remedy.approvalId).sort(),
			);
		});

		test('every row that succeeded succeeds again with the same approval_id, marked existing and pending', () => {
			expect(rowsOf(successAgain)).toEqual(rowsOf(success));
			for (const item of successAgain) {
				const first = byRow(Number(item.json.row));
				expect(item.json).toMatchObject({
					approval_id: first.json.approval_id,
					existing: true,
					existing_status: 'pending',
				});
				expect(item.pairedItem).toEqual({ item: Number(item.json.row) - 1 });
			}
		});

		test('only the rows Feishu refused are sent again, and they fail again with the same codes', () => {
			const codeOf = (item: ExecutedItem) => (item.json.error as { code: number | null }).code;
			const failureCodes = (items: ExecutedItem[]) => items.map((item) => [item.json.row, codeOf(item)]).sort();
			expect(failureCodes(failedAgain)).toEqual(failureCodes(failed));
			const resentReasons = resent.map((request) => (request.body as { reason?: string }).reason).sort();
			const refusedByFeishu = failed.filter((item) => codeOf(item) !== null);
			expect(resentReasons).toEqual(
				refusedByFeishu.map((item) => String((item.json.remedy as { reason: string }).reason)).sort(),
			);
		});
	});

	describe('the n8n CLI wrapper', () => {
		test('reports an execution that ran nothing as an error, never as an empty success', async () => {
			await expect(stack().n8n.execute('noSuchWorkflow01')).rejects.toThrow(/n8n execute/);
		});
	});
});
