/**
 * The Feishu client on its own, with a fake transport: the one place a fake is right,
 * because this is the client's unit test (what crosses the wire is tested over real HTTP
 * against the sandbox in the engine suites). Its token cache and limiter registry are
 * injected, so each test gets fresh ones.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FeishuHttpResponse } from '../../nodes/FeishuAttendanceRemedy/transport/envelope';
import { FeishuClient } from '../../nodes/FeishuAttendanceRemedy/transport/feishuClient';
import type {
	FeishuCall,
	FeishuClientOptions,
	FeishuTransport,
} from '../../nodes/FeishuAttendanceRemedy/transport/feishuClient';
import { LimiterRegistry } from '../../nodes/FeishuAttendanceRemedy/transport/limiterRegistry';
import { TenantTokenCache } from '../../nodes/FeishuAttendanceRemedy/transport/tenantToken';
import type { TokenExchange } from '../../nodes/FeishuAttendanceRemedy/transport/tenantToken';

const app = { baseUrl: 'http://127.0.0.1:1', appId: 'cli_a', appSecret: 'secret-of-a' };
const PATH = '/open-apis/attendance/v1/user_task_remedys';
const OPTIONS: FeishuClientOptions = {
	requestsPerSecond: 50,
	maxRetries: 5,
	timeoutMs: 30_000,
	retryServerErrors: false,
};

const ok = (data: IDataObject = {}): FeishuHttpResponse => ({
	statusCode: 200,
	headers: {},
	body: { code: 0, msg: 'success', data },
});
const tokenInvalid = (): FeishuHttpResponse => ({
	statusCode: 400,
	headers: {},
	body: { code: 99991663, msg: 'Invalid access token for authorization' },
});
const token = (value: string): TokenExchange => ({ ok: true, token: { value, expiresAt: Date.now() + 7_200_000 } });

/** A transport that answers from scripts and records what was sent, when. */
class FakeTransport implements FeishuTransport {
	readonly sent: Array<{ call: FeishuCall; token: string; at: number }> = [];
	readonly warnings: string[] = [];
	exchanges = 0;

	constructor(
		private readonly answers: (call: FeishuCall, index: number) => FeishuHttpResponse,
		private readonly tokens: TokenExchange[] = [token('t-1')],
	) {}

	async send(call: FeishuCall, tokenValue: string): Promise<FeishuHttpResponse> {
		this.sent.push({ call, token: tokenValue, at: Date.now() });
		return this.answers(call, this.sent.length - 1);
	}

	async exchangeToken(): Promise<TokenExchange> {
		return this.tokens[Math.min(this.exchanges++, this.tokens.length - 1)];
	}

	warn(message: string): void {
		this.warnings.push(message);
	}
}

function clientWith(
	transport: FakeTransport,
	shared = { tokens: new TenantTokenCache(), limiters: new LimiterRegistry() },
	options = OPTIONS,
) {
	return new FeishuClient(app, transport, options, shared);
}

test('a successful answer returns its data after one attempt', async () => {
	const transport = new FakeTransport(() => ok({ user_remedy: { approval_id: '1' } }));
	const result = await clientWith(transport).call({ path: PATH, body: { user_id: 'e1' } });
	expect(result).toEqual({ ok: true, data: { user_remedy: { approval_id: '1' } }, attempts: 1 });
	expect(transport.sent.map((s) => s.token)).toEqual(['t-1']);
});

test('a token-invalid answer renews the token once and replays the request with the new one', async () => {
	const transport = new FakeTransport(
		(_call, index) => (index === 0 ? tokenInvalid() : ok()),
		[token('t-1'), token('t-2')],
	);
	const result = await clientWith(transport).call({ path: PATH, body: {} });
	expect(result.ok).toBe(true);
	expect(transport.sent.map((s) => s.token)).toEqual(['t-1', 't-2']);
});

test('a token renewal that fails for a network blip mid-run is a network failure, as at the start of a run', async () => {
	const blip: TokenExchange = {
		ok: false,
		failure: {
			networkCode: 'ECONNRESET',
			message: 'Could not reach http://127.0.0.1:1 to get a tenant access token: the connection was reset',
		},
	};
	const transport = new FakeTransport(() => tokenInvalid(), [token('t-1'), blip]);
	const result = await clientWith(transport).call({ path: PATH, body: {} });
	expect(result.ok).toBe(false);
	if (result.ok) return;
	expect(result.failure).toMatchObject({ category: 'network', retrySafe: true, code: null });
	expect(result.failure.hint).toContain('ECONNRESET');
});

test('a token refused mid-run is an auth failure naming the code', async () => {
	const refused: TokenExchange = {
		ok: false,
		failure: {
			code: 10014,
			httpStatus: 400,
			message: 'Feishu refused the App ID / App Secret (code 10014: app secret invalid)',
		},
	};
	const transport = new FakeTransport(() => tokenInvalid(), [token('t-1'), refused]);
	const result = await clientWith(transport).call({ path: PATH, body: {} });
	expect(!result.ok && result.failure).toMatchObject({ category: 'auth', code: 10014, httpStatus: 400 });
});

test('the injected token cache is the one used: two clients sharing it exchange once', async () => {
	const shared = { tokens: new TenantTokenCache(), limiters: new LimiterRegistry() };
	const first = new FakeTransport(() => ok());
	const second = new FakeTransport(() => ok());
	await clientWith(first, shared).call({ path: PATH, body: {} });
	await clientWith(second, shared).call({ path: PATH, body: {} });
	expect(first.exchanges + second.exchanges).toBe(1);
});

test('a 5xx is not retried unless asked, and is not retry-safe', async () => {
	const transport = new FakeTransport(() => ({
		statusCode: 500,
		headers: {},
		body: { code: 1225000, msg: 'system busy' },
	}));
	const result = await clientWith(transport).call({ path: PATH, body: {} });
	expect(!result.ok && result.failure).toMatchObject({
		category: 'server',
		code: 1225000,
		httpStatus: 500,
		retrySafe: false,
	});
	expect(transport.sent).toHaveLength(1);
});

describe("each execution's Requests per Second applies to its own requests", () => {
	/** Sends `count` requests through the client at once; resolves with their send times. */
	async function burst(client: FeishuClient, transport: FakeTransport, count: number): Promise<number[]> {
		await Promise.all(Array.from({ length: count }, async () => await client.call({ path: PATH, body: {} })));
		return transport.sent.map((s) => s.at);
	}

	test('a slow execution beside a fast one: each keeps its own pace, both within the shared budget', async () => {
		const shared = { tokens: new TenantTokenCache(), limiters: new LimiterRegistry() };
		const slowTransport = new FakeTransport(() => ok());
		const fastTransport = new FakeTransport(() => ok());
		const slow = clientWith(slowTransport, shared, { ...OPTIONS, requestsPerSecond: 5 });
		const fast = clientWith(fastTransport, shared, { ...OPTIONS, requestsPerSecond: 50 });
		const start = Date.now();
		const [slowTimes, fastTimes] = await Promise.all([burst(slow, slowTransport, 4), burst(fast, fastTransport, 20)]);
		// The slow one is paced at 1/5 s whatever the other asked for: 4 sends span 3 × 204 ms, less at
		// most one shared slot (20 ms) its first send may have waited for. At 50/s they would span 60 ms.
		expect(slowTimes[3] - slowTimes[0]).toBeGreaterThanOrEqual(3 * 204 - 25);
		// The fast one was not slowed to 5/s: 20 requests at 5/s would take 3.8 s.
		expect(fastTimes[fastTimes.length - 1] - start).toBeLessThan(3_000);
		// Both pass through one shared limiter per app and API.
		expect(shared.limiters.limiterFor(app.baseUrl, app.appId, PATH, 1)).toBe(
			shared.limiters.limiterFor(app.baseUrl, app.appId, PATH, 1),
		);
	});

	test('a setting below the budget does not lower the shared limiter for others', () => {
		const limiters = new LimiterRegistry();
		const limiter = limiters.limiterFor(app.baseUrl, app.appId, PATH, 5);
		expect(limiter.ratePerSecond).toBe(50);
		limiters.limiterFor(app.baseUrl, app.appId, PATH, 2);
		expect(limiter.ratePerSecond).toBe(50);
	});

	test('one limiter per app and API path is shared by every caller of a registry', () => {
		const limiters = new LimiterRegistry();
		const first = limiters.limiterFor('http://127.0.0.1:1', 'cli_a', '/create', 50);
		expect(limiters.limiterFor('http://127.0.0.1:1', 'cli_a', '/create', 50)).toBe(first);
		expect(limiters.limiterFor('http://127.0.0.1:1', 'cli_b', '/create', 50)).not.toBe(first);
		expect(limiters.limiterFor('http://127.0.0.1:1', 'cli_a', '/process', 50)).not.toBe(first);
	});
});
