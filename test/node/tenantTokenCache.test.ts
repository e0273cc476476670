import { TenantTokenCache } from '../../nodes/FeishuAttendanceRemedy/transport/tenantToken';
import type { TokenExchange } from '../../nodes/FeishuAttendanceRemedy/transport/tenantToken';

const app = { baseUrl: 'http://127.0.0.1:1', appId: 'cli_a', appSecret: 's1' };

function exchanger(results: TokenExchange[]) {
	let calls = 0;
	const exchange = async (): Promise<TokenExchange> => {
		const result = results[Math.min(calls, results.length - 1)];
		calls++;
		await Promise.resolve();
		return result;
	};
	return { exchange, calls: () => calls };
}

const token = (value: string, lifetimeMs = 7_200_000): TokenExchange => ({
	ok: true,
	token: { value, expiresAt: Date.now() + lifetimeMs },
});

test('fifty concurrent callers share one exchange', async () => {
	const cache = new TenantTokenCache();
	const { exchange, calls } = exchanger([token('t-1')]);
	const results = await Promise.all(Array.from({ length: 50 }, () => cache.get(app, exchange)));
	expect(calls()).toBe(1);
	expect(results.every((r) => r.ok && r.token.value === 't-1')).toBe(true);
});

test('a token is reused until shortly before it expires', async () => {
	const cache = new TenantTokenCache();
	const { exchange, calls } = exchanger([token('t-short', 4 * 60 * 1000), token('t-long')]);
	await cache.get(app, exchange);
	const second = await cache.get(app, exchange);
	expect(calls()).toBe(2);
	expect(second.ok && second.token.value).toBe('t-long');
	await cache.get(app, exchange);
	expect(calls()).toBe(2);
});

test('an invalidated token is exchanged again, once', async () => {
	const cache = new TenantTokenCache();
	const { exchange, calls } = exchanger([token('t-1'), token('t-2')]);
	await cache.get(app, exchange);
	cache.invalidate(app, 't-1');
	cache.invalidate(app, 't-1');
	const renewed = await Promise.all([cache.get(app, exchange), cache.get(app, exchange)]);
	expect(calls()).toBe(2);
	expect(renewed.map((r) => r.ok && r.token.value)).toEqual(['t-2', 't-2']);
});

test('invalidating a token that was already replaced keeps the newer one', async () => {
	const cache = new TenantTokenCache();
	const { exchange, calls } = exchanger([token('t-1'), token('t-2')]);
	await cache.get(app, exchange);
	cache.invalidate(app, 't-1');
	await cache.get(app, exchange);
	cache.invalidate(app, 't-1');
	await cache.get(app, exchange);
	expect(calls()).toBe(2);
});

test('a failed exchange is not cached', async () => {
	const cache = new TenantTokenCache();
	const { exchange, calls } = exchanger([{ ok: false, failure: { message: 'down' } }, token('t-1')]);
	expect((await cache.get(app, exchange)).ok).toBe(false);
	expect((await cache.get(app, exchange)).ok).toBe(true);
	expect(calls()).toBe(2);
});

test('a credential with the same App ID but another secret does not borrow the token', async () => {
	const cache = new TenantTokenCache();
	const right = exchanger([token('t-right')]);
	const wrong = exchanger([{ ok: false, failure: { code: 10014, message: 'bad secret' } }]);
	await cache.get(app, right.exchange);
	const borrowed = await cache.get({ ...app, appSecret: 'guess' }, wrong.exchange);
	expect(borrowed.ok).toBe(false);
	expect(wrong.calls()).toBe(1);
});
