import { defaultSeed } from '../../sandbox';
import { TODAY, YESTERDAY, remedyBody, useSandbox } from './sandboxClient';

const { sandbox, client } = useSandbox();

async function allowed(body: Record<string, unknown>, employeeType = 'employee_id') {
	return client().allowed(await client().token(), body, employeeType);
}

describe('query_user_allowed_remedys', () => {
	test('lists both punches of a standard day with their windows', async () => {
		const reply = await allowed({ user_id: 'e1001', remedy_date: YESTERDAY });
		expect([reply.status, reply.body.code]).toEqual([200, 0]);
		expect(reply.body.data?.user_allowed_remedys).toEqual([
			{
				user_id: 'e1001',
				remedy_date: YESTERDAY,
				is_free_punch: false,
				punch_no: 0,
				work_type: 1,
				punch_status: 'Lack',
				normal_punch_time: '2024-03-14 09:00',
				remedy_start_time: '2024-03-14 00:00',
				remedy_end_time: '2024-03-14 18:00',
			},
			{
				user_id: 'e1001',
				remedy_date: YESTERDAY,
				is_free_punch: false,
				punch_no: 0,
				work_type: 2,
				punch_status: 'Lack',
				normal_punch_time: '2024-03-14 18:00',
				remedy_start_time: '2024-03-14 09:00',
				remedy_end_time: '2024-03-15 06:00',
			},
		]);
	});

	test('lists six slots for a three-pair group, each window between its neighbours', async () => {
		const slots = (await allowed({ user_id: 'e1004', remedy_date: YESTERDAY })).body.data?.user_allowed_remedys ?? [];
		expect(
			slots.map((slot) => [
				slot.punch_no,
				slot.work_type,
				slot.remedy_start_time.slice(11),
				slot.remedy_end_time.slice(11),
			]),
		).toEqual([
			[0, 1, '00:00', '11:00'],
			[0, 2, '08:00', '12:00'],
			[1, 1, '11:00', '15:00'],
			[1, 2, '12:00', '16:00'],
			[2, 1, '15:00', '20:00'],
			[2, 2, '16:00', '06:00'],
		]);
	});

	test('lists only the abnormal punches of a seeded day with their punch status', async () => {
		const seed = defaultSeed();
		seed.users.push({
			employeeId: 'e2001',
			employeeNo: 'B2001',
			name: 'Mixed',
			groupId: 'g-two-pair',
			days: { '20240314': ['Late', 'Normal', 'Normal', 'Early'] },
		});
		sandbox().seed(seed);
		const slots = (await allowed({ user_id: 'e2001', remedy_date: YESTERDAY })).body.data?.user_allowed_remedys ?? [];
		expect(slots.map((slot) => [slot.punch_no, slot.work_type, slot.punch_status])).toEqual([
			[0, 1, 'Late'],
			[1, 2, 'Early'],
		]);
	});

	test('marks free-schedule slots as free punches with punch_no 0 and work_type 0', async () => {
		const slots = (await allowed({ user_id: 'e1005', remedy_date: YESTERDAY })).body.data?.user_allowed_remedys ?? [];
		expect(slots).toHaveLength(2);
		expect(slots.every((slot) => slot.is_free_punch && slot.punch_no === 0 && slot.work_type === 0)).toBe(true);
	});

	test('answers user_id as the request sent it', async () => {
		const slots =
			(await allowed({ user_id: 'A1001', remedy_date: YESTERDAY }, 'employee_no')).body.data?.user_allowed_remedys ??
			[];
		expect(slots[0]?.user_id).toBe('A1001');
	});

	test('answers 1226501 when every punch of the day was normal', async () => {
		const reply = await allowed({ user_id: 'e1010', remedy_date: YESTERDAY });
		expect([reply.status, reply.body.code]).toEqual([400, 1226501]);
	});

	test('answers 1226502 when the user group forbids remedies', async () => {
		expect((await allowed({ user_id: 'e1006', remedy_date: YESTERDAY })).body.code).toBe(1226502);
	});

	test('answers 1226503 for a date older than the group allows', async () => {
		expect((await allowed({ user_id: 'e1007', remedy_date: 20240311 })).body.code).toBe(1226503);
	});

	test('answers 1226504 once the user has used the monthly limit', async () => {
		const token = await client().token();
		await client().create(token, remedyBody({ user_id: 'e1007', remedy_date: TODAY, remedy_time: '2024-03-15 09:00' }));
		expect((await client().allowed(token, { user_id: 'e1007', remedy_date: YESTERDAY })).body.code).toBe(1226504);
	});

	test('answers 1220004 for an unknown user', async () => {
		expect((await allowed({ user_id: 'nobody', remedy_date: YESTERDAY })).body.code).toBe(1220004);
	});

	test('answers 1220005 for a user outside the data scope', async () => {
		expect((await allowed({ user_id: 'e1009', remedy_date: YESTERDAY })).body.code).toBe(1220005);
	});

	test('answers 1220001 naming remedy_date when it is missing', async () => {
		const reply = await allowed({ user_id: 'e1001' });
		expect([reply.body.code, reply.body.msg]).toEqual([1220001, 'param is invalid: remedy_date']);
	});
});
