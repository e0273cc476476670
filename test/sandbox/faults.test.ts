import { PATHS, remedyBody, useSandbox } from './sandboxClient';

const { sandbox, client } = useSandbox();

const queryBody = { user_ids: ['e1001'], check_time_from: '1700000000', check_time_to: '1800000000' };

describe('fault injection', () => {
	test('http500 answers 500 with code 1225000 and stores nothing', async () => {
		const token = await client().token();
		sandbox().injectFaults([{ fault: 'http500' }]);
		const reply = await client().create(token, remedyBody());
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([500, 1225000, 'internal server error']);
		expect(sandbox().remedies()).toHaveLength(0);
		expect(sandbox().requests().at(-1)?.faults).toEqual(['http500']);
	});

	test('feishuError answers the given code and status instead of processing', async () => {
		const token = await client().token();
		sandbox().injectFaults([
			{ fault: 'feishuError', code: 1220002, httpStatus: 400, msg: 'tenant_id is empty', times: 1 },
		]);
		const reply = await client().create(token, remedyBody());
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([400, 1220002, 'tenant_id is empty']);
		expect(sandbox().remedies()).toHaveLength(0);
		expect((await client().create(token, remedyBody())).body.code).toBe(0);
	});

	test('firstAttemptOnly hits the first attempt of each distinct request and never its repeat', async () => {
		const token = await client().token();
		sandbox().injectFaults([{ fault: 'http500', firstAttemptOnly: true }]);
		const first = remedyBody({ user_id: 'e1001' });
		const second = remedyBody({ user_id: 'e1002' });
		const codes = [];
		for (const body of [first, first, second, first, second])
			codes.push((await client().create(token, body)).body.code);
		expect(codes).toEqual([1225000, 0, 1225000, 0, 0]);
	});

	test('a feishuError rule without a code is refused', () => {
		expect(() => sandbox().injectFaults([{ fault: 'feishuError' }])).toThrow(/needs an integer code/);
	});

	test('dropBefore hangs up without an answer and stores nothing', async () => {
		const token = await client().token();
		sandbox().injectFaults([{ fault: 'dropBefore' }]);
		await expect(client().create(token, remedyBody())).rejects.toThrow();
		expect(sandbox().remedies()).toHaveLength(0);
		expect(sandbox().requests().at(-1)).toMatchObject({ outcome: { status: 0 }, faults: ['dropBefore'] });
	});

	test('dropAfter stores the remedy, then hangs up without an answer', async () => {
		const token = await client().token();
		sandbox().injectFaults([{ fault: 'dropAfter' }]);
		await expect(client().create(token, remedyBody())).rejects.toThrow();
		expect(sandbox().remedies()).toHaveLength(1);
	});

	test('malformed stores the remedy and answers 200 with a body that is not JSON', async () => {
		const token = await client().token();
		sandbox().injectFaults([{ fault: 'malformed' }]);
		const reply = await client().create(token, remedyBody());
		expect(reply.status).toBe(200);
		expect(() => JSON.parse(reply.text)).toThrow();
		expect(sandbox().remedies()).toHaveLength(1);
	});

	test('rateLimit answers 429 with code 99991400 and the rate-limit headers, and stores nothing', async () => {
		const token = await client().token();
		sandbox().injectFaults([{ fault: 'rateLimit' }]);
		const reply = await client().create(token, remedyBody());
		expect([reply.status, reply.body.code, reply.body.msg]).toEqual([429, 99991400, 'request trigger frequency limit']);
		expect(reply.headers.get('x-ogw-ratelimit-limit')).toBe('50');
		expect(Number(reply.headers.get('x-ogw-ratelimit-reset'))).toBeGreaterThan(0);
		expect(sandbox().remedies()).toHaveLength(0);
	});

	test('latency delays the answer by latencyMs', async () => {
		const token = await client().token();
		sandbox().injectFaults([{ fault: 'latency', latencyMs: 300 }]);
		const started = Date.now();
		const reply = await client().query(token, queryBody);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(reply.body.code).toBe(0);
	});

	test('revokeToken answers 99991663 and the token stays invalid afterwards', async () => {
		const token = await client().token();
		sandbox().injectFaults([{ fault: 'revokeToken', times: 1 }]);
		expect((await client().query(token, queryBody)).body.code).toBe(99991663);
		expect((await client().query(token, queryBody)).body.code).toBe(99991663);
		expect((await client().query(await client().token(), queryBody)).body.code).toBe(0);
	});

	test('times applies a fault to that many matching requests only', async () => {
		const token = await client().token();
		sandbox().injectFaults([{ fault: 'http500', times: 2 }]);
		const statuses = [];
		for (let index = 0; index < 4; index += 1) statuses.push((await client().query(token, queryBody)).status);
		expect(statuses).toEqual([500, 500, 200, 200]);
	});

	test('afterRequests lets that many matching requests through first', async () => {
		const token = await client().token();
		sandbox().injectFaults([{ fault: 'http500', afterRequests: 2, times: 1 }]);
		const statuses = [];
		for (let index = 0; index < 4; index += 1) statuses.push((await client().query(token, queryBody)).status);
		expect(statuses).toEqual([200, 200, 500, 200]);
	});

	test('a rule with a path faults only that path', async () => {
		const token = await client().token();
		sandbox().injectFaults([{ fault: 'http500', path: PATHS.queryRemedies }]);
		expect((await client().create(token, remedyBody())).status).toBe(200);
		expect((await client().query(token, queryBody)).status).toBe(500);
	});

	test('a rule without a path leaves the token endpoint alone', async () => {
		sandbox().injectFaults([{ fault: 'http500' }]);
		expect((await client().tokenReply()).status).toBe(200);
	});

	test('a rule naming the token path faults the token endpoint', async () => {
		sandbox().injectFaults([{ fault: 'http500', path: PATHS.tenantToken }]);
		expect((await client().tokenReply()).status).toBe(500);
	});

	test('probability with the same faultSeed faults the same requests on every run', async () => {
		const run = async (): Promise<number[]> => {
			sandbox().reset();
			sandbox().configure({ faultSeed: 42 });
			const token = await client().token();
			sandbox().injectFaults([{ fault: 'http500', probability: 0.5 }]);
			const statuses = [];
			for (let index = 0; index < 20; index += 1) statuses.push((await client().query(token, queryBody)).status);
			return statuses;
		};
		const first = await run();
		const second = await run();
		expect(second).toEqual(first);
		const faulted = first.filter((status) => status === 500).length;
		expect(faulted).toBeGreaterThan(3);
		expect(faulted).toBeLessThan(17);
	});

	test('clearFaults removes every rule', async () => {
		const token = await client().token();
		sandbox().injectFaults([{ fault: 'http500' }]);
		sandbox().clearFaults();
		expect((await client().query(token, queryBody)).status).toBe(200);
	});

	test('refuses a rule with an unknown fault kind', () => {
		expect(() => sandbox().injectFaults([{ fault: 'explode' as 'http500' }])).toThrow(/fault must be one of/);
	});
});
