import { READONLY_APP } from '../../sandbox';
import { remedyBody, useSandbox } from './sandboxClient';

/**
 * The sandbox's clock, held still while a burst is sent: every request of the burst arrives in
 * one rate-limit window however slowly a loaded machine delivers it, so each test judges exactly
 * one window (a wall clock let a burst straddle two windows, and the test failed now and then).
 */
const clock = { now: Date.UTC(2024, 2, 14, 2, 0, 0) };

const { sandbox, client } = useSandbox({ settings: { rateLimitPerSecond: 50 }, clock: () => clock.now });

const queryBody = { user_ids: ['e1001'], check_time_from: '1700000000', check_time_to: '1800000000' };

const benchRemedy = remedyBody({ user_id: 'e1008', remedy_date: 20240301, remedy_time: '2024-03-01 09:00' });

/** Runs a burst (token first) with the clock held at the start of the next second. */
async function inOneWindow<T>(burst: (token: string) => Promise<T>): Promise<T> {
	sandbox().reset();
	const token = await client().token();
	clock.now = (Math.floor(clock.now / 1000) + 1) * 1000;
	return await burst(token);
}

function times<T>(count: number, send: () => Promise<T>): Promise<T[]> {
	return Promise.all(Array.from({ length: count }, send));
}

describe('rate limit', () => {
	test('lets exactly 50 of 200 simultaneous requests through and answers the rest 429 with the headers', async () => {
		const replies = await inOneWindow((token) => times(200, () => client().create(token, benchRemedy)));
		const passed = replies.filter((reply) => reply.status === 200);
		const limited = replies.filter((reply) => reply.status === 429);
		expect([passed.length, limited.length]).toEqual([50, 150]);
		expect(sandbox().remedies()).toHaveLength(50);
		for (const reply of limited) {
			expect(reply.body).toMatchObject({ code: 99991400, msg: 'request trigger frequency limit' });
			expect(reply.headers.get('x-ogw-ratelimit-limit')).toBe('50');
			const reset = Number(reply.headers.get('x-ogw-ratelimit-reset'));
			expect(reset).toBeGreaterThan(0);
			expect(reset).toBeLessThanOrEqual(1);
		}
		expect(sandbox().stats().rateLimited).toBe(150);
	});

	test('opens a fresh window in the next second', async () => {
		const token = await inOneWindow(async (token) => {
			await times(60, () => client().create(token, benchRemedy));
			return token;
		});
		clock.now += 1000;
		expect((await client().create(token, benchRemedy)).status).toBe(200);
	});

	test('counts each app separately', async () => {
		const [demoReply, readonlyReply] = await inOneWindow(async (demo) => {
			const readonly = await client().token(READONLY_APP);
			await times(50, () => client().query(demo, queryBody));
			return Promise.all([client().query(demo, queryBody), client().query(readonly, queryBody)]);
		});
		expect([demoReply.status, readonlyReply.status]).toEqual([429, 200]);
	});

	test('counts each API path separately', async () => {
		const [queryReply, allowedReply] = await inOneWindow(async (token) => {
			await times(50, () => client().query(token, queryBody));
			return Promise.all([
				client().query(token, queryBody),
				client().allowed(token, { user_id: 'e1001', remedy_date: 20240314 }),
			]);
		});
		expect([queryReply.status, allowedReply.status]).toEqual([429, 200]);
	});

	test('rateLimitPerSecond 0 turns the limit off', async () => {
		sandbox().configure({ rateLimitPerSecond: 0 });
		const token = await client().token();
		const replies = await times(80, () => client().query(token, queryBody));
		expect(replies.every((reply) => reply.status === 200)).toBe(true);
	});

	test('leaves the token endpoint unlimited by default', async () => {
		const replies = await times(60, () => client().tokenReply());
		expect(replies.every((reply) => reply.status === 200)).toBe(true);
	});
});
