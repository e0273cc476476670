/**
 * What every item carries through the node, whatever the operation: its json and binary
 * on both outputs, each option honoured per item, a failing parameter named as its own
 * field, and the Failed item's request under a name that says what it was.
 */
import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

import { runRemedyNode } from '../engine/runRemedyNode';
import { remedyRow, useSandboxPerTest } from '../engine/sandboxSession';

const CREATE = { operation: 'createRemedy', mappingMode: 'autoMap' };
const CREATE_PATH = '/open-apis/attendance/v1/user_task_remedys';
const RECORDS = {
	operation: 'getRemedyRecords',
	userIds: '={{ $json.user_id }}',
	rangeFrom: '2026-01-01',
	rangeTo: '2026-01-31',
};

const session = useSandboxPerTest();

/** A form's uploaded proof: a small PNG, as n8n's Form Trigger stores an upload. */
function proof(name: string): IBinaryKeyData {
	return {
		proof: {
			data: Buffer.from(`png bytes of ${name}`).toString('base64'),
			mimeType: 'image/png',
			fileName: `${name}.png`,
			fileExtension: 'png',
		},
	};
}

const errorOf = (json: IDataObject) => json.error as Record<string, unknown>;

describe('items keep their binary', () => {
	test('on Success and on Failed, with their json', async () => {
		const rows = [remedyRow({ user_id: 'e1001' }), remedyRow({ user_id: 'e1002', remedy_date: 'not a date' })];
		const result = await runRemedyNode({
			items: rows,
			binaries: [proof('first'), proof('second')],
			parameters: CREATE,
			credential: session.credential,
		});
		expect(result.success).toHaveLength(1);
		expect(result.failed).toHaveLength(1);
		expect(result.success[0].binary).toEqual(proof('first'));
		expect(result.success[0].json).toMatchObject(rows[0]);
		expect(result.failed[0].binary).toEqual(proof('second'));
		expect(result.failed[0].json).toMatchObject(rows[1]);
	});

	test('an item without binary gets none', async () => {
		const result = await runRemedyNode({ items: [remedyRow()], parameters: CREATE, credential: session.credential });
		expect(result.success[0].binary).toBeUndefined();
	});
});

describe("Create's options are honoured per item", () => {
	test('Validate Only set by an expression dry-runs exactly the items it is true for', async () => {
		const rows = [0, 1, 2].map((row) => remedyRow({ user_id: `e100${row + 1}`, row }));
		const parameters = { ...CREATE, options: { validateOnly: '={{ $json.row === 1 }}' } };
		const result = await runRemedyNode({ items: rows, parameters, credential: session.credential });
		expect(result.success.map((item) => [item.pairedItem, item.json.dry_run ?? false])).toEqual([
			[{ item: 0 }, false],
			[{ item: 1 }, true],
			[{ item: 2 }, false],
		]);
		expect(session.requestsTo(CREATE_PATH).map((request) => (request.body as { user_id: string }).user_id)).toEqual([
			'e1001',
			'e1003',
		]);
	});

	test('Catch Duplicate Rows turned off for one item lets that item through', async () => {
		const rows = [remedyRow({ check: true }), remedyRow({ check: true }), remedyRow({ check: false })];
		const parameters = { ...CREATE, options: { catchDuplicateRows: '={{ $json.check }}' } };
		const result = await runRemedyNode({ items: rows, parameters, credential: session.credential });
		expect(result.failed.map((item) => [item.pairedItem, errorOf(item.json).category])).toEqual([
			[{ item: 1 }, 'duplicate'],
		]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
	});
});

describe('a failing expression names its own field', () => {
	test('New Status of Update Approval Status reports status', async () => {
		const parameters = {
			operation: 'updateApprovalStatus',
			approvalId: '7017955747799220001',
			approvalStatus: '={{ $("No Such Node").item.json.x }}',
		};
		const result = await runRemedyNode({ items: [{}], parameters, credential: session.credential });
		expect(errorOf(result.failed[0].json)).toMatchObject({ category: 'invalid_input', field: 'status' });
	});

	test.each([
		['employeeType', 'employee_type'],
		['userIds', 'user_ids'],
		['rangeFrom', 'check_time_from'],
		['rangeTo', 'check_time_to'],
		['statuses', 'status'],
	])('%s of Get Remedy Records reports %s', async (parameter, field) => {
		const parameters = { ...RECORDS, employeeType: 'employee_id', [parameter]: '={{ $("No Such Node").item.json.x }}' };
		const result = await runRemedyNode({ items: [{ user_id: 'e1001' }], parameters, credential: session.credential });
		expect(errorOf(result.failed[0].json)).toMatchObject({
			category: 'invalid_input',
			field,
			msg: expect.stringContaining(`The expression of ${parameter} failed`),
		});
	});
});

describe("a Failed item's request is named for what it is", () => {
	test('an approval refused by Feishu is under approval, and there is no remedy field', async () => {
		const parameters = {
			operation: 'updateApprovalStatus',
			approvalId: '7000000000000000001',
			approvalStatus: 'approve',
		};
		const result = await runRemedyNode({ items: [{}], parameters, credential: session.credential });
		expect(result.failed[0].json).toMatchObject({
			approval: { approval_id: '7000000000000000001', approval_type: 'remedy', status: 2 },
		});
		expect(result.failed[0].json).not.toHaveProperty('remedy');
	});

	test('an allowed-slots query refused by Feishu is under slot_query', async () => {
		// e1010 has no abnormal punch that day: Feishu answers 1226501.
		const parameters = { operation: 'getAllowedSlots', mappingMode: 'autoMap' };
		const result = await runRemedyNode({
			items: [remedyRow({ user_id: 'e1010' })],
			parameters,
			credential: session.credential,
		});
		expect(errorOf(result.failed[0].json)).toMatchObject({ code: 1226501 });
		expect(result.failed[0].json).toMatchObject({
			slot_query: { employee_type: 'employee_id', user_id: 'e1010', remedy_date: 20260112 },
		});
		expect(result.failed[0].json).not.toHaveProperty('remedy');
	});

	test('a records query refused by Feishu is under records_query', async () => {
		session.sandbox.injectFaults([
			{ fault: 'http500', path: '/open-apis/attendance/v1/user_task_remedys/query', times: 10 },
		]);
		const result = await runRemedyNode({
			items: [{ user_id: 'e1001' }],
			parameters: { ...RECORDS, statuses: ['approved'] },
			credential: session.credential,
		});
		expect(result.failed[0].json).toMatchObject({
			user_id: 'e1001',
			records_query: { employee_type: 'employee_id', user_ids: ['e1001'], statuses: ['approved'] },
		});
		expect(result.failed[0].json).not.toHaveProperty('remedy');
	});
});
