/* eslint-disable @n8n/community-nodes/no-restricted-imports -- e2e test, runs in jest under plain Node: reads the file the workflow wrote */
/**
 * End to end in a real n8n with this package installed as a community node: the HR sheet of
 * examples/files/ (xlsx with real Excel date and time cells, and the same rows as Excel's CSV
 * UTF-8) read by n8n's Read/Write Files from Disk and Extract From File, with their default
 * options, through the node under Map Automatically; the rows Feishu refused written back as an
 * xlsx "rows to fix" with the hint beside each. Checked in what the sandbox received, body by
 * body, in n8n's record of the run, and in the file written.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as XLSX from 'xlsx';

import type { RecordedRequest } from '../../sandbox';
import { CSV_SHEET_EXAMPLE, XLSX_SHEET_EXAMPLE } from '../../scripts/n8n/examples';
import { nodeRan, outputItems, type ExecutedItem, type WorkflowRun } from '../../scripts/n8n/executionResult';
import { SHEET_ROWS, SHEET_TODAY } from '../../scripts/sheetFixtures';
import { describeEachN8n, E2E_TIMEOUT_MS } from './realN8n';

jest.setTimeout(E2E_TIMEOUT_MS);

describeEachN8n('sheets', (stack) => {
	const REMEDY_NODE = 'Feishu Attendance Remedy';
	const HINT_1226502 = "The user's attendance group does not allow remedies. (考勤组设置不允许补卡)";
	const HINT_1220005 =
		"The app's attendance data permission does not cover this user: widen it in the attendance admin console. (没有权限，请检查数据权限范围)";

	const sentRows = SHEET_ROWS.flatMap(({ outcome }, index) => (outcome.body ? [{ index, body: outcome.body }] : []));
	const successRows = SHEET_ROWS.flatMap(({ outcome }, index) => (outcome.body && !outcome.failure ? [index] : []));
	const failedRows = SHEET_ROWS.flatMap(({ outcome }, index) => (outcome.failure ? [index] : []));

	const inputIndex = (item: ExecutedItem): number => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		return typeof paired === 'number' ? paired : (paired?.item ?? -1);
	};
	const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

	describe.each([
		['xlsx', XLSX_SHEET_EXAMPLE, 'Read remedy-requests.xlsx', 'Extract rows from xlsx'],
		['csv', CSV_SHEET_EXAMPLE, 'Read remedy-requests.csv', 'Extract rows from csv'],
	])('the %s sheet example run by `n8n execute`', (kind, example, readNode, extractNode) => {
		let run: WorkflowRun;
		let received: RecordedRequest[];
		let success: ExecutedItem[];
		let failed: ExecutedItem[];

		beforeAll(async () => {
			await stack().sandbox.reset();
			await stack().sandbox.configure({ today: SHEET_TODAY });
			run = await stack().n8n.execute(example.id);
			received = await stack().sandbox.remedyRequests();
			success = outputItems(run, REMEDY_NODE, 0);
			failed = outputItems(run, REMEDY_NODE, 1);
		});

		test('finishes with status success, every node having run', () => {
			expect(run.data.resultData.error).toBeUndefined();
			expect(run.status).toBe('success');
			for (const node of [
				readNode,
				extractNode,
				REMEDY_NODE,
				'Remedies created',
				'Hint beside each row',
				'Rows to fix as xlsx',
				`Write ${example.rowsToFix}`,
			]) {
				expect(nodeRan(run, node)).toBe(true);
			}
		});

		test('Extract From File, left at its default options, hands the node the cells as the file holds them', () => {
			const first = outputItems(run, extractNode)[0].json;
			if (kind === 'xlsx') {
				// SheetJS sheet_to_json without raw: false: Excel's serial date and day fraction.
				expect(first).toEqual({
					工号: 'A1001',
					姓名: '张伟',
					补卡日期: 46349,
					第几次上下班: '第1次',
					上下班: '上班',
					补卡时间: 0.375,
					补卡原因: '忘记打卡',
				});
			} else {
				// The cell as its format shows it; the byte-order mark Excel writes stays on the first header.
				expect(first).toEqual({
					'\uFEFF工号': 'A1001',
					姓名: '张伟',
					补卡日期: '2026/11/23',
					第几次上下班: '第1次',
					上下班: '上班',
					补卡时间: '9:00',
					补卡原因: '忘记打卡',
				});
				expect(outputItems(run, extractNode)[1].json).toMatchObject({
					补卡日期: '2026年11月23日',
					补卡时间: '下午6:30',
				});
			}
		});

		test('the sandbox received exactly one create request per readable row, with exactly the body each row means', () => {
			expect(received.map((request) => request.body).sort(byJson)).toEqual(
				sentRows.map((row) => row.body).sort(byJson),
			);
			for (const request of received) {
				expect(request.query).toEqual({ employee_type: 'employee_no' });
				expect(request.headers.authorization).toMatch(/^Bearer \S+$/);
			}
		});

		test('the rows Feishu accepted are on Success with the approval id the sandbox issued, and their own columns', async () => {
			expect(success.map(inputIndex).sort((a, b) => a - b)).toEqual(successRows);
			const stored = await stack().sandbox.remedies();
			expect(success.map((item) => item.json.approval_id).sort()).toEqual(
				stored.map((remedy) => remedy.approvalId).sort(),
			);
			for (const item of success) {
				const expected = SHEET_ROWS[inputIndex(item)].outcome.body;
				expect(item.json.remedy).toEqual({ employee_type: 'employee_no', ...expected });
				expect(item.json.补卡原因).toBe(expected?.reason);
			}
		});

		test('the others are on Failed: Feishu refusals with their code, the ambiguous date refused before sending', () => {
			expect(failed.map(inputIndex).sort((a, b) => a - b)).toEqual(failedRows);
			for (const item of failed) {
				const { failure } = SHEET_ROWS[inputIndex(item)].outcome;
				expect(item.json.error).toMatchObject({
					code: failure?.code,
					category: failure?.category,
					...(failure?.field ? { field: failure.field } : {}),
				});
			}
		});

		test('writes the failed rows to an xlsx "rows to fix", each with its own columns and the hint beside it', () => {
			const file = XLSX.read(readFileSync(join(stack().filesDir, example.rowsToFix)), { type: 'buffer' });
			expect(file.SheetNames).toEqual(['Rows to fix']);
			const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(file.Sheets['Rows to fix']);
			expect(rows.map((row) => row.姓名)).toEqual(['刘洋', '赵敏', '张伟']);
			expect(rows.map((row) => Object.keys(row).filter((column) => !/工号|姓名|补卡|上下班/.test(column)))).toEqual([
				['hint', 'feishu_code'],
				['hint', 'feishu_code'],
				['hint', 'feishu_code'],
			]);
			expect(rows.map((row) => [row.hint, row.feishu_code])).toEqual([
				[HINT_1226502, '1226502'],
				[HINT_1220005, '1220005'],
				[
					'Remedy Date: got "11/12/2026"; expected a date whose day and month cannot be swapped: 11/12/2026 is 2026-12-11 read day first and 2026-11-12 read month first; write it year first (yyyy-MM-dd), e.g. 2026-12-11',
					'',
				],
			]);
			// The row keeps what the sheet held, so it can be corrected and read again.
			expect(rows[2]).toMatchObject({
				补卡日期: '11/12/2026',
				第几次上下班: '第1次',
				上下班: '下班',
				补卡原因: '忘记打卡',
			});
		});
	});
});
