import { READONLY_APP } from '../../sandbox';
import { remedyBody, useSandbox } from './sandboxClient';

const { client } = useSandbox();

/** 2024-03-14 00:00 and 2024-03-16 00:00 in Asia/Shanghai, as unix seconds. */
const FROM = String(Date.UTC(2024, 2, 13, 16) / 1000);
const TO = String(Date.UTC(2024, 2, 15, 16) / 1000);

/** Creates a remedy for e1001 and returns its approval id. */
async function createRemedy(token: string, overrides: Record<string, unknown> = {}): Promise<string> {
	const reply = await client().create(token, remedyBody(overrides));
	const approvalId = reply.body.data?.user_remedy?.approval_id;
	if (!approvalId) throw new Error(reply.text);
	return approvalId;
}

describe('user_task_remedys/query', () => {
	test('returns only approved remedies when no status is given', async () => {
		const token = await client().token();
		const approved = await createRemedy(token);
		await createRemedy(token, { work_type: 2, remedy_time: '2024-03-14 18:00' });
		await client().process(token, approved, 2);
		const reply = await client().query(token, { user_ids: ['e1001'], check_time_from: FROM, check_time_to: TO });
		expect(reply.body.data?.user_remedys?.map((remedy) => remedy.approval_id)).toEqual([approved]);
	});

	test('returns pending remedies when status is 0', async () => {
		const token = await client().token();
		const pending = await createRemedy(token);
		const reply = await client().query(token, {
			user_ids: ['e1001'],
			check_time_from: FROM,
			check_time_to: TO,
			status: 0,
		});
		expect(reply.body.data?.user_remedys?.map((remedy) => remedy.approval_id)).toEqual([pending]);
	});

	test('describes each remedy with seconds as strings and the Shanghai time zone', async () => {
		const token = await client().token();
		const approvalId = await createRemedy(token);
		await client().process(token, approvalId, 2);
		const [remedy] =
			(await client().query(token, { user_ids: ['e1001'], check_time_from: FROM, check_time_to: TO })).body.data
				?.user_remedys ?? [];
		expect(remedy).toEqual({
			user_id: 'e1001',
			remedy_date: 20240314,
			punch_no: 0,
			work_type: 1,
			approval_id: approvalId,
			remedy_time: '2024-03-14 09:00',
			status: 2,
			reason: '忘记打卡',
			time: String(Date.UTC(2024, 2, 14, 1) / 1000),
			time_zone: 'Asia/Shanghai',
			create_time: expect.stringMatching(/^\d{10}$/),
			update_time: expect.stringMatching(/^\d{10}$/),
		});
	});

	test('leaves out remedies whose remedy_time is outside check_time_from..check_time_to', async () => {
		const token = await client().token();
		await createRemedy(token);
		const nineOClock = Date.UTC(2024, 2, 14, 1) / 1000;
		const before = await client().query(token, {
			user_ids: ['e1001'],
			check_time_from: FROM,
			check_time_to: String(nineOClock - 60),
			status: 0,
		});
		const exactly = await client().query(token, {
			user_ids: ['e1001'],
			check_time_from: String(nineOClock),
			check_time_to: String(nineOClock),
			status: 0,
		});
		expect(before.body.data?.user_remedys).toEqual([]);
		expect(exactly.body.data?.user_remedys).toHaveLength(1);
	});

	test('answers user_id in the id type the query asked with', async () => {
		const token = await client().token();
		await createRemedy(token);
		const reply = await client().query(
			token,
			{ user_ids: ['A1001'], check_time_from: FROM, check_time_to: TO, status: 0 },
			'employee_no',
		);
		expect(reply.body.data?.user_remedys?.[0]?.user_id).toBe('A1001');
	});

	test('lets a read-only app read remedies written by another app', async () => {
		await createRemedy(await client().token());
		const reply = await client().query(await client().token(READONLY_APP), {
			user_ids: ['e1001'],
			check_time_from: FROM,
			check_time_to: TO,
			status: 0,
		});
		expect(reply.body.data?.user_remedys).toHaveLength(1);
	});

	test('answers 1220001 naming user_ids for more than 50 users', async () => {
		const userIds = Array.from({ length: 51 }, (_, index) => `bench-${index + 1}`);
		const reply = await client().query(await client().token(), {
			user_ids: userIds,
			check_time_from: FROM,
			check_time_to: TO,
		});
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([400, 1220001, 'param is invalid: user_ids']);
	});

	test('accepts exactly 50 users', async () => {
		const userIds = Array.from({ length: 50 }, (_, index) => `bench-${index + 1}`);
		const reply = await client().query(await client().token(), {
			user_ids: userIds,
			check_time_from: FROM,
			check_time_to: TO,
		});
		expect(reply.body.code).toBe(0);
	});

	test('answers 1220001 naming check_time_from when it is a number instead of a string', async () => {
		const reply = await client().query(await client().token(), {
			user_ids: ['e1001'],
			check_time_from: Number(FROM),
			check_time_to: TO,
		});
		expect(reply.body.msg).toBe('param is invalid: check_time_from');
	});

	test('answers 1220004 when one of the users is unknown', async () => {
		const reply = await client().query(await client().token(), {
			user_ids: ['e1001', 'ghost'],
			check_time_from: FROM,
			check_time_to: TO,
		});
		expect(reply.body.code).toBe(1220004);
	});
});
