import { DEMO_APP, defaultSeed, type RecordedRequest, type SandboxStats, type StoredRemedy } from '../../sandbox';
import { PATHS, remedyBody, useSandbox } from './sandboxClient';

const { sandbox, client } = useSandbox();

async function admin<T>(method: string, name: string, body?: unknown): Promise<{ status: number; body: T }> {
	const response = await fetch(`${sandbox().baseUrl}/__sandbox/${name}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as T };
}

describe('admin HTTP API', () => {
	test('configure merges settings and answers the full result', async () => {
		const reply = await admin<{ settings: { latencyMs: number; rateLimitPerSecond: number } }>('POST', 'configure', {
			latencyMs: 5,
		});
		expect(reply.status).toBe(200);
		expect(reply.body.settings).toMatchObject({ latencyMs: 5, rateLimitPerSecond: 0 });
		expect(sandbox().settings().latencyMs).toBe(5);
	});

	test('configure refuses an invalid setting with 400 and leaves the settings alone', async () => {
		const reply = await admin<{ error: string }>('POST', 'configure', { tokenInvalidHttpStatus: 401 });
		expect(reply.status).toBe(400);
		expect(reply.body.error).toMatch(/tokenInvalidHttpStatus/);
		expect(sandbox().settings().tokenInvalidHttpStatus).toBe(400);
	});

	test('seed replaces the tenant', async () => {
		const seed = defaultSeed();
		seed.apps = [{ appId: 'cli_other', appSecret: 'other-secret', scopes: ['attendance:task'] }];
		expect((await admin('POST', 'seed', seed)).status).toBe(200);
		expect((await client().tokenReply({ appId: 'cli_other', appSecret: 'other-secret' })).body.code).toBe(0);
		expect((await client().tokenReply()).body.code).toBe(10003);
	});

	test('seed refuses a user of an unknown group with 400 and keeps the old tenant', async () => {
		const seed = defaultSeed();
		seed.users.push({ employeeId: 'x', employeeNo: 'X', name: 'Lost', groupId: 'g-missing' });
		const reply = await admin<{ error: string }>('POST', 'seed', seed);
		expect([reply.status, reply.body.error]).toEqual([400, 'user x: unknown groupId "g-missing"']);
		expect((await client().tokenReply()).body.code).toBe(0);
	});

	test('requests lists the recorded requests and since= only the newer ones', async () => {
		await client().tokenReply();
		const token = await client().token();
		await client().create(token, remedyBody());
		const all = await admin<{ requests: RecordedRequest[] }>('GET', 'requests');
		expect(all.body.requests.map((request) => request.path)).toEqual([
			PATHS.tenantToken,
			PATHS.tenantToken,
			PATHS.createRemedy,
		]);
		const last = all.body.requests[2];
		expect(last).toMatchObject({
			method: 'POST',
			query: { employee_type: 'employee_id' },
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
			body: remedyBody(),
			appId: DEMO_APP.appId,
			outcome: { status: 200, code: 0 },
			faults: [],
		});
		const newer = await admin<{ requests: RecordedRequest[] }>('GET', `requests?since=${all.body.requests[1].seq}`);
		expect(newer.body.requests.map((request) => request.seq)).toEqual([last.seq]);
	});

	test('remedies lists the stored remedies', async () => {
		await client().create(await client().token(), remedyBody());
		const reply = await admin<{ remedies: StoredRemedy[] }>('GET', 'remedies');
		expect(reply.body.remedies).toEqual([
			expect.objectContaining({ userId: 'e1001', remedyDate: 20240314, status: 0 }),
		]);
	});

	test('stats counts token requests and outcomes per path', async () => {
		const token = await client().token();
		await client().create(token, remedyBody());
		await client().create(token, remedyBody({ user_id: 'ghost' }));
		const reply = await admin<SandboxStats>('GET', 'stats');
		expect(reply.body).toMatchObject({ requests: 3, tokenRequests: 1, rateLimited: 0, remedies: 1 });
		expect(reply.body.byPath[PATHS.createRemedy]).toEqual({ '200:0': 1, '400:1220004': 1 });
	});

	test('revoke-tokens invalidates the tokens of the given app', async () => {
		const token = await client().token();
		await admin('POST', 'revoke-tokens', { appId: DEMO_APP.appId });
		expect((await client().create(token, remedyBody())).body.code).toBe(99991663);
	});

	test('faults appends rules and DELETE faults clears them', async () => {
		const token = await client().token();
		await admin('POST', 'faults', [{ fault: 'http500', times: 1 }]);
		await admin('POST', 'faults', { rules: [{ fault: 'http500', times: 1 }] });
		expect((await client().create(token, remedyBody())).status).toBe(500);
		await admin('DELETE', 'faults');
		expect((await client().create(token, remedyBody())).status).toBe(200);
	});

	test('faults refuses a rule with a probability above 1', async () => {
		const reply = await admin<{ error: string }>('POST', 'faults', [{ fault: 'http500', probability: 2 }]);
		expect(reply.status).toBe(400);
		expect(reply.body.error).toMatch(/probability/);
	});

	test('reset restores the start seed and settings and forgets remedies', async () => {
		sandbox().seed({ apps: [], groups: [], users: [] });
		sandbox().configure({ latencyMs: 7 });
		await admin('POST', 'reset');
		expect(sandbox().settings().latencyMs).toBe(0);
		expect(sandbox().remedies()).toEqual([]);
		expect((await client().tokenReply()).body.code).toBe(0);
	});

	test('admin calls are neither recorded nor rate limited', async () => {
		sandbox().configure({ rateLimitPerSecond: 1 });
		const replies = await Promise.all(Array.from({ length: 5 }, () => admin('GET', 'stats')));
		expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200]);
		expect(sandbox().requests()).toEqual([]);
	});

	test('answers 404 for an unknown admin endpoint', async () => {
		expect((await admin('GET', 'nothing')).status).toBe(404);
	});
});

describe('request log', () => {
	test('keeps only the newest requestLogLimit requests', async () => {
		sandbox().configure({ requestLogLimit: 2 });
		for (let index = 0; index < 5; index += 1) await client().tokenReply();
		expect(
			sandbox()
				.requests()
				.map((request) => request.seq),
		).toHaveLength(2);
		expect(sandbox().stats().requests).toBe(5);
	});
});
