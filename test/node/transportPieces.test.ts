import { readEnvelope } from '../../nodes/FeishuAttendanceRemedy/transport/envelope';
import { FEISHU_BASE_URL, LARK_BASE_URL, readFeishuApp, resolveBaseUrl } from '../../credentials/feishuApp';
import { classifyNetworkError } from '../../nodes/FeishuAttendanceRemedy/transport/networkError';

describe('base URL', () => {
	test.each([
		[FEISHU_BASE_URL, '', 'https://open.feishu.cn'],
		[LARK_BASE_URL, '', 'https://open.larksuite.com'],
		['custom', 'https://open.larkoffice.com/', 'https://open.larkoffice.com'],
		['custom', 'https://proxy.example.com/feishu/', 'https://proxy.example.com/feishu'],
		['custom', 'http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
		['custom', 'http://localhost:8787', 'http://localhost:8787'],
		['custom', 'http://[::1]:8787', 'http://[::1]:8787'],
	])('region %s with %p sends to %s', (region, custom, expected) => {
		expect(resolveBaseUrl(region, custom)).toEqual({ ok: true, url: expected });
	});

	test.each([
		['plain http to a public host', 'http://open.feishu.cn'],
		['plain http to a private address', 'http://192.168.1.10:8787'],
		['not a URL', 'open.feishu.cn'],
		['credentials in the URL', 'https://user:pw@open.feishu.cn'],
		['ftp', 'ftp://127.0.0.1'],
	])('refuses %s', (_case, custom) => {
		const result = resolveBaseUrl('custom', custom);
		expect(result.ok).toBe(false);
	});

	test('the refusal of plain http says why', () => {
		const result = resolveBaseUrl('custom', 'http://10.0.0.5');
		expect(!result.ok && result.message).toMatch(/must use https:\/\/.*loopback/);
	});

	test('a credential without an App Secret is reported before anything is sent', () => {
		const result = readFeishuApp({ region: FEISHU_BASE_URL, appId: 'cli_a', appSecret: ' ' });
		expect(!result.ok && result.message).toBe('The Feishu API credential has no App Secret');
	});
});

describe('envelope', () => {
	test('reads code, msg, data and log id whatever the HTTP status', () => {
		const reply = readEnvelope({
			statusCode: 200,
			headers: { 'x-tt-logid': 'log-header' },
			body: { code: 99991663, msg: 'Invalid access token', error: { log_id: 'log-body' } },
		});
		expect(reply).toMatchObject({ httpStatus: 200, code: 99991663, msg: 'Invalid access token', logId: 'log-body' });
	});

	test('reads the rate-limit headers', () => {
		const reply = readEnvelope({
			statusCode: 429,
			headers: { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': '0.374' },
			body: '{"code":99991400,"msg":"request trigger frequency limit"}',
		});
		expect(reply).toMatchObject({ code: 99991400, rateLimit: { limit: 50, resetSeconds: 0.374 } });
	});

	test('a body that is not the envelope has no code', () => {
		const reply = readEnvelope({ statusCode: 200, headers: {}, body: '<html>gateway</html>' });
		expect(reply.code).toBeUndefined();
		expect(reply.msg).toContain('not its JSON envelope');
	});
});

describe('network errors', () => {
	test('a refused connection was never sent', () => {
		const error = Object.assign(new Error('wrapped'), {
			cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
		});
		expect(classifyNetworkError(error)).toMatchObject({ code: 'ECONNREFUSED', notSent: true });
	});

	test.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED'])('%s may have reached Feishu', (code) => {
		expect(classifyNetworkError({ code })).toMatchObject({ code, notSent: false });
	});

	test('the message is built from the code, never from the error text', () => {
		const error = { code: 'ECONNRESET', message: 'Authorization: Bearer t-secret' };
		expect(classifyNetworkError(error).message).not.toContain('t-secret');
	});
});
