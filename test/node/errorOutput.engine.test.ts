/**
 * Settings → On Error → "Continue (using error output)", in n8n's own WorkflowExecute against
 * the sandbox: n8n adds a third output, Error. A whole-run failure goes there, with the input
 * item's fields; per-item failures stay on Failed, successes on Success; every item lands in
 * exactly one of the three.
 */
import type { IBinaryKeyData, INodeExecutionData } from 'n8n-workflow';

import { runRemedyNode } from '../engine/runRemedyNode';
import type { RemedyRun } from '../engine/runRemedyNode';
import { remedyRow, useSandboxPerTest } from '../engine/sandboxSession';

const AUTO_MAP = { operation: 'createRemedy', mappingMode: 'autoMap' };
const CREATE_PATH = '/open-apis/attendance/v1/user_task_remedys';

const session = useSandboxPerTest();

const pairedIndexes = (items: INodeExecutionData[]) => items.map((item) => (item.pairedItem as { item: number }).item);
const errorOf = (item: INodeExecutionData) => item.json.error as Record<string, unknown>;

/** Each input index in exactly one output, none twice, none missing. */
function expectEachItemOnce(result: RemedyRun, itemCount: number) {
	const all = [...pairedIndexes(result.success), ...pairedIndexes(result.failed), ...pairedIndexes(result.errorOutput)];
	expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: itemCount }, (_, index) => index));
}

describe('with the error output', () => {
	test('a rejected App Secret sends each sendable item to Error with its own fields and code 10014; a bad row stays on Failed', async () => {
		const rows = [
			remedyRow({ row: 1 }),
			remedyRow({ row: 2, remedy_date: '2026-02-30' }),
			remedyRow({ row: 3, user_id: 'e1002' }),
		];
		const result = await runRemedyNode({
			items: rows,
			parameters: AUTO_MAP,
			credential: { ...session.credential, appSecret: 'not-the-secret' },
			onError: 'continueErrorOutput',
		});

		expect(result.error).toBeUndefined();
		expect(result.success).toEqual([]);
		expect(pairedIndexes(result.errorOutput)).toEqual([0, 2]);
		expect(result.errorOutput[0].json).toEqual({
			...rows[0],
			error: expect.objectContaining({ category: 'auth', code: 10014, retry_safe: true }),
		});
		expect(result.errorOutput[1].json).toMatchObject({ row: 3, user_id: 'e1002' });
		expect(errorOf(result.errorOutput[0]).hint).toMatch(/credential/);
		expect(pairedIndexes(result.failed)).toEqual([1]);
		expect(errorOf(result.failed[0])).toMatchObject({ category: 'invalid_input', field: 'remedy_date' });
		expectEachItemOnce(result, rows.length);
		expect(session.requestsTo(CREATE_PATH)).toHaveLength(0);
		expect(JSON.stringify(result.run)).not.toContain('not-the-secret');
	});

	test('an item on Error keeps its binary (a form upload)', async () => {
		const upload: IBinaryKeyData = {
			proof: {
				data: Buffer.from('png bytes').toString('base64'),
				mimeType: 'image/png',
				fileName: 'proof.png',
				fileExtension: 'png',
			},
		};
		const result = await runRemedyNode({
			items: [remedyRow()],
			binaries: [upload],
			parameters: AUTO_MAP,
			credential: { ...session.credential, appSecret: 'not-the-secret' },
			onError: 'continueErrorOutput',
		});
		expect(result.errorOutput).toHaveLength(1);
		expect(result.errorOutput[0].binary).toEqual(upload);
		expect(result.errorOutput[0].json).toMatchObject(remedyRow());
	});

	test('an unreachable host sends the items to Error as a network failure', async () => {
		const closed = `http://127.0.0.1:1`;
		const result = await runRemedyNode({
			items: [remedyRow(), remedyRow({ user_id: 'e1002' })],
			parameters: { ...AUTO_MAP, options: { maxRetries: 0 } },
			credential: { ...session.credential, baseUrl: closed },
			onError: 'continueErrorOutput',
		});
		expect(pairedIndexes(result.errorOutput)).toEqual([0, 1]);
		expect(errorOf(result.errorOutput[0])).toMatchObject({ category: 'network' });
		expectEachItemOnce(result, 2);
	});

	test('a bad option (a time zone that does not exist) sends every item to Error', async () => {
		const rows = [remedyRow(), remedyRow({ remedy_date: 'bad' })];
		const result = await runRemedyNode({
			items: rows,
			parameters: { ...AUTO_MAP, options: { timeZone: 'Mars/Olympus_Mons' } },
			credential: session.credential,
			onError: 'continueErrorOutput',
		});
		expect(pairedIndexes(result.errorOutput)).toEqual([0, 1]);
		expect(errorOf(result.errorOutput[1])).toMatchObject({
			field: 'options',
			msg: expect.stringContaining('Mars/Olympus_Mons'),
		});
		expectEachItemOnce(result, rows.length);
		expect(session.sandbox.requests()).toHaveLength(0);
	});

	test('when the run can reach Feishu, Success and Failed are as without it and Error stays empty', async () => {
		const rows = [remedyRow(), remedyRow({ user_id: 'e1006' }), remedyRow({ remedy_time: '25:00' })];
		const result = await runRemedyNode({
			items: rows,
			parameters: AUTO_MAP,
			credential: session.credential,
			onError: 'continueErrorOutput',
		});
		expect(pairedIndexes(result.success)).toEqual([0]);
		expect(result.success[0].json.approval_id).toEqual(expect.any(String));
		expect(result.failed.map((item) => errorOf(item).code)).toEqual([1226502, null]);
		expect(result.errorOutput).toEqual([]);
		expectEachItemOnce(result, rows.length);
	});
});

describe('with plain Continue (regular output)', () => {
	test('a whole-run failure still sends every item to Failed, and there is no third output', async () => {
		const rows = [remedyRow(), remedyRow({ user_id: 'e1002' })];
		const result = await runRemedyNode({
			items: rows,
			parameters: AUTO_MAP,
			credential: { ...session.credential, appSecret: 'not-the-secret' },
			onError: 'continueRegularOutput',
		});
		expect(pairedIndexes(result.failed)).toEqual([0, 1]);
		expect(result.failed[0].json).toMatchObject({ ...rows[0], remedy: null, error: { code: 10014 } });
		expect(result.run.data.resultData.runData['Feishu Attendance Remedy'][0].data?.main).toHaveLength(2);
	});
});

describe('an item with no fields of its own (a Manual Trigger gives {})', () => {
	test.each([
		[
			'Get Allowed Remedy Slots',
			{ operation: 'getAllowedSlots', mappingMode: 'defineBelow', userId: 'e1001', remedyDate: '2026-02-30' },
		],
		[
			'Update Approval Status',
			{ operation: 'updateApprovalStatus', approvalId: 'not-an-id', approvalStatus: 'approve' },
		],
	])('%s: a bad value stays on Failed, not on Error', async (_, parameters) => {
		const result = await runRemedyNode({
			items: [{}],
			parameters,
			credential: session.credential,
			onError: 'continueErrorOutput',
		});
		expect(pairedIndexes(result.failed)).toEqual([0]);
		expect(errorOf(result.failed[0])).toMatchObject({ category: 'invalid_input' });
		expect(result.errorOutput).toEqual([]);
	});
});
