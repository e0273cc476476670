import { DEMO_APP, defaultSeed } from '../../sandbox';
import { PATHS, TODAY, remedyBody, useSandbox } from './sandboxClient';

const { sandbox, client } = useSandbox();

async function create(body: Record<string, unknown>, employeeType = 'employee_id') {
	return client().create(await client().token(), body, employeeType);
}

describe('a valid remedy', () => {
	test('is stored as pending and answered with a 19-digit approval_id', async () => {
		const reply = await create(remedyBody());
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([200, 0, 'success']);
		const remedy = reply.body.data?.user_remedy;
		expect(remedy).toEqual({
			user_id: 'e1001',
			remedy_date: 20240314,
			punch_no: 0,
			work_type: 1,
			approval_id: expect.stringMatching(/^\d{19}$/),
			remedy_time: '2024-03-14 09:00',
			status: 0,
			reason: '忘记打卡',
			time: '-',
			time_zone: '-',
			create_time: '-',
			update_time: '-',
		});
		expect(sandbox().remedies()).toEqual([
			expect.objectContaining({
				approvalId: remedy?.approval_id,
				appId: DEMO_APP.appId,
				employeeType: 'employee_id',
				userId: 'e1001',
				employeeId: 'e1001',
				status: 0,
			}),
		]);
	});

	test('may name the user by employee_no, and is stored with the employee_id too', async () => {
		const reply = await create(remedyBody({ user_id: 'A1001' }), 'employee_no');
		expect(reply.body.data?.user_remedy?.user_id).toBe('A1001');
		expect(sandbox().remedies()[0]).toMatchObject({
			employeeType: 'employee_no',
			userId: 'A1001',
			employeeId: 'e1001',
		});
	});

	test('ignores the obsolete time field', async () => {
		const reply = await create(remedyBody({ time: 12345 }));
		expect(reply.body.code).toBe(0);
	});

	test('is accepted twice for the same slot, so a double write is visible', async () => {
		await create(remedyBody());
		const second = await create(remedyBody());
		expect(second.body.code).toBe(0);
		expect(sandbox().remedies()).toHaveLength(2);
	});

	test('may be an off-duty remedy placed after midnight on the next day', async () => {
		const reply = await create(remedyBody({ work_type: 2, remedy_time: '2024-03-15 01:30' }));
		expect(reply.body.code).toBe(0);
	});

	test('of a free-schedule user takes punch_no 0 and work_type 0', async () => {
		const reply = await create(remedyBody({ user_id: 'e1005', work_type: 0 }));
		expect(reply.body.code).toBe(0);
	});

	test('may target the second pair of a two-pair group', async () => {
		const reply = await create(
			remedyBody({ user_id: 'e1003', punch_no: 1, work_type: 2, remedy_time: '2024-03-14 18:00' }),
		);
		expect(reply.body.code).toBe(0);
	});

	test('may be written for a bench range user by employee_no', async () => {
		const reply = await create(
			remedyBody({ user_id: 'bench-no-42', remedy_date: 20200102, remedy_time: '2020-01-02 09:00' }),
			'employee_no',
		);
		expect(reply.body.code).toBe(0);
		expect(sandbox().remedies()[0].employeeId).toBe('bench-42');
	});
});

describe('1220001 param is invalid', () => {
	test('names employee_type when the query parameter is missing', async () => {
		const reply = await client().call(PATHS.createRemedy, remedyBody(), { token: await client().token() });
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([400, 1220001, 'param is invalid: employee_type']);
	});

	test('names employee_type when it is not employee_id or employee_no', async () => {
		const reply = await create(remedyBody(), 'open_id');
		expect([reply.body.code, reply.body.msg]).toEqual([1220001, 'param is invalid: employee_type']);
	});

	test('names Content-Type when the body is not sent as JSON', async () => {
		const token = await client().token();
		const reply = await client().call(PATHS.createRemedy, remedyBody(), {
			token,
			query: { employee_type: 'employee_id' },
			contentType: 'text/plain',
		});
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([400, 1220001, 'param is invalid: Content-Type']);
	});

	test('names body when the body is not a JSON object', async () => {
		const token = await client().token();
		const reply = await client().call(PATHS.createRemedy, undefined, {
			token,
			query: { employee_type: 'employee_id' },
			rawBody: '{"user_id":',
		});
		expect([reply.body.code, reply.body.msg]).toEqual([1220001, 'param is invalid: body']);
	});

	test.each([
		['user_id', 'missing', undefined],
		['user_id', 'empty', ''],
		['user_id', 'a number', 1001],
		['remedy_date', 'missing', undefined],
		['remedy_date', 'a string', '20240314'],
		['remedy_date', 'not a real date', 20240230],
		['remedy_date', 'seven digits', 2024031],
		['punch_no', 'missing', undefined],
		['punch_no', '3', 3],
		['punch_no', 'negative', -1],
		['punch_no', 'a string', '0'],
		['work_type', 'missing', undefined],
		['work_type', '3', 3],
		['work_type', 'fractional', 1.5],
		['remedy_time', 'missing', undefined],
		['remedy_time', 'without a leading zero', '2024-03-14 9:00'],
		['remedy_time', 'ISO with a T', '2024-03-14T09:00'],
		['remedy_time', 'with seconds', '2024-03-14 09:00:00'],
		['remedy_time', 'hour 24', '2024-03-14 24:00'],
		['remedy_time', 'not a real date', '2024-02-30 09:00'],
		['reason', 'missing', undefined],
		['reason', 'empty', ''],
	])('names %s when it is %s', async (field, _case, value) => {
		const reply = await create(remedyBody({ [field]: value }));
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([400, 1220001, `param is invalid: ${field}`]);
		expect(sandbox().remedies()).toHaveLength(0);
	});

	test('names remedy_time when it lies two days after remedy_date', async () => {
		const reply = await create(remedyBody({ remedy_time: '2024-03-16 09:00' }));
		expect([reply.body.code, reply.body.msg]).toEqual([1220001, 'param is invalid: remedy_time']);
	});

	test('names remedy_time when it lies before remedy_date', async () => {
		const reply = await create(remedyBody({ remedy_time: '2024-03-13 23:00' }));
		expect([reply.body.code, reply.body.msg]).toEqual([1220001, 'param is invalid: remedy_time']);
	});

	test('names punch_no when a free-schedule user sends punch_no 1', async () => {
		const reply = await create(remedyBody({ user_id: 'e1005', punch_no: 1, work_type: 0 }));
		expect([reply.body.code, reply.body.msg]).toEqual([1220001, 'param is invalid: punch_no']);
	});

	test('names work_type when a free-schedule user sends work_type 1', async () => {
		const reply = await create(remedyBody({ user_id: 'e1005', work_type: 1 }));
		expect([reply.body.code, reply.body.msg]).toEqual([1220001, 'param is invalid: work_type']);
	});

	test('names work_type when a fixed-schedule user sends work_type 0', async () => {
		const reply = await create(remedyBody({ work_type: 0 }));
		expect([reply.body.code, reply.body.msg]).toEqual([1220001, 'param is invalid: work_type']);
	});

	test('names punch_no when it exceeds the pairs of the user group', async () => {
		const reply = await create(remedyBody({ punch_no: 1 }));
		expect([reply.body.code, reply.body.msg]).toEqual([1220001, 'param is invalid: punch_no']);
	});
});

describe('user errors', () => {
	test('answers 1220004 for an unknown user', async () => {
		const reply = await create(remedyBody({ user_id: 'e9999' }));
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([
			400,
			1220004,
			'user_id is not exist or does not have permission',
		]);
	});

	test('answers 1220004 for an employee_no sent as an employee_id', async () => {
		const reply = await create(remedyBody({ user_id: 'A1001' }), 'employee_id');
		expect(reply.body.code).toBe(1220004);
	});

	test('answers 1220004 for a bench id past the end of the range', async () => {
		const reply = await create(remedyBody({ user_id: 'bench-10001' }));
		expect(reply.body.code).toBe(1220004);
	});

	test('answers 1220005 for a user outside the app data scope', async () => {
		const reply = await create(remedyBody({ user_id: 'e1009' }));
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([400, 1220005, '没有权限']);
	});
});

describe('attendance rules', () => {
	test('answers 1226502 when the user group forbids remedies', async () => {
		const reply = await create(remedyBody({ user_id: 'e1006' }));
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([400, 1226502, 'not allowed remedy']);
	});

	test('accepts a remedy_date exactly remedyDaysBack days before today', async () => {
		const reply = await create(remedyBody({ remedy_date: 20240214, remedy_time: '2024-02-14 09:00' }));
		expect(reply.body.code).toBe(0);
	});

	test('answers 1226503 for a remedy_date one day further back than the group allows', async () => {
		const reply = await create(remedyBody({ remedy_date: 20240213, remedy_time: '2024-02-13 09:00' }));
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([
			400,
			1226503,
			'approval time beyond the time range',
		]);
	});

	test('answers 1226503 for a remedy_date in the future', async () => {
		const reply = await create(remedyBody({ remedy_date: 20240316, remedy_time: '2024-03-16 09:00' }));
		expect(reply.body.code).toBe(1226503);
	});

	test('counts days back from settings.today', async () => {
		sandbox().configure({ today: 20240401 });
		const reply = await create(remedyBody());
		expect(reply.body.code).toBe(0);
		sandbox().configure({ today: 20240501 });
		expect((await create(remedyBody())).body.code).toBe(1226503);
	});

	test('answers 1226504 once the monthly limit of pending remedies is used', async () => {
		const strict = remedyBody({ user_id: 'e1007', remedy_date: TODAY, remedy_time: '2024-03-15 09:00' });
		expect((await create(strict)).body.code).toBe(0);
		const reply = await create({ ...strict, work_type: 2, remedy_time: '2024-03-15 18:00' });
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([400, 1226504, 'no remedy time left']);
	});

	test('gives the monthly chance back when the remedy is rejected', async () => {
		const token = await client().token();
		const strict = remedyBody({ user_id: 'e1007', remedy_date: TODAY, remedy_time: '2024-03-15 09:00' });
		const first = await client().create(token, strict);
		await client().process(token, first.body.data?.user_remedy?.approval_id ?? '', 1);
		expect((await client().create(token, strict)).body.code).toBe(0);
	});

	test('answers 1226501 when every punch of the day was normal', async () => {
		const reply = await create(remedyBody({ user_id: 'e1010' }));
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([400, 1226501, 'no need remedy']);
	});

	test('answers 1226501 for a seeded Normal slot and accepts the Lack slot of the same day', async () => {
		const seed = defaultSeed();
		seed.users.push({
			employeeId: 'e2001',
			employeeNo: 'B2001',
			name: 'Seeded Day',
			groupId: 'g-standard',
			days: { '20240314': ['Normal', 'Lack'] },
		});
		sandbox().seed(seed);
		expect((await create(remedyBody({ user_id: 'e2001' }))).body.code).toBe(1226501);
		expect(
			(await create(remedyBody({ user_id: 'e2001', work_type: 2, remedy_time: '2024-03-14 18:00' }))).body.code,
		).toBe(0);
	});

	test('checks the group rules before the punch result', async () => {
		const seed = defaultSeed();
		seed.users.push({
			employeeId: 'e2002',
			employeeNo: 'B2002',
			name: 'Normal, no remedy',
			groupId: 'g-no-remedy',
			defaultDay: 'normal',
		});
		sandbox().seed(seed);
		expect((await create(remedyBody({ user_id: 'e2002' }))).body.code).toBe(1226502);
	});
});
