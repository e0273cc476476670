import { READONLY_APP } from '../../sandbox';
import { remedyBody, sleep, startOfSecond, useSandbox } from './sandboxClient';

const { sandbox, client } = useSandbox({ settings: { rateLimitPerSecond: 50 } });

const queryBody = { user_ids: ['e1001'], check_time_from: '1700000000', check_time_to: '1800000000' };

const benchRemedy = remedyBody({ user_id: 'e1008', remedy_date: 20240301, remedy_time: '2024-03-01 09:00' });

/**
 * Runs a burst (token first, then aligned to the start of a second) until all its attendance
 * requests arrived within one wall-clock second, so the test judges exactly one window even on a
 * loaded machine. Each attempt starts from a reset sandbox.
 */
async function inOneWindow<T>(burst: (token: string) => Promise<T>): Promise<T> {
	for (let attempt = 0; attempt < 3; attempt += 1) {
		sandbox().reset();
		const token = await client().token();
		await startOfSecond();
		const result = await burst(token);
		const seconds = new Set(sandbox().requests().filter((request) => request.path.includes('attendance')).map((request) => Math.floor(request.at / 1000)));
		if (seconds.size === 1) return result;
	}
	throw new Error('the burst never fitted into one second in 3 attempts');
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
		await sleep(1000);
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
			return Promise.all([client().query(token, queryBody), client().allowed(token, { user_id: 'e1001', remedy_date: 20240314 })]);
		});
		expect([queryReply.status, allowedReply.status]).toEqual([429, 200]);
	});

	test('rateLimitPerSecond 0 turns the limit off', async () => {
		sandbox().configure({ rateLimitPerSecond: 0 });
		const token = await client().token();
		await startOfSecond();
		const replies = await times(80, () => client().query(token, queryBody));
		expect(replies.every((reply) => reply.status === 200)).toBe(true);
	});

	test('leaves the token endpoint unlimited by default', async () => {
		await startOfSecond();
		const replies = await times(60, () => client().tokenReply());
		expect(replies.every((reply) => reply.status === 200)).toBe(true);
	});
});
