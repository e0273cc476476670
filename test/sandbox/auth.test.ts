import { DEMO_APP, NO_SCOPE_APP, READONLY_APP } from '../../sandbox';
import { PATHS, remedyBody, sleep, useSandbox } from './sandboxClient';

const { sandbox, client } = useSandbox();

const queryBody = { user_ids: ['e1001'], check_time_from: '1700000000', check_time_to: '1800000000' };

describe('tenant_access_token endpoint', () => {
	test('issues a long opaque t- token that expires in 7200 seconds', async () => {
		const reply = await client().tokenReply();
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ code: 0, msg: 'ok', expire: 7200 });
		expect(reply.body.tenant_access_token).toMatch(/^t-[0-9a-f]{40,}$/);
	});

	test('answers 10003 with HTTP 400 for an unknown app_id', async () => {
		const reply = await client().tokenReply({ appId: 'cli_unknown', appSecret: DEMO_APP.appSecret });
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([400, 10003, 'invalid param']);
	});

	test('answers 10003 when app_secret is missing', async () => {
		const reply = await client().call(PATHS.tenantToken, { app_id: DEMO_APP.appId });
		expect([reply.status, reply.body.code]).toEqual([400, 10003]);
	});

	test('answers 10014 with HTTP 400 for a wrong app_secret', async () => {
		const reply = await client().tokenReply({ appId: DEMO_APP.appId, appSecret: 'wrong' });
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([400, 10014, 'app secret invalid']);
	});

	test('returns the same token while more than the renew threshold is left', async () => {
		const first = await client().tokenReply();
		await sleep(1100);
		const second = await client().tokenReply();
		expect(second.body.tenant_access_token).toBe(first.body.tenant_access_token);
		expect(second.body.expire).toBe(7198);
	});

	test('issues a new token below the renew threshold and keeps the old one valid until it expires', async () => {
		sandbox().configure({ tokenLifetimeSeconds: 1.5, tokenRenewThresholdSeconds: 1 });
		const first = await client().token();
		await sleep(600);
		const second = await client().token();
		expect(second).not.toBe(first);
		expect((await client().query(first, queryBody)).body.code).toBe(0);
		await sleep(1000);
		expect((await client().query(first, queryBody)).body.code).toBe(99991663);
		expect((await client().query(second, queryBody)).body.code).toBe(0);
	});

	test('counts every token endpoint call, failed ones included', async () => {
		await client().tokenReply();
		await client().tokenReply();
		await client().tokenReply({ appId: DEMO_APP.appId, appSecret: 'wrong' });
		expect(sandbox().tokenRequests()).toBe(3);
	});
});

describe('token check on attendance endpoints', () => {
	test('answers 99991661 when the Authorization header is missing', async () => {
		const reply = await client().call(PATHS.createRemedy, remedyBody(), { query: { employee_type: 'employee_id' } });
		expect([reply.status, reply.body.code]).toEqual([400, 99991661]);
		expect(reply.body.msg).toMatch(/^Missing access token/);
	});

	test('answers 99991663 for a token the sandbox never issued', async () => {
		const reply = await client().create('t-00000000000000000000000000000000', remedyBody());
		expect([reply.status, reply.body.code]).toEqual([400, 99991663]);
		expect(reply.body.msg).toMatch(/^Invalid access token/);
		expect(sandbox().remedies()).toHaveLength(0);
	});

	test('revokeTokens invalidates the tokens of that app only', async () => {
		const demo = await client().token();
		const readonly = await client().token(READONLY_APP);
		sandbox().revokeTokens(DEMO_APP.appId);
		expect((await client().query(demo, queryBody)).body.code).toBe(99991663);
		expect((await client().query(readonly, queryBody)).body.code).toBe(0);
	});

	test('hands out a fresh token after a revocation', async () => {
		const revoked = await client().token();
		sandbox().revokeTokens();
		const fresh = await client().token();
		expect(fresh).not.toBe(revoked);
		expect((await client().query(fresh, queryBody)).body.code).toBe(0);
	});

	test('answers token problems with HTTP 200 when tokenInvalidHttpStatus is 200', async () => {
		sandbox().configure({ tokenInvalidHttpStatus: 200 });
		const reply = await client().create('t-unknown', remedyBody());
		expect([reply.status, reply.body.code]).toEqual([200, 99991663]);
	});
});

describe('scopes', () => {
	test('answers 99991672 naming attendance:task when a read-only app creates a remedy', async () => {
		const reply = await client().create(await client().token(READONLY_APP), remedyBody());
		expect([reply.status, reply.body.code]).toEqual([400, 99991672]);
		expect(reply.body.error?.permission_violations).toEqual([
			{ type: 'action_scope_required', subject: 'attendance:task', description: expect.any(String) },
		]);
		expect(reply.body.error?.helps?.[0]?.url).toContain(READONLY_APP.appId);
		expect(sandbox().remedies()).toHaveLength(0);
	});

	test('lets a read-only app query remedies', async () => {
		const reply = await client().query(await client().token(READONLY_APP), queryBody);
		expect([reply.status, reply.body.code]).toEqual([200, 0]);
	});

	test('answers 99991672 naming both attendance scopes when an app without scopes queries', async () => {
		const reply = await client().query(await client().token(NO_SCOPE_APP), queryBody);
		expect(reply.body.code).toBe(99991672);
		expect(reply.body.error?.permission_violations?.map((violation) => violation.subject)).toEqual([
			'attendance:task',
			'attendance:task:readonly',
		]);
	});
});

describe('envelope', () => {
	test('puts an x-tt-logid header on answers and the same log_id in failure bodies', async () => {
		const success = await client().tokenReply();
		const failed = await client().create('t-unknown', remedyBody());
		expect(success.headers.get('x-tt-logid')).toMatch(/^\d{14}[0-9A-F]+$/);
		expect(failed.body.error?.log_id).toBe(failed.headers.get('x-tt-logid'));
		expect(failed.headers.get('x-tt-logid')).not.toBe(success.headers.get('x-tt-logid'));
	});

	test('answers 404 page not found for an unknown path under /open-apis', async () => {
		const reply = await client().call('/open-apis/attendance/v1/nothing_here', {}, { token: await client().token() });
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([404, 404, '404 page not found']);
	});

	test('answers 404 for GET on the create path, as every endpoint is POST', async () => {
		const reply = await client().call(PATHS.createRemedy, undefined, { method: 'GET' });
		expect(reply.status).toBe(404);
	});
});
