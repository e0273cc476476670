import { NO_CONTACT_APP, NO_EMPLOYEE_ID_APP, NO_SCOPE_APP, READONLY_APP } from '../../sandbox';
import { PATHS, useSandbox } from './sandboxClient';

const { sandbox, client } = useSandbox();

const ACTIVE = { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false };

describe('contact/v3/users/batch_get_id: who is found', () => {
	test('finds seeded people by email and answers their employee ID as user_id, with their status', async () => {
		const reply = await client().lookup(await client().token(), {
			emails: ['zhang.wei@example.com', 'li.na@example.com'],
		});
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([200, 0, 'success']);
		expect(reply.body.data?.user_list).toEqual([
			{ email: 'zhang.wei@example.com', user_id: 'e1001', status: ACTIVE },
			{ email: 'li.na@example.com', user_id: 'e1003', status: ACTIVE },
		]);
	});

	test('answers an open_id, not the employee ID, when user_id_type is not given (Feishu default)', async () => {
		const token = await client().token();
		const [byDefault, asked] = await Promise.all([
			client().lookup(token, { emails: ['zhang.wei@example.com'] }, null),
			client().lookup(token, { emails: ['zhang.wei@example.com'] }, 'open_id'),
		]);
		const [entry] = byDefault.body.data?.user_list ?? [];
		expect(entry?.user_id).toMatch(/^ou_[0-9a-f]{32}$/);
		expect(asked.body.data?.user_list?.[0]?.user_id).toBe(entry?.user_id);
	});

	test('answers a union_id for user_id_type union_id', async () => {
		const reply = await client().lookup(await client().token(), { emails: ['zhang.wei@example.com'] }, 'union_id');
		expect(reply.body.data?.user_list?.[0]?.user_id).toMatch(/^on_[0-9a-f]{32}$/);
	});

	test('matches an email ignoring case and echoes it as asked', async () => {
		const reply = await client().lookup(await client().token(), { emails: ['Zhang.Wei@EXAMPLE.com'] });
		expect(reply.body.data?.user_list).toEqual([{ email: 'Zhang.Wei@EXAMPLE.com', user_id: 'e1001', status: ACTIVE }]);
	});

	test('finds a mainland mobile written 13800000000 or +8613800000000', async () => {
		const reply = await client().lookup(await client().token(), { mobiles: ['13800000000', '+8613800000000'] });
		expect(reply.body.data?.user_list).toEqual([
			{ mobile: '13800000000', user_id: 'e1001', status: ACTIVE },
			{ mobile: '+8613800000000', user_id: 'e1001', status: ACTIVE },
		]);
	});

	test('finds a mobile outside mainland China only with + and the country code', async () => {
		const reply = await client().lookup(await client().token(), {
			mobiles: ['+85291234567', '85291234567', '91234567', '+14155550104', '4155550104'],
		});
		expect(reply.body.data?.user_list).toEqual([
			{ mobile: '+85291234567', user_id: 'e1002', status: ACTIVE },
			{ mobile: '85291234567' },
			{ mobile: '91234567' },
			{ mobile: '+14155550104', user_id: 'e1004', status: ACTIVE },
			{ mobile: '4155550104' },
		]);
	});

	test('does not forgive spaces or dashes in a mobile: normalising is the caller’s job', async () => {
		const reply = await client().lookup(await client().token(), {
			mobiles: ['138 0000 0000', '138-0000-0000', ' 13800000000'],
		});
		expect(reply.body.data?.user_list?.map((entry) => entry.user_id)).toEqual([undefined, undefined, undefined]);
	});

	test('answers an unknown person, one outside the contact range and a resigned one as entries without user_id, not as errors', async () => {
		const reply = await client().lookup(await client().token(), {
			emails: ['nobody@example.com', 'zhou.jie@example.com', 'sun.li@example.com'],
			mobiles: ['13999999999'],
		});
		expect([reply.status, reply.body.code]).toEqual([200, 0]);
		expect(reply.body.data?.user_list).toEqual([
			{ email: 'nobody@example.com' },
			{ email: 'zhou.jie@example.com' },
			{ email: 'sun.li@example.com' },
			{ mobile: '13999999999' },
		]);
	});

	test('answers a resigned person with include_resigned, marked resigned', async () => {
		const reply = await client().lookup(await client().token(), {
			emails: ['sun.li@example.com'],
			include_resigned: true,
		});
		expect(reply.body.data?.user_list).toEqual([
			{
				email: 'sun.li@example.com',
				user_id: 'e1011',
				status: { is_frozen: false, is_resigned: true, is_activated: false, is_exited: true, is_unjoin: false },
			},
		]);
	});

	test('finds a person outside the attendance data permission: the contact range is a separate setting', async () => {
		const reply = await client().lookup(await client().token(), { emails: ['zhao.min@example.com'] });
		expect(reply.body.data?.user_list?.[0]?.user_id).toBe('e1009');
	});

	test('answers emails first, then mobiles, each distinct value once', async () => {
		const reply = await client().lookup(await client().token(), {
			mobiles: ['13800000003', '13800000003'],
			emails: ['li.na@example.com', 'nobody@example.com', 'li.na@example.com'],
		});
		expect(reply.body.data?.user_list?.map((entry) => entry.email ?? entry.mobile)).toEqual([
			'li.na@example.com',
			'nobody@example.com',
			'13800000003',
		]);
	});

	test('finds bench-range people by their made-up email and mobile', async () => {
		const reply = await client().lookup(await client().token(), {
			emails: ['bench-7@bench.example.com', 'bench-10001@bench.example.com', 'bench-07@bench.example.com'],
			mobiles: ['13900000007', '+8613900010000'],
		});
		expect(reply.body.data?.user_list?.map((entry) => entry.user_id)).toEqual([
			'bench-7',
			undefined,
			undefined,
			'bench-7',
			'bench-10000',
		]);
	});

	test('answers an empty user_list when neither emails nor mobiles are given', async () => {
		const reply = await client().lookup(await client().token(), {});
		expect([reply.status, reply.body.code, reply.body.data?.user_list]).toEqual([200, 0, []]);
	});
});

describe('contact/v3/users/batch_get_id: what is refused', () => {
	const fifty = (make: (n: number) => string): string[] => Array.from({ length: 50 }, (_, index) => make(index + 1));

	test('accepts 50 emails and 50 mobiles in one request', async () => {
		const reply = await client().lookup(await client().token(), {
			emails: fifty((n) => `bench-${n}@bench.example.com`),
			mobiles: fifty((n) => `139${String(n + 50).padStart(8, '0')}`),
		});
		expect(reply.body.code).toBe(0);
		expect(reply.body.data?.user_list?.map((entry) => entry.user_id)).toEqual(
			Array.from({ length: 100 }, (_, index) => `bench-${index + 1}`),
		);
	});

	test.each([
		['51 emails', { emails: [...fifty((n) => `bench-${n}@bench.example.com`), 'one@more.example'] }, 'emails'],
		['51 mobiles', { mobiles: [...fifty((n) => `139${String(n).padStart(8, '0')}`), '13800000000'] }, 'mobiles'],
		['emails as a string', { emails: 'zhang.wei@example.com' }, 'emails'],
		['a number among the mobiles', { mobiles: [13800000000] }, 'mobiles'],
		[
			'include_resigned as a string',
			{ emails: ['zhang.wei@example.com'], include_resigned: 'false' },
			'include_resigned',
		],
	])('answers 99992402 naming the field for %s', async (_name, body, field) => {
		const reply = await client().lookup(await client().token(), body);
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([400, 99992402, 'field validation failed']);
		expect(reply.body.error?.field_violations?.[0]?.field).toBe(field);
		expect(reply.body.error?.log_id).toBe(reply.headers.get('x-tt-logid'));
	});

	test('answers 99992402 naming user_id_type for an id type Feishu does not have', async () => {
		const reply = await client().lookup(await client().token(), { emails: ['zhang.wei@example.com'] }, 'employee_id');
		expect([reply.status, reply.body.code, reply.body.error?.field_violations?.[0]?.field]).toEqual([
			400,
			99992402,
			'user_id_type',
		]);
	});

	test('answers 99992402 naming Content-Type when the body is not sent as JSON', async () => {
		const reply = await client().call(
			PATHS.batchGetUserId,
			{ emails: [] },
			{ token: await client().token(), contentType: 'text/plain', query: { user_id_type: 'user_id' } },
		);
		expect([reply.body.code, reply.body.error?.field_violations?.[0]?.field]).toEqual([99992402, 'Content-Type']);
	});

	test('answers 99991661 without a token, like every other API', async () => {
		const reply = await client().call(PATHS.batchGetUserId, { emails: ['zhang.wei@example.com'] });
		expect([reply.status, reply.body.code]).toEqual([400, 99991661]);
	});
});

describe('contact/v3/users/batch_get_id: scopes', () => {
	test.each([
		['a read-only attendance app', READONLY_APP],
		['an attendance app without contact scopes', NO_CONTACT_APP],
		['an app without scopes', NO_SCOPE_APP],
	])('answers 99991672 naming contact:user.id:readonly for %s', async (_name, app) => {
		const reply = await client().lookup(await client().token(app), { emails: ['zhang.wei@example.com'] });
		expect([reply.status, reply.body.code]).toEqual([400, 99991672]);
		expect(reply.body.error?.permission_violations?.map((violation) => violation.subject)).toEqual([
			'contact:user.id:readonly',
		]);
		expect(reply.body.msg).toContain('contact:user.id:readonly');
	});

	test('without contact:user.employee_id:readonly, finds the person but leaves out user_id', async () => {
		const token = await client().token(NO_EMPLOYEE_ID_APP);
		const [asUserId, asOpenId] = await Promise.all([
			client().lookup(token, { emails: ['zhang.wei@example.com', 'nobody@example.com'] }),
			client().lookup(token, { emails: ['zhang.wei@example.com'] }, 'open_id'),
		]);
		expect(asUserId.body.data?.user_list).toEqual([
			{ email: 'zhang.wei@example.com', status: ACTIVE },
			{ email: 'nobody@example.com' },
		]);
		expect(asOpenId.body.data?.user_list?.[0]?.user_id).toMatch(/^ou_/);
	});

	test('answers a different open_id to each app, the same union_id', async () => {
		const body = { emails: ['zhang.wei@example.com'] };
		const [demo, other] = [await client().token(), await client().token(NO_EMPLOYEE_ID_APP)];
		const ids = async (userIdType: string): Promise<Array<string | undefined>> =>
			(await Promise.all([client().lookup(demo, body, userIdType), client().lookup(other, body, userIdType)])).map(
				(reply) => reply.body.data?.user_list?.[0]?.user_id,
			);
		const openIds = await ids('open_id');
		const unionIds = await ids('union_id');
		expect(openIds[0]).not.toBe(openIds[1]);
		expect(unionIds[0]).toBe(unionIds[1]);
	});
});

describe('contact/v3/users/batch_get_id: rate limits and faults', () => {
	/**
	 * A sandbox whose clock is held still while a burst is sent: the burst is judged by one
	 * window however slowly a loaded machine delivers it (a wall clock made these tests flaky).
	 */
	const clock = { now: Date.UTC(2024, 2, 14, 2, 0, 0) };
	const held = useSandbox({ clock: () => clock.now });

	test('refuses the request past the per-minute limit with 429, 99991400 and a reset within the minute', async () => {
		held.sandbox().configure({ contactRateLimitPerMinute: 20 });
		const token = await held.client().token();
		clock.now = (Math.floor(clock.now / 60_000) + 1) * 60_000;
		const replies = [];
		for (let n = 0; n < 21; n += 1) {
			// One request a second: the per-second limit never refuses, the minute's budget runs out.
			clock.now += 1000;
			replies.push(await held.client().lookup(token, { emails: ['zhang.wei@example.com'] }));
		}
		expect(replies.slice(0, 20).map((reply) => reply.status)).toEqual(Array(20).fill(200));
		const refused = replies[20];
		expect([refused.status, refused.body.code]).toEqual([429, 99991400]);
		expect(refused.headers.get('x-ogw-ratelimit-limit')).toBe('20');
		const reset = Number(refused.headers.get('x-ogw-ratelimit-reset'));
		expect(reset).toBeGreaterThan(0);
		expect(reset).toBeLessThanOrEqual(60);
		// The per-minute limit is this API's own: the attendance APIs are not held by it.
		const query = { user_ids: ['e1001'], check_time_from: '1700000000', check_time_to: '1800000000' };
		expect((await held.client().query(token, query)).status).toBe(200);
	});

	test('defaults to Feishu’s 1,000 per minute, and 0 turns it off', () => {
		expect(sandbox().settings().contactRateLimitPerMinute).toBe(1000);
		sandbox().configure({ contactRateLimitPerMinute: 0 });
		expect(sandbox().settings().contactRateLimitPerMinute).toBe(0);
	});

	test('counts look-ups against the per-second limit per app, as every API', async () => {
		held.sandbox().configure({ rateLimitPerSecond: 5 });
		const token = await held.client().token();
		clock.now = (Math.floor(clock.now / 1000) + 1) * 1000;
		const replies = await Promise.all(
			Array.from({ length: 12 }, () => held.client().lookup(token, { emails: ['zhang.wei@example.com'] })),
		);
		expect(replies.map((reply) => reply.status).sort()).toEqual([...Array(5).fill(200), ...Array(7).fill(429)]);
		expect(replies.filter((reply) => reply.status === 429).every((reply) => reply.body.code === 99991400)).toBe(true);
	});

	test('a fault rule without a path applies to look-ups too', async () => {
		sandbox().injectFaults([{ fault: 'http500', times: 1 }]);
		const token = await client().token();
		const first = await client().lookup(token, { emails: ['zhang.wei@example.com'] });
		const second = await client().lookup(token, { emails: ['zhang.wei@example.com'] });
		expect([first.status, first.body.code, second.status]).toEqual([500, 1225000, 200]);
	});

	test('records the call like every other', async () => {
		await client().lookup(await client().token(), { emails: ['zhang.wei@example.com'] });
		const [recorded] = sandbox()
			.requests()
			.filter((request) => request.path === PATHS.batchGetUserId);
		expect(recorded).toMatchObject({
			method: 'POST',
			query: { user_id_type: 'user_id' },
			body: { emails: ['zhang.wei@example.com'] },
			appId: 'cli_sandbox_demo',
			outcome: { status: 200, code: 0 },
		});
	});
});
