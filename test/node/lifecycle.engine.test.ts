/**
 * The remedy lifecycle in n8n's engine: create → approve → query → withdraw → query,
 * the approval state machine, allowed slots and records queries.
 */
import { runRemedyNode, runRemedyWorkflow } from '../engine/runRemedyNode';
import { remedyRow, useSandboxPerTest } from '../engine/sandboxSession';

const CREATE = { operation: 'createRemedy', mappingMode: 'autoMap' };
const APPROVE = { operation: 'updateApprovalStatus', approvalStatus: 'approve' };
const WITHDRAW = { operation: 'updateApprovalStatus', approvalStatus: 'withdraw' };
const RECORDS = {
	operation: 'getRemedyRecords',
	userIds: '={{ $json.user_id }}',
	rangeFrom: '2026-01-01',
	rangeTo: '2026-01-31',
};
const RECORDS_PATH = '/open-apis/attendance/v1/user_task_remedys/query';
const SLOTS_PATH = '/open-apis/attendance/v1/user_task_remedys/query_user_allowed_remedys';

const session = useSandboxPerTest();

const requestsTo = session.requestsTo;

test('create → approve → query shows it approved → withdraw → query shows it withdrawn, in one workflow', async () => {
	const { steps } = await runRemedyWorkflow({
		items: [remedyRow()],
		credential: session.credential,
		steps: [CREATE, APPROVE, RECORDS, { ...WITHDRAW, approvalId: '={{ $json.approval_id }}' }, RECORDS],
	});
	const [created, approved, afterApproval, withdrawn, afterWithdrawal] = steps;
	const approvalId = created.success[0].json.approval_id;
	expect(approvalId).toMatch(/^\d{19}$/);
	expect(approved.success[0].json.approval_info).toEqual({
		approval_id: approvalId,
		approval_type: 'remedy',
		status: 2,
		status_name: 'approved',
	});
	expect(afterApproval.success.map((i) => [i.json.approval_id, i.json.status_name])).toEqual([
		[approvalId, 'approved'],
	]);
	expect(withdrawn.success[0].json.approval_info).toMatchObject({ status: 4, status_name: 'withdrawn' });
	expect(afterWithdrawal.success.map((i) => [i.json.approval_id, i.json.status_name])).toEqual([
		[approvalId, 'withdrawn'],
	]);
	expect(session.sandbox.remedies()[0]).toMatchObject({ approvalId, status: 4 });
	for (const step of steps) expect(step.failed).toHaveLength(0);
});

describe('the approval state machine', () => {
	test('withdrawing a pending remedy lands in Failed with a hint on what is allowed', async () => {
		const { steps } = await runRemedyWorkflow({
			items: [remedyRow()],
			credential: session.credential,
			steps: [CREATE, WITHDRAW],
		});
		const error = steps[1].failed[0].json.error as Record<string, unknown>;
		expect(error).toMatchObject({ code: 1220001, category: 'invalid_input', retry_safe: true });
		expect(error.hint).toMatch(/Only a pending remedy can be approved or rejected, and only an approved one withdrawn/);
		expect(steps[1].failed[0].pairedItem).toEqual({ item: 0 });
	});

	test('approving a withdrawn remedy is refused the same way', async () => {
		const { steps } = await runRemedyWorkflow({
			items: [remedyRow()],
			credential: session.credential,
			steps: [CREATE, APPROVE, WITHDRAW, APPROVE],
		});
		expect(steps[3].failed[0].json.error).toMatchObject({ code: 1220001 });
		expect(session.sandbox.remedies()[0].status).toBe(4);
	});

	test('withdrawing a record passed on from a query leaves no stale status on the item', async () => {
		const { steps } = await runRemedyWorkflow({
			items: [remedyRow()],
			credential: session.credential,
			steps: [CREATE, APPROVE, { ...RECORDS, statuses: ['approved'] }, WITHDRAW],
		});
		expect(steps[2].success[0].json).toMatchObject({ status: 2, status_name: 'approved' });
		expect(steps[3].success[0].json).toMatchObject({
			status: 4,
			status_name: 'withdrawn',
			approval_info: { status: 4, status_name: 'withdrawn' },
		});
	});

	test('rejecting sends status 1 with approval_type remedy', async () => {
		const { steps } = await runRemedyWorkflow({
			items: [remedyRow()],
			credential: session.credential,
			steps: [CREATE, { operation: 'updateApprovalStatus', approvalStatus: 'reject' }],
		});
		expect(steps[1].success[0].json.approval_info).toMatchObject({ status: 1, status_name: 'rejected' });
		expect(requestsTo('/open-apis/attendance/v1/approval_infos/process')[0].body).toEqual({
			approval_id: steps[0].success[0].json.approval_id,
			approval_type: 'remedy',
			status: 1,
		});
	});

	test('an unknown approval ID is a Feishu 1220004 with its own hint; a malformed one is never sent', async () => {
		const result = await runRemedyNode({
			items: [{ approval_id: '7000000000000000001' }, { approval_id: 'abc' }],
			parameters: APPROVE,
			credential: session.credential,
		});
		expect(result.failed.map((i) => (i.json.error as { code: unknown }).code)).toEqual([1220004, null]);
		expect((result.failed[0].json.error as { hint: string }).hint).toMatch(/no remedy approval with this ID/);
		expect((result.failed[1].json.error as { msg: string }).msg).toContain('Approval ID: got "abc"');
		expect(requestsTo('/open-apis/attendance/v1/approval_infos/process')).toHaveLength(1);
	});
});

describe('Get Allowed Remedy Slots', () => {
	test('one item per slot, with its window, for a two-pair shift', async () => {
		const result = await runRemedyNode({
			items: [{ user_id: 'e1003', remedy_date: '2026-01-12' }],
			parameters: { operation: 'getAllowedSlots', mappingMode: 'autoMap' },
			credential: session.credential,
		});
		expect(result.success.map((i) => [i.json.punch_no, i.json.work_type])).toEqual([
			[0, 1],
			[0, 2],
			[1, 1],
			[1, 2],
		]);
		expect(result.success[0].json).toMatchObject({
			employee_type: 'employee_id',
			user_id: 'e1003',
			remedy_date: 20260112,
			normal_punch_time: '2026-01-12 09:00',
			remedy_start_time: expect.any(String),
			remedy_end_time: expect.any(String),
		});
		expect(result.success.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('all slots in one item when asked', async () => {
		const result = await runRemedyNode({
			items: [{}],
			parameters: { operation: 'getAllowedSlots', userId: 'e1001', remedyDate: '20260112', slotOutput: 'oneItem' },
			credential: session.credential,
		});
		expect(result.success).toHaveLength(1);
		expect((result.success[0].json.slots as unknown[]).length).toBe(2);
	});

	test('a day with nothing to remedy lands in Failed with 1226501', async () => {
		const result = await runRemedyNode({
			items: [{ user_id: 'e1010', remedy_date: '2026-01-12' }],
			parameters: { operation: 'getAllowedSlots', mappingMode: 'autoMap' },
			credential: session.credential,
		});
		expect(result.failed[0].json.error).toMatchObject({ code: 1226501, category: 'not_allowed' });
	});
});

describe('Get Remedy Records', () => {
	async function createFor(users: string[]) {
		const rows = users.map((user_id) => remedyRow({ user_id, remedy_date: '2026-01-12' }));
		// Setup only: without the create's own check, the records requests counted below are the query's alone.
		return await runRemedyNode({
			items: rows,
			parameters: { ...CREATE, options: { checkExistingRemedies: false } },
			credential: session.credential,
		});
	}

	test('defaults to every status, one request per status, because the API alone returns approved only', async () => {
		await createFor(['e1008']);
		const result = await runRemedyNode({
			items: [{ user_id: 'e1008' }],
			parameters: { ...RECORDS, userIds: '={{ $json.user_id }}' },
			credential: session.credential,
		});
		expect(result.success.map((i) => i.json.status_name)).toEqual(['pending']);
		expect(requestsTo(RECORDS_PATH).map((r) => (r.body as { status: number }).status)).toEqual([0, 1, 2, 3, 4]);
	});

	test('a status filter sends only that status', async () => {
		await createFor(['e1008']);
		const result = await runRemedyNode({
			items: [{ user_id: 'e1008' }],
			parameters: { ...RECORDS, userIds: '={{ $json.user_id }}', statuses: ['approved'] },
			credential: session.credential,
		});
		expect(result.success).toHaveLength(0);
		expect(requestsTo(RECORDS_PATH).map((r) => (r.body as { status: number }).status)).toEqual([2]);
	});

	test('one user per item is batched 50 users per request, and each record goes back to its item', async () => {
		const users = Array.from({ length: 120 }, (_, i) => `bench-${i + 1}`);
		await createFor(users.filter((_, i) => i % 10 === 0));
		const result = await runRemedyNode({
			items: users.map((user_id) => ({ user_id })),
			parameters: { ...RECORDS, userIds: '={{ $json.user_id }}', statuses: ['pending'] },
			credential: session.credential,
		});
		const requests = requestsTo(RECORDS_PATH);
		expect(requests.map((r) => (r.body as { user_ids: string[] }).user_ids.length)).toEqual([50, 50, 20]);
		expect(result.success.map((i) => [i.json.user_id, (i.pairedItem as { item: number }).item])).toEqual(
			users.flatMap((user, i) => (i % 10 === 0 ? [[user, i]] : [])),
		);
	});

	test('a list of users in one item, with time range as Feishu wants it: unix seconds as strings', async () => {
		await createFor(['e1001', 'e1002']);
		const result = await runRemedyNode({
			items: [{}],
			parameters: { ...RECORDS, userIds: 'e1001, e1002\ne1003', statuses: ['pending'] },
			credential: session.credential,
		});
		expect(result.success.map((i) => i.json.user_id).sort()).toEqual(['e1001', 'e1002']);
		expect(requestsTo(RECORDS_PATH)[0]).toMatchObject({
			query: { employee_type: 'employee_id' },
			body: {
				user_ids: ['e1001', 'e1002', 'e1003'],
				check_time_from: '1767196800',
				check_time_to: '1769875199',
				status: 0,
			},
		});
	});

	test("every item that asks for a user gets that user's records, as if it had asked alone", async () => {
		await createFor(['e1001']);
		const result = await runRemedyNode({
			items: [{ user_id: 'e1001' }, { user_id: 'e1002' }, { user_id: 'e1001' }],
			parameters: { ...RECORDS, statuses: ['pending'] },
			credential: session.credential,
		});
		expect(result.success.map((i) => [i.json.user_id, (i.pairedItem as { item: number }).item])).toEqual([
			['e1001', 0],
			['e1001', 2],
		]);
		expect(requestsTo(RECORDS_PATH)).toHaveLength(1);
	});

	test('records come in the order the item named its users, each user by remedy time, whatever the status', async () => {
		await runRemedyNode({
			items: [
				remedyRow({ user_id: 'e1002', remedy_date: '2026-01-13' }),
				remedyRow({ user_id: 'e1002', remedy_date: '2026-01-12' }),
				remedyRow({ user_id: 'e1001' }),
			],
			parameters: CREATE,
			credential: session.credential,
		});
		const [approved] = session.sandbox.remedies().filter((r) => r.userId === 'e1002' && r.remedyDate === 20260113);
		await runRemedyNode({
			items: [{ approval_id: approved.approvalId }],
			parameters: APPROVE,
			credential: session.credential,
		});
		const result = await runRemedyNode({
			items: [{}],
			parameters: { ...RECORDS, userIds: 'e1002, e1001' },
			credential: session.credential,
		});
		expect(result.success.map((i) => [i.json.user_id, i.json.remedy_date, i.json.status_name])).toEqual([
			['e1002', 20260112, 'pending'],
			['e1002', 20260113, 'approved'],
			['e1001', 20260112, 'pending'],
		]);
	});

	test('a range whose end is before its start fails the item without a request', async () => {
		const result = await runRemedyNode({
			items: [{ user_id: 'e1001' }],
			parameters: { ...RECORDS, userIds: '={{ $json.user_id }}', rangeFrom: '2026-02-01', rangeTo: '2026-01-01' },
			credential: session.credential,
		});
		expect(result.failed[0].json.error).toMatchObject({ category: 'invalid_input', field: 'check_time_to' });
		expect(requestsTo(RECORDS_PATH)).toHaveLength(0);
	});
});

describe('Check Allowed Slots First', () => {
	const CHECKED = { ...CREATE, options: { checkAllowedSlots: true } };

	test('a remedy time outside every allowed window goes to Failed with the windows, and nothing is created', async () => {
		const result = await runRemedyNode({
			items: [remedyRow({ remedy_time: '2026-01-13 07:00' })],
			parameters: CHECKED,
			credential: session.credential,
		});
		const error = result.failed[0].json.error as Record<string, unknown>;
		expect(error).toMatchObject({ category: 'not_allowed', retry_safe: true });
		expect(error.hint).toMatch(
			/outside the allowed window of that punch\. Allowed slots: 1st pair on duty \(Lack\): 2026-01-12 00:00 – /,
		);
		expect(requestsTo(SLOTS_PATH)).toHaveLength(1);
		expect(session.sandbox.remedies()).toHaveLength(0);
	});

	test('an open punch and work type are filled from the one slot that fits the time', async () => {
		const row = remedyRow({ punch_no: undefined, work_type: undefined, user_id: 'e1003', remedy_time: '19:00' });
		const result = await runRemedyNode({ items: [row], parameters: CHECKED, credential: session.credential });
		expect(result.success[0].json.remedy).toMatchObject({ punch_no: 1, work_type: 2, remedy_time: '2026-01-12 19:00' });
	});

	test('a time that fits several slots is not guessed: the item fails and names them', async () => {
		const row = remedyRow({ punch_no: undefined, work_type: undefined, user_id: 'e1003', remedy_time: '17:30' });
		const result = await runRemedyNode({ items: [row], parameters: CHECKED, credential: session.credential });
		expect((result.failed[0].json.error as { hint: string }).hint).toMatch(
			/fits several slots; set Punch and Work Type/,
		);
		expect(session.sandbox.remedies()).toHaveLength(0);
	});

	test('"From Allowed Slots" in Define Below fills them too', async () => {
		const result = await runRemedyNode({
			items: [{}],
			parameters: {
				operation: 'createRemedy',
				userId: 'e1001',
				remedyDate: '2026-01-12',
				punch: 'auto',
				remedyTime: '08:55',
				reason: 'r',
				options: { checkAllowedSlots: true },
			},
			credential: session.credential,
		});
		expect(result.success[0].json.remedy).toMatchObject({ punch_no: 0, work_type: 1 });
	});

	test('without the check, an open punch is invalid input', async () => {
		const row = remedyRow({ punch_no: undefined, work_type: undefined });
		const result = await runRemedyNode({ items: [row], parameters: CREATE, credential: session.credential });
		expect(result.failed[0].json.error).toMatchObject({ category: 'invalid_input', field: 'punch_no' });
	});

	test('one slot query per user and day, however many items share it', async () => {
		const rows = [remedyRow({ remedy_time: '08:00' }), remedyRow({ work_type: 'off', remedy_time: '18:30' })];
		const result = await runRemedyNode({ items: rows, parameters: CHECKED, credential: session.credential });
		expect(result.success).toHaveLength(2);
		expect(requestsTo(SLOTS_PATH)).toHaveLength(1);
	});
});
