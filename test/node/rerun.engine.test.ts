/**
 * Re-run safety (issue 16): a sheet run again, or resumed after a crash, creates each remedy
 * once. By default Create asks Feishu for pending and approved remedies of each slot first;
 * a row that has one goes to Success with it (`existing: true`) instead of being sent again.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runRemedyNode } from '../engine/runRemedyNode';
import { remedyRow, useSandboxPerTest } from '../engine/sandboxSession';

const CREATE = { operation: 'createRemedy', mappingMode: 'autoMap' };
const CREATE_PATH = '/open-apis/attendance/v1/user_task_remedys';
const RECORDS_PATH = '/open-apis/attendance/v1/user_task_remedys/query';

const session = useSandboxPerTest();

/** A month-end sheet: rows Feishu accepts, a row it refuses, an unknown user, a bad row, an employee number. */
const SHEET: IDataObject[] = [
	remedyRow({ row: 1, user_id: 'e1001' }),
	remedyRow({ row: 2, user_id: 'e1002', work_type: 'off_duty', remedy_time: '18:00' }),
	remedyRow({ row: 3, user_id: undefined, 工号: 'A1003' }),
	remedyRow({ row: 4, user_id: 'e1006' }),
	remedyRow({ row: 5, user_id: 'nobody' }),
	remedyRow({ row: 6, user_id: 'e1008', remedy_date: '2026-02-30' }),
	remedyRow({ row: 7, user_id: 'e1008', remedy_date: '2026-01-05', remedy_time: '2026-01-06 02:00' }),
];

const run = async (items: IDataObject[], options: INodeParameters = {}) =>
	await runRemedyNode({ items, parameters: { ...CREATE, options }, credential: session.credential });
const rowsOf = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json.row);

test('a sheet run twice: the second run creates nothing, and every row that succeeded succeeds again with the same approval_id', async () => {
	const first = await run(SHEET);
	expect(rowsOf(first.success)).toEqual([1, 2, 3, 7]);
	const stored = session.sandbox.remedies().length;
	expect(stored).toBe(4);
	const createsBefore = session.requestsTo(CREATE_PATH).length;

	const second = await run(SHEET);
	expect(session.sandbox.remedies()).toHaveLength(stored);
	expect(rowsOf(second.success)).toEqual([1, 2, 3, 7]);
	expect(second.success.map((item) => item.json.approval_id)).toEqual(
		first.success.map((item) => item.json.approval_id),
	);
	for (const item of second.success) expect(item.json).toMatchObject({ existing: true, existing_status: 'pending' });
	// Only the rows that failed are sent again (and fail again, for Feishu's own reasons).
	const resent = session.requestsTo(CREATE_PATH).slice(createsBefore);
	expect(resent.map((request) => (request.body as IDataObject).user_id).sort()).toEqual(['e1006', 'nobody']);
	expect(rowsOf(second.failed)).toEqual([4, 5, 6]);
});

test('an approved remedy counts; a rejected or withdrawn one does not, and its row is sent again', async () => {
	const rows = [remedyRow({ user_id: 'e1001' }), remedyRow({ user_id: 'e1002' }), remedyRow({ user_id: 'e1008' })];
	const first = await run(rows);
	const [approved, rejected, withdrawn] = first.success.map((item) => String(item.json.approval_id));
	const decide = async (approvalId: string, approvalStatus: string) =>
		await runRemedyNode({
			items: [{}],
			parameters: { operation: 'updateApprovalStatus', approvalId, approvalStatus },
			credential: session.credential,
		});
	await decide(approved, 'approve');
	await decide(rejected, 'reject');
	await decide(withdrawn, 'approve');
	await decide(withdrawn, 'withdraw');

	const second = await run(rows);
	expect(second.failed).toHaveLength(0);
	expect(second.success.map((item) => [item.json.existing ?? false, item.json.existing_status ?? null])).toEqual([
		[true, 'approved'],
		[false, null],
		[false, null],
	]);
	expect(second.success[0].json.approval_id).toBe(approved);
	expect(session.sandbox.remedies()).toHaveLength(5);
});

test('the check asks for pending and approved only, 50 users a request', async () => {
	const rows = Array.from({ length: 120 }, (_, i) => remedyRow({ user_id: `bench-${i + 1}` }));
	await run(rows);
	const queries = session
		.requestsTo(RECORDS_PATH)
		.map((request) => request.body as { user_ids: string[]; status: number });
	expect(queries.map((query) => query.user_ids.length).sort((a, b) => a - b)).toEqual([20, 20, 50, 50, 50, 50]);
	expect(queries.map((query) => query.status).sort()).toEqual([0, 0, 0, 2, 2, 2]);
	expect(new Set(queries.flatMap((query) => query.user_ids)).size).toBe(120);
});

test('an unknown user in a group of 50 does not hide the existing remedies of the others', async () => {
	const rows = [
		remedyRow({ user_id: 'e1001' }),
		...Array.from({ length: 10 }, (_, i) => remedyRow({ user_id: `bench-${i + 1}` })),
	];
	await run(rows);
	const again = await run([...rows, remedyRow({ user_id: 'nobody' })]);
	expect(again.success.filter((item) => item.json.existing === true)).toHaveLength(11);
	expect(again.failed.map((item) => (item.json.error as IDataObject).code)).toEqual([1220004]);
	expect(session.sandbox.remedies()).toHaveLength(11);
});

test('a check Feishu cannot answer fails the row as safe to retry, and creates nothing', async () => {
	session.sandbox.injectFaults([{ fault: 'http500', path: RECORDS_PATH }]);
	const result = await run([remedyRow()], { maxRetries: 1 });
	expect(result.success).toHaveLength(0);
	expect(result.failed[0].json.error).toMatchObject({ category: 'server', retry_safe: true, http_status: 500 });
	expect(String((result.failed[0].json.error as IDataObject).msg)).toContain(
		'Could not check Feishu for an existing remedy',
	);
	expect(result.failed[0].json.remedy).toMatchObject({ user_id: 'e1001' });
	// The check is a read: it was retried (once, as asked); nothing was created.
	expect(session.requestsTo(RECORDS_PATH).length).toBeGreaterThanOrEqual(2);
	expect(session.requestsTo(CREATE_PATH)).toHaveLength(0);
});

test('a dry run after a real run says which rows already hold a remedy, and creates nothing', async () => {
	const first = await run([remedyRow()]);
	const dry = await run([remedyRow(), remedyRow({ user_id: 'e1002' })], { validateOnly: true });
	expect(dry.success.map((item) => [item.json.dry_run, item.json.existing ?? false, item.json.approval_id])).toEqual([
		[true, true, first.success[0].json.approval_id],
		[true, false, null],
	]);
	expect(session.sandbox.remedies()).toHaveLength(1);
});

test('Catch Duplicate Rows still catches a repeat within one run', async () => {
	const result = await run([remedyRow(), remedyRow()]);
	expect(result.success).toHaveLength(1);
	expect(result.failed[0].json.error).toMatchObject({ category: 'duplicate' });
	expect(session.sandbox.remedies()).toHaveLength(1);
});
