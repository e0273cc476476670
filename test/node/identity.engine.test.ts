/**
 * People named by email or mobile number, in n8n's engine against the sandbox over HTTP: the node
 * looks them up (batched, once per person per run) and sends exactly what it sends for the same
 * rows with employee IDs; a person Feishu does not find lands in Failed and nothing is sent.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { NO_CONTACT_APP, NO_EMPLOYEE_ID_APP, PATHS } from '../../sandbox';
import type { RecordedRequest, Sandbox } from '../../sandbox';
import { runRemedyNode, runRemedyWorkflow, sandboxCredential } from '../engine/runRemedyNode';
import { openSandbox, remedyRow, useSandboxPerTest } from '../engine/sandboxSession';

const session = useSandboxPerTest();

const AUTO_MAP: INodeParameters = { operation: 'createRemedy', mappingMode: 'autoMap' };
const lookups = (): RecordedRequest[] => session.requestsTo(PATHS.batchGetUserId);
const creates = (): RecordedRequest[] => session.requestsTo(PATHS.createRemedy);

/** Rows for four people with different shifts (standard, two-pair, three-pair, free schedule). */
const PEOPLE = [
	{ employeeId: 'e1001', email: 'zhang.wei@example.com', mobile: '13800000000', row: {} },
	{
		employeeId: 'e1003',
		email: 'li.na@example.com',
		mobile: '+86 138 0000 0003',
		row: { punch_no: 1, remedy_time: '13:30' },
	},
	{
		employeeId: 'e1004',
		email: 'Bob.Smith@Example.com',
		mobile: '+1 415 555 0104',
		row: { punch_no: 2, work_type: 'off_duty', remedy_time: '20:00' },
	},
	{
		employeeId: 'e1005',
		email: 'wang.fang@example.com',
		mobile: '13800000005',
		row: { punch_no: 'free', work_type: undefined, remedy_time: '10:00' },
	},
];

/** A remedy row that names its person by `who` (e.g. `{ email: … }`) instead of a user_id column. */
function rowFor(who: IDataObject, overrides: IDataObject = {}): IDataObject {
	const row = { ...who, ...remedyRow(overrides) };
	delete row.user_id;
	return row;
}

function rowsBy(column: string, value: (person: (typeof PEOPLE)[number]) => string): IDataObject[] {
	return PEOPLE.map((person) => rowFor({ [column]: value(person) }, person.row));
}

/** What the create requests a sandbox received carried, sorted: query and body. */
function createdRequests(sandbox: Sandbox): Array<[unknown, unknown]> {
	return sandbox
		.requests()
		.filter((request) => request.path === PATHS.createRemedy)
		.map((request) => [request.query, request.body] as [unknown, unknown])
		.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('Create Remedy Request by email or mobile number', () => {
	test.each([
		['an email column', 'email', (person: (typeof PEOPLE)[number]) => person.email],
		['a 邮箱 column', '邮箱', (person: (typeof PEOPLE)[number]) => person.email],
		['a mobile column', 'mobile', (person: (typeof PEOPLE)[number]) => person.mobile],
		['a 手机号 column', '手机号', (person: (typeof PEOPLE)[number]) => person.mobile],
		['a 手机 column', '手机', (person: (typeof PEOPLE)[number]) => person.mobile],
	])(
		'rows naming people by %s create exactly the remedies the same rows with employee IDs create',
		async (_name, column, value) => {
			const byId = await runRemedyNode({
				items: rowsBy('employee_id', (person) => person.employeeId),
				parameters: AUTO_MAP,
				credential: session.credential,
			});
			expect(byId.failed).toHaveLength(0);
			const expected = createdRequests(session.sandbox);
			expect(expected).toHaveLength(PEOPLE.length);

			// A second Feishu, so the default re-run check finds nothing the first run wrote.
			const other = await openSandbox();
			try {
				const byPerson = await runRemedyNode({
					items: rowsBy(column, value),
					parameters: AUTO_MAP,
					credential: other.credential,
				});
				expect(byPerson.failed.map((item) => item.json.error)).toEqual([]);
				expect(createdRequests(other.sandbox)).toEqual(expected);
				expect(expected.every(([query]) => JSON.stringify(query) === '{"employee_type":"employee_id"}')).toBe(true);
				expect(other.sandbox.requests().filter((request) => request.path === PATHS.batchGetUserId)).toHaveLength(1);
			} finally {
				await other.sandbox.close();
			}
		},
	);

	test('a Success item keeps the row and shows the resolved employee_id beside the email', async () => {
		const row = rowFor({ 邮箱: 'Zhang.Wei@example.com' });
		const result = await runRemedyNode({ items: [row], parameters: AUTO_MAP, credential: session.credential });
		const [stored] = session.sandbox.remedies();
		expect(result.success[0].json).toEqual({
			...row,
			approval_id: stored.approvalId,
			remedy: {
				employee_type: 'employee_id',
				user_id: 'e1001',
				remedy_date: 20260112,
				punch_no: 0,
				work_type: 1,
				remedy_time: '2026-01-12 09:00',
				reason: '忘记打卡',
			},
			resolved_user: { email: 'zhang.wei@example.com', employee_id: 'e1001' },
		});
	});

	test('a row by email run again finds its remedy (the re-run check asks by the looked-up ID) and creates nothing', async () => {
		const row = rowFor({ email: 'li.na@example.com' });
		const first = await runRemedyNode({ items: [row], parameters: AUTO_MAP, credential: session.credential });
		const again = await runRemedyNode({ items: [row], parameters: AUTO_MAP, credential: session.credential });
		expect(again.success[0].json).toMatchObject({
			approval_id: first.success[0].json.approval_id,
			existing: true,
			resolved_user: { email: 'li.na@example.com', employee_id: 'e1003' },
		});
		expect(creates()).toHaveLength(1);
	});

	test('Define Below with Employee ID Type Mobile Number reads the User ID as a mobile', async () => {
		const result = await runRemedyNode({
			items: [{ phone: '+852 9123 4567' }],
			parameters: {
				operation: 'createRemedy',
				mappingMode: 'defineBelow',
				employeeType: 'mobile',
				userId: '={{ $json.phone }}',
				remedyDate: '2026-01-12',
				punch: '0',
				workType: 'on_duty',
				remedyTime: '09:00',
				reason: '忘记打卡',
			},
			credential: session.credential,
		});
		expect(result.failed).toHaveLength(0);
		expect(result.success[0].json.resolved_user).toEqual({ mobile: '+85291234567', employee_id: 'e1002' });
		expect(creates()[0]).toMatchObject({ query: { employee_type: 'employee_id' }, body: { user_id: 'e1002' } });
		expect(lookups()[0]).toMatchObject({
			query: { user_id_type: 'user_id' },
			body: { mobiles: ['+85291234567'], include_resigned: false },
		});
	});

	test('an explicit Employee ID Type Email wins over an employee number column in the same row', async () => {
		const row = rowFor({ 工号: 'A1002', email: 'zhang.wei@example.com' });
		const result = await runRemedyNode({
			items: [row],
			parameters: { ...AUTO_MAP, employeeType: 'email' },
			credential: session.credential,
		});
		expect(result.failed).toHaveLength(0);
		expect(creates()[0]).toMatchObject({ query: { employee_type: 'employee_id' }, body: { user_id: 'e1001' } });
	});

	test('rows naming the same person several ways make one look-up of one value', async () => {
		const rows = ['zhang.wei@example.com', ' ZHANG.WEI@example.com', 'zhang.wei＠example.com'].map((email, index) =>
			rowFor({ email }, { remedy_date: `2026-01-0${index + 5}` }),
		);
		const result = await runRemedyNode({ items: rows, parameters: AUTO_MAP, credential: session.credential });
		expect(result.success).toHaveLength(3);
		expect(lookups().map((request) => request.body)).toEqual([
			{ emails: ['zhang.wei@example.com'], include_resigned: false },
		]);
	});

	test('1,000 rows naming 1,000 distinct people make 20 look-ups and 1,000 creates', async () => {
		const rows = Array.from({ length: 1000 }, (_, index) => rowFor({ email: `bench-${index + 1}@bench.example.com` }));
		const result = await runRemedyNode({ items: rows, parameters: AUTO_MAP, credential: session.credential });
		expect([result.success.length, result.failed.length]).toEqual([1000, 0]);
		// Every look-up request counts, refused ones too; 20 is the least 1,000 emails can take.
		expect(lookups()).toHaveLength(20);
		expect(lookups().every((request) => (request.body as { emails: string[] }).emails.length === 50)).toBe(true);
		// Creates refused with 429 are waited out and sent again; 1,000 were written, one per person.
		const written = creates().filter((request) => request.outcome.code === 0);
		expect(written).toHaveLength(1000);
		expect(new Set(written.map((request) => (request.body as { user_id: string }).user_id)).size).toBe(1000);
		expect(session.sandbox.remedies()).toHaveLength(1000);
		expect(result.success[999].json.remedy).toMatchObject({ user_id: 'bench-1000' });
	}, 120_000);
});

describe('people who cannot be resolved are never sent', () => {
	test.each([
		['an unknown email', { email: 'nobody@example.com' }, 'nobody@example.com'],
		['a resigned person', { email: 'sun.li@example.com' }, 'sun.li@example.com'],
		['a person outside the contact range', { 邮箱: 'zhou.jie@example.com' }, 'zhou.jie@example.com'],
		['an unknown mobile', { 手机号: '139 9999 9999' }, '13999999999'],
	])('%s lands in Failed as invalid input on user_id, and nothing is created', async (_name, who, value) => {
		const row = rowFor(who);
		const result = await runRemedyNode({
			items: [row, remedyRow()],
			parameters: AUTO_MAP,
			credential: session.credential,
		});
		expect(result.failed).toHaveLength(1);
		expect(result.failed[0].pairedItem).toEqual({ item: 0 });
		expect(result.failed[0].json).toMatchObject({
			...row,
			error: { category: 'invalid_input', field: 'user_id', value, retry_safe: true },
		});
		expect((result.failed[0].json.error as IDataObject).hint).toMatch(/contact data range/);
		expect(creates().map((request) => (request.body as { user_id: string }).user_id)).toEqual(['e1001']);
	});

	test('a mobile outside mainland China without its country code fails before any look-up, saying so', async () => {
		const result = await runRemedyNode({
			items: [rowFor({ mobile: '415 555 0104' })],
			parameters: AUTO_MAP,
			credential: session.credential,
		});
		expect(result.failed[0].json.error).toMatchObject({
			category: 'invalid_input',
			field: 'user_id',
			value: '415 555 0104',
		});
		expect((result.failed[0].json.error as IDataObject).msg).toMatch(/\+ and the country code/);
		expect([lookups().length, creates().length]).toEqual([0, 0]);
	});

	test('an email that is not an address fails before any look-up', async () => {
		const result = await runRemedyNode({
			items: [{ ...remedyRow(), user_id: 'not-an-email' }],
			parameters: { ...AUTO_MAP, employeeType: 'email' },
			credential: session.credential,
		});
		expect(result.failed[0].json.error).toMatchObject({
			category: 'invalid_input',
			field: 'user_id',
			value: 'not-an-email',
		});
		expect([lookups().length, creates().length]).toEqual([0, 0]);
	});

	test('an app without contact:user.id:readonly: Failed with 99991672 and the scope to add; nothing created', async () => {
		const credential = sandboxCredential(session.sandbox.baseUrl, NO_CONTACT_APP.appId, NO_CONTACT_APP.appSecret);
		const result = await runRemedyNode({
			items: [rowFor({ email: 'zhang.wei@example.com' })],
			parameters: AUTO_MAP,
			credential,
		});
		expect(result.failed[0].json.error).toMatchObject({
			category: 'permission',
			code: 99991672,
			field: 'user_id',
			value: 'zhang.wei@example.com',
			retry_safe: true,
		});
		expect((result.failed[0].json.error as IDataObject).hint).toMatch(/lacks the scope contact:user\.id:readonly/);
		expect(creates()).toHaveLength(0);
	});

	test('an app without contact:user.employee_id:readonly: Failed naming that scope; nothing created', async () => {
		const credential = sandboxCredential(
			session.sandbox.baseUrl,
			NO_EMPLOYEE_ID_APP.appId,
			NO_EMPLOYEE_ID_APP.appSecret,
		);
		const result = await runRemedyNode({
			items: [rowFor({ email: 'zhang.wei@example.com' })],
			parameters: AUTO_MAP,
			credential,
		});
		expect(result.failed[0].json.error).toMatchObject({ category: 'permission', field: 'user_id' });
		expect((result.failed[0].json.error as IDataObject).hint).toMatch(
			/^Add the scope contact:user\.employee_id:readonly/,
		);
		expect(creates()).toHaveLength(0);
	});

	test('a look-up Feishu answers with a server error fails its rows as safe to retry; nothing created', async () => {
		session.sandbox.injectFaults([{ fault: 'http500', path: PATHS.batchGetUserId }]);
		const result = await runRemedyNode({
			items: [rowFor({ email: 'zhang.wei@example.com' })],
			parameters: AUTO_MAP,
			credential: session.credential,
		});
		expect(result.failed[0].json.error).toMatchObject({ category: 'server', code: 1225000, retry_safe: true });
		expect(creates()).toHaveLength(0);
	});

	test('Validate Only looks people up but creates nothing', async () => {
		const result = await runRemedyNode({
			items: [rowFor({ email: 'zhang.wei@example.com' }), rowFor({ email: 'nobody@example.com' })],
			parameters: { ...AUTO_MAP, options: { validateOnly: true } },
			credential: session.credential,
		});
		expect(result.success[0].json).toMatchObject({
			dry_run: true,
			remedy: { user_id: 'e1001' },
			resolved_user: { email: 'zhang.wei@example.com', employee_id: 'e1001' },
		});
		expect(result.failed[0].json.error).toMatchObject({ field: 'user_id', value: 'nobody@example.com' });
		expect([lookups().length, creates().length]).toEqual([1, 0]);
	});
});

describe('the other operations that take a person', () => {
	test('Get Allowed Remedy Slots by mobile number asks for the resolved employee ID', async () => {
		const result = await runRemedyNode({
			items: [{ 手机: '13800000000', 日期: '2026-01-12' }],
			parameters: { operation: 'getAllowedSlots', mappingMode: 'autoMap' },
			credential: session.credential,
		});
		expect(result.failed).toHaveLength(0);
		expect(result.success.length).toBeGreaterThan(0);
		expect(result.success[0].json).toMatchObject({
			user_id: 'e1001',
			resolved_user: { mobile: '13800000000', employee_id: 'e1001' },
		});
		expect(session.requestsTo(PATHS.allowedRemedies)[0]).toMatchObject({
			query: { employee_type: 'employee_id' },
			body: { user_id: 'e1001', remedy_date: 20260112 },
		});
	});

	test('Get Remedy Records by emails asks for the resolved employee IDs and shows each record’s person', async () => {
		const { steps } = await runRemedyWorkflow({
			items: [remedyRow(), remedyRow({ user_id: 'e1003', punch_no: 1, remedy_time: '13:30' })],
			credential: session.credential,
			steps: [
				AUTO_MAP,
				{
					operation: 'getRemedyRecords',
					employeeType: 'email',
					userIds: 'li.na@example.com, zhang.wei@example.com',
					rangeFrom: '2026-01-01',
					rangeTo: '2026-01-31',
					statuses: ['pending'],
				},
			],
		});
		const records = steps[1];
		expect(records.failed).toHaveLength(0);
		expect(records.success.map((item) => [item.json.user_id, item.json.resolved_user])).toEqual(
			expect.arrayContaining([
				['e1003', { email: 'li.na@example.com', employee_id: 'e1003' }],
				['e1001', { email: 'zhang.wei@example.com', employee_id: 'e1001' }],
			]),
		);
		expect(
			session.requestsTo(PATHS.queryRemedies).every((request) => request.query.employee_type === 'employee_id'),
		).toBe(true);
	});

	test('Get Remedy Records naming someone Feishu does not find fails that item and sends no query for it', async () => {
		const result = await runRemedyNode({
			items: [{ who: 'nobody@example.com' }],
			parameters: {
				operation: 'getRemedyRecords',
				employeeType: 'email',
				userIds: '={{ $json.who }}',
				rangeFrom: '2026-01-01',
				rangeTo: '2026-01-31',
			},
			credential: session.credential,
		});
		expect(result.failed[0].json.error).toMatchObject({
			category: 'invalid_input',
			field: 'user_id',
			value: 'nobody@example.com',
		});
		expect(session.requestsTo(PATHS.queryRemedies)).toHaveLength(0);
	});
});
