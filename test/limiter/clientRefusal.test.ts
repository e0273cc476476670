/**
 * The client's side of sharing: a 99991400 tells the app's shared limiter, which waits for
 * the reset and lowers its pace, and the refused request is sent again. A fake transport,
 * as in feishuClient.test.ts (the wire is tested against the sandbox in test/e2e/queueMode).
 */
import { sleep } from 'n8n-workflow';

import type { FeishuHttpResponse } from '../../nodes/FeishuAttendanceRemedy/transport/envelope';
import { FeishuClient } from '../../nodes/FeishuAttendanceRemedy/transport/feishuClient';
import type { FeishuCall, FeishuTransport } from '../../nodes/FeishuAttendanceRemedy/transport/feishuClient';
import { LimiterRegistry } from '../../nodes/FeishuAttendanceRemedy/transport/limiterRegistry';
import { TenantTokenCache } from '../../nodes/FeishuAttendanceRemedy/transport/tenantToken';

const app = { baseUrl: 'http://127.0.0.1:1', appId: 'cli_a', appSecret: 'secret-of-a' };
const PATH = '/open-apis/attendance/v1/user_task_remedys';

class ScriptedTransport implements FeishuTransport {
	readonly sentAt: number[] = [];
	constructor(private readonly answers: FeishuHttpResponse[]) {}
	async send(): Promise<FeishuHttpResponse> {
		this.sentAt.push(Date.now());
		return this.answers[Math.min(this.sentAt.length - 1, this.answers.length - 1)];
	}
	async exchangeToken() {
		return { ok: true as const, token: { value: 't-1', expiresAt: Date.now() + 7_200_000 } };
	}
	warn(): void {}
}

const refused = (resetSeconds: string): FeishuHttpResponse => ({
	statusCode: 429,
	headers: { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': resetSeconds },
	body: { code: 99991400, msg: 'request trigger frequency limit' },
});
const ok: FeishuHttpResponse = { statusCode: 200, headers: {}, body: { code: 0, msg: 'success', data: {} } };

test('a refusal pauses the app until the reset, lowers its shared pace, and the request goes again', async () => {
	const limiters = new LimiterRegistry();
	const transport = new ScriptedTransport([refused('0.2'), ok]);
	const client = new FeishuClient(
		app,
		transport,
		{ requestsPerSecond: 50, maxRetries: 5, timeoutMs: 30_000, retryServerErrors: false },
		{ tokens: new TenantTokenCache(), limiters },
	);

	const result = await client.call({ path: PATH, body: { user_id: 'e1' } });

	expect(result).toMatchObject({ ok: true, attempts: 2 });
	expect(transport.sentAt[1] - transport.sentAt[0]).toBeGreaterThanOrEqual(195);
	// Refused 0.8 s into a window: this process had about 80% of it, and its pace drops below that.
	const shared = limiters.limiterFor(app.baseUrl, app.appId, PATH, 50);
	expect(shared.ratePerSecond).toBeLessThan(0.82 * 50);
	expect(shared.ceiling).toBe(50);
});

describe('Max Retries counts a refusal only when none of the app’s requests got through', () => {
	/** Refuses the first `refusals` sends of user `a` (answering after 30 ms); accepts everything else. */
	class SharedBudgetTransport implements FeishuTransport {
		readonly sent: string[] = [];
		constructor(private refusals: number) {}
		async send(call: FeishuCall): Promise<FeishuHttpResponse> {
			const user = String(call.body.user_id);
			this.sent.push(user);
			if (user !== 'a' || this.refusals-- <= 0) return ok;
			await sleep(30);
			return refused('0.05');
		}
		async exchangeToken() {
			return { ok: true as const, token: { value: 't-1', expiresAt: Date.now() + 7_200_000 } };
		}
		warn(): void {}
	}

	const options = { requestsPerSecond: 50, maxRetries: 0, timeoutMs: 30_000, retryServerErrors: false };

	test('refused twice while other requests of the app got through: waited out, though Max Retries is 0', async () => {
		const shared = { tokens: new TenantTokenCache(), limiters: new LimiterRegistry() };
		const transport = new SharedBudgetTransport(2);
		const client = new FeishuClient(app, transport, options, shared);
		const [a] = await Promise.all([
			client.call({ path: PATH, body: { user_id: 'a' } }),
			...Array.from({ length: 10 }, async (_, i) => await client.call({ path: PATH, body: { user_id: `b${i}` } })),
		]);
		expect(a).toMatchObject({ ok: true, attempts: 3 });
		expect(transport.sent.filter((user) => user === 'a')).toHaveLength(3);
	});

	test('refused while nothing else got through: the refusal counts, and Max Retries 0 fails the request', async () => {
		const shared = { tokens: new TenantTokenCache(), limiters: new LimiterRegistry() };
		const transport = new SharedBudgetTransport(2);
		const client = new FeishuClient(app, transport, options, shared);
		const a = await client.call({ path: PATH, body: { user_id: 'a' } });
		expect(a).toMatchObject({ ok: false, attempts: 1, failure: { code: 99991400, category: 'rate_limited' } });
	});
});
