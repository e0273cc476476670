/**
 * Create Remedy Request, run by n8n's own WorkflowExecute against the sandbox over HTTP.
 */
import { NO_SCOPE_APP, PATHS } from '../../sandbox';
import { runRemedyNode, sandboxCredential } from '../engine/runRemedyNode';
import type { RemedyRun } from '../engine/runRemedyNode';
import { openSandbox, remedyRow, tokensSeenBy, useSandboxPerTest } from '../engine/sandboxSession';

const AUTO_MAP = { operation: 'createRemedy', mappingMode: 'autoMap' };
const CREATE_PATH = '/open-apis/attendance/v1/user_task_remedys';

const session = useSandboxPerTest();

const createRequests = () => session.requestsTo(CREATE_PATH);

function expectNoSecrets(run: RemedyRun) {
	const everything = JSON.stringify(run.run);
	expect(everything).not.toContain(session.credential.appSecret);
	for (const token of tokensSeenBy(session.sandbox)) expect(everything).not.toContain(token);
}

test('a valid row reaches Feishu as the exact typed request and lands in Success with its approval_id', async () => {
	const result = await runRemedyNode({
		items: [remedyRow({ row: 7 })],
		parameters: AUTO_MAP,
		credential: session.credential,
	});

	expect(result.failed).toHaveLength(0);
	expect(result.success).toHaveLength(1);
	const [request] = createRequests();
	expect(request.query).toEqual({ employee_type: 'employee_id' });
	expect(request.headers['content-type']).toMatch(/^application\/json/);
	expect(request.body).toEqual({
		user_id: 'e1001',
		remedy_date: 20260112,
		punch_no: 0,
		work_type: 1,
		remedy_time: '2026-01-12 09:00',
		reason: '忘记打卡',
	});
	const [stored] = session.sandbox.remedies();
	expect(result.success[0].json).toEqual({
		...remedyRow({ row: 7 }),
		approval_id: stored.approvalId,
		remedy: {
			employee_type: 'employee_id',
			user_id: 'e1001',
			remedy_date: 20260112,
			punch_no: 0,
			work_type: 1,
			remedy_time: '2026-01-12 09:00',
			reason: '忘记打卡',
		},
	});
	expect(result.success[0].pairedItem).toEqual({ item: 0 });
	expectNoSecrets(result);
});

test('"Define Below" evaluates an expression per item', async () => {
	const result = await runRemedyNode({
		items: [{ who: 'A1001', day: '2026/1/12', at: '2026-01-12T18:30:00+08:00', why: 'left early' }],
		parameters: {
			operation: 'createRemedy',
			mappingMode: 'defineBelow',
			employeeType: 'employee_no',
			userId: '={{ $json.who }}',
			remedyDate: '={{ $json.day }}',
			punch: '0',
			workType: 'off_duty',
			remedyTime: '={{ $json.at }}',
			reason: '={{ $json.why }}',
		},
		credential: session.credential,
	});
	expect(result.failed).toHaveLength(0);
	expect(createRequests()[0]).toMatchObject({
		query: { employee_type: 'employee_no' },
		body: {
			user_id: 'A1001',
			remedy_date: 20260112,
			punch_no: 0,
			work_type: 2,
			remedy_time: '2026-01-12 18:30',
			reason: 'left early',
		},
	});
});

test('a free-schedule punch sends punch 0 and work type 0', async () => {
	const result = await runRemedyNode({
		items: [{}],
		parameters: {
			operation: 'createRemedy',
			mappingMode: 'defineBelow',
			userId: 'e1005',
			remedyDate: '20260112',
			punch: 'free',
			remedyTime: '10:00',
			reason: 'r',
		},
		credential: session.credential,
	});
	expect(result.success).toHaveLength(1);
	expect(createRequests()[0].body).toMatchObject({ punch_no: 0, work_type: 0 });
});

test('dates and times are read in the time zone option', async () => {
	await runRemedyNode({
		items: [remedyRow({ remedy_date: '2026-01-12', remedy_time: '2026-01-12T01:00:00Z' })],
		parameters: { ...AUTO_MAP, options: { timeZone: 'Asia/Tokyo' } },
		credential: session.credential,
	});
	expect(createRequests()[0].body).toMatchObject({ remedy_time: '2026-01-12 10:00' });
});

test('bad rows never reach Feishu and land in Failed naming the field, the value and the expected form', async () => {
	const result = await runRemedyNode({
		items: [
			remedyRow({ remedy_date: '2026-02-30' }),
			remedyRow({ remedy_time: '25:00' }),
			remedyRow({ reason: undefined }),
			remedyRow(),
		],
		parameters: AUTO_MAP,
		credential: session.credential,
	});
	expect(createRequests()).toHaveLength(1);
	expect(result.success.map((i) => i.pairedItem)).toEqual([{ item: 3 }]);
	expect(result.failed.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	const errors = result.failed.map((i) => i.json.error as Record<string, unknown>);
	expect(errors.map((e) => [e.category, e.field, e.retry_safe])).toEqual([
		['invalid_input', 'remedy_date', true],
		['invalid_input', 'remedy_time', true],
		['invalid_input', 'reason', true],
	]);
	expect(errors[0].msg).toBe(
		'Remedy Date: got "2026-02-30"; expected a date such as 20210701, 2021-07-01, 2021/7/1, 2021年7月1日, Jul 1, 2021, an Excel date number (44378), an ISO date-time or epoch milliseconds',
	);
	expect(errors[1].msg).toContain('Remedy Time: got "25:00"');
	expect(errors[2].msg).toContain('Reason: got nothing; expected a column reason');
	expect(result.failed[0].json).toMatchObject({ ...remedyRow({ remedy_date: '2026-02-30' }), remedy: null });
});

test('an expression that throws fails its own item, not the run', async () => {
	const result = await runRemedyNode({
		items: [{ who: 'e1001' }, { who: 'e1002' }],
		parameters: {
			operation: 'createRemedy',
			mappingMode: 'defineBelow',
			userId: '={{ $json.who === "e1002" ? $("No Such Node").item.json.x : $json.who }}',
			remedyDate: '2026-01-12',
			punch: '0',
			workType: 'on_duty',
			remedyTime: '09:00',
			reason: 'r',
		},
		credential: session.credential,
	});
	expect(result.error).toBeUndefined();
	expect(result.success.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
	expect(result.failed[0].json.error).toMatchObject({ category: 'invalid_input', field: 'user_id' });
	expect((result.failed[0].json.error as { msg: string }).msg).toContain('The expression of userId failed');
});

describe('Feishu refusals land in Failed with code, category and hint', () => {
	test.each([
		['an unknown user', remedyRow({ user_id: 'nobody' }), 1220004, 'invalid_input', /No such user/],
		['a user outside the data scope', remedyRow({ user_id: 'e1009' }), 1220005, 'permission', /数据权限/],
		['a day without an abnormal punch', remedyRow({ user_id: 'e1010' }), 1226501, 'not_allowed', /无需补卡/],
		['a group that forbids remedies', remedyRow({ user_id: 'e1006' }), 1226502, 'not_allowed', /不允许补卡/],
		[
			'a date older than the group allows',
			remedyRow({ remedy_date: '2025-11-01', remedy_time: '09:00' }),
			1226503,
			'not_allowed',
			/超出可补卡日期/,
		],
		['a punch the shift does not have', remedyRow({ punch_no: 2 }), 1220001, 'invalid_input', /入参校验失败/],
	])('%s', async (_case, row, code, category, hint) => {
		const result = await runRemedyNode({ items: [row], parameters: AUTO_MAP, credential: session.credential });
		expect(result.success).toHaveLength(0);
		const error = result.failed[0].json.error as Record<string, unknown>;
		expect(error).toMatchObject({ code, category, http_status: 400, retry_safe: true });
		expect(error.hint).toMatch(hint);
		expect(typeof error.msg).toBe('string');
		expect(error.log_id).toEqual(expect.any(String));
		expect(result.failed[0].json.remedy).toMatchObject({ user_id: (row as { user_id: string }).user_id });
	});

	test.each([
		[1220002, 400, 'tenant_id is empty', 'auth', /tenant/, true],
		[1220600, 400, '通用错误信息', 'not_allowed', /通用错误信息/, true],
		[1225001, 500, 'param is invalis', 'server', /导入审批数据失败/, false],
		[1226500, 500, 'punch service error', 'server', /打卡服务异常/, false],
		[99991403, 429, 'monthly quota exceeded', 'rate_limited', /套餐额度/, true],
	])('code %i (HTTP %i) from Feishu', async (code, httpStatus, msg, category, hint, retrySafe) => {
		session.sandbox.injectFaults([{ fault: 'feishuError', code, httpStatus, msg, path: CREATE_PATH }]);
		const result = await runRemedyNode({ items: [remedyRow()], parameters: AUTO_MAP, credential: session.credential });
		expect(createRequests()).toHaveLength(1);
		const error = result.failed[0].json.error as Record<string, unknown>;
		expect(error).toMatchObject({ code, msg, category, http_status: httpStatus, retry_safe: retrySafe });
		expect(error.hint).toMatch(hint);
	});

	test('remedies used up this period (1226504)', async () => {
		const rows = [
			remedyRow({ user_id: 'e1007', remedy_date: '2026-01-14' }),
			remedyRow({ user_id: 'e1007', remedy_date: '2026-01-13' }),
		];
		const result = await runRemedyNode({
			items: rows,
			parameters: { ...AUTO_MAP, options: { requestsPerSecond: 1 } },
			credential: session.credential,
		});
		expect(result.success).toHaveLength(1);
		expect(result.failed[0].json.error).toMatchObject({ code: 1226504, category: 'not_allowed' });
	});

	test('an internal error (1225000) is not retried by default and says a retry may duplicate', async () => {
		session.sandbox.injectFaults([{ path: CREATE_PATH, fault: 'http500', times: 1 }]);
		const result = await runRemedyNode({ items: [remedyRow()], parameters: AUTO_MAP, credential: session.credential });
		expect(createRequests()).toHaveLength(1);
		expect(result.failed[0].json.error).toMatchObject({
			code: 1225000,
			category: 'server',
			http_status: 500,
			retry_safe: false,
		});
		expect((result.failed[0].json.error as { hint: string }).hint).toMatch(/may or may not have been written/);
	});

	test('an app without the attendance:task scope (99991672) is a permission failure', async () => {
		const credential = sandboxCredential(session.sandbox.baseUrl, NO_SCOPE_APP.appId, NO_SCOPE_APP.appSecret);
		const result = await runRemedyNode({ items: [remedyRow()], parameters: AUTO_MAP, credential });
		expect(result.failed[0].json.error).toMatchObject({ code: 99991672, category: 'permission' });
		expect((result.failed[0].json.error as { hint: string }).hint).toContain('attendance:task');
	});
});

describe('tokens', () => {
	test('one token request serves every item of a run, and the next run', async () => {
		const rows = Array.from({ length: 20 }, (_, i) => remedyRow({ user_id: 'e1008', remedy_date: 20251201 + i }));
		const first = await runRemedyNode({ items: rows, parameters: AUTO_MAP, credential: session.credential });
		await runRemedyNode({
			items: [remedyRow({ user_id: 'e1008', remedy_date: '2026-01-14' })],
			parameters: AUTO_MAP,
			credential: session.credential,
		});
		expect(first.success).toHaveLength(20);
		expect(session.sandbox.tokenRequests()).toBe(1);
		expectNoSecrets(first);
	});

	test.each([400, 200])(
		'a token Feishu calls invalid (HTTP %i) is renewed once and the request replayed',
		async (status) => {
			session.sandbox.configure({ tokenInvalidHttpStatus: status as 400 | 200 });
			session.sandbox.injectFaults([{ fault: 'revokeToken', afterRequests: 3, times: 1 }]);
			const rows = Array.from({ length: 8 }, (_, i) => remedyRow({ user_id: 'e1008', remedy_date: 20260101 + i }));
			const result = await runRemedyNode({ items: rows, parameters: AUTO_MAP, credential: session.credential });
			expect(result.failed).toHaveLength(0);
			expect(result.success).toHaveLength(8);
			expect(session.sandbox.tokenRequests()).toBe(2);
			expect(session.sandbox.remedies()).toHaveLength(8);
			const invalid = createRequests().filter((r) => r.outcome.code === 99991663);
			expect(invalid.length).toBeGreaterThanOrEqual(1);
			expect(invalid.every((r) => r.outcome.status === status)).toBe(true);
			expectNoSecrets(result);
		},
	);
});

test('a token of several KB (a JWT) is sent whole', async () => {
	session.sandbox.configure({ tokenLength: 6000 });
	const result = await runRemedyNode({ items: [remedyRow()], parameters: AUTO_MAP, credential: session.credential });
	expect(result.success).toHaveLength(1);
	expect(createRequests()[0].headers.authorization).toHaveLength('Bearer '.length + 6000);
	expectNoSecrets(result);
});

describe('failures of the whole run', () => {
	const badSecret = () => ({ ...session.credential, appSecret: 'not-the-secret' });

	test('a rejected App Secret stops the node with Feishu code 10014 and sends nothing', async () => {
		const result = await runRemedyNode({ items: [remedyRow()], parameters: AUTO_MAP, credential: badSecret() });
		expect(result.error?.message).toContain('code 10014');
		expect(result.success).toHaveLength(0);
		expect(result.failed).toHaveLength(0);
		expect(createRequests()).toHaveLength(0);
		expect(JSON.stringify(result.run)).not.toContain('not-the-secret');
	});

	test('with continue on fail, every item lands in Failed with that error', async () => {
		const rows = [remedyRow(), remedyRow({ remedy_date: 'bad' }), remedyRow()];
		const result = await runRemedyNode({
			items: rows,
			parameters: AUTO_MAP,
			credential: badSecret(),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.failed.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.failed.map((i) => (i.json.error as { category: string }).category)).toEqual([
			'auth',
			'invalid_input',
			'auth',
		]);
		expect(result.failed[0].json.error).toMatchObject({ code: 10014, retry_safe: true });
		expect(JSON.stringify(result.run)).not.toContain('not-the-secret');
	});

	test('a token endpoint failing with HTTP 500 or a rate limit is asked again: nothing is written by asking', async () => {
		const tokenPath = PATHS.tenantToken;
		session.sandbox.injectFaults([
			{ fault: 'http500', path: tokenPath, times: 1 },
			{ fault: 'rateLimit', path: tokenPath, times: 1, afterRequests: 1 },
		]);
		const result = await runRemedyNode({ items: [remedyRow()], parameters: AUTO_MAP, credential: session.credential });
		expect(result.success).toHaveLength(1);
		expect(
			session.sandbox
				.requests()
				.filter((r) => r.path === tokenPath)
				.map((r) => r.outcome.status),
		).toEqual([500, 429, 200]);
	});

	test('a token endpoint that keeps failing stops the run with a message that does not blame the secret', async () => {
		session.sandbox.injectFaults([{ fault: 'http500', path: PATHS.tenantToken }]);
		const result = await runRemedyNode({ items: [remedyRow()], parameters: AUTO_MAP, credential: session.credential });
		expect(result.error?.message).toMatch(/token endpoint at .* failed \(HTTP 500, code 1225000\); try again later/);
		expect(session.sandbox.tokenRequests()).toBe(3);
	});

	test('an unknown App ID is reported with code 10003', async () => {
		const result = await runRemedyNode({
			items: [remedyRow()],
			parameters: AUTO_MAP,
			credential: { ...session.credential, appId: 'cli_nope' },
		});
		expect(result.error?.message).toContain('code 10003');
	});

	test('an unreachable host stops the node and names the host', async () => {
		const { port } = session.sandbox;
		await session.sandbox.close();
		const credential = sandboxCredential(`http://127.0.0.1:${port}`, 'cli_sandbox_demo', 'whatever-secret');
		const result = await runRemedyNode({ items: [remedyRow()], parameters: AUTO_MAP, credential });
		expect(result.error?.message).toBe(
			`Could not reach http://127.0.0.1:${port} to get a tenant access token: the connection was refused`,
		);
		expect(result.error?.description).toContain('ECONNREFUSED');
		session.replace(await openSandbox());
	});

	test('a plain-http custom base URL that is not loopback is refused before anything is sent', async () => {
		const credential = sandboxCredential('http://10.1.2.3:8787', 'cli_sandbox_demo', 'whatever-secret');
		const result = await runRemedyNode({ items: [remedyRow()], parameters: AUTO_MAP, credential });
		expect(result.error?.message).toMatch(/must use https:\/\//);
	});

	test('all-invalid input needs no credential check and sends nothing', async () => {
		const result = await runRemedyNode({
			items: [remedyRow({ user_id: '' })],
			parameters: AUTO_MAP,
			credential: badSecret(),
		});
		expect(result.error).toBeUndefined();
		expect(result.failed).toHaveLength(1);
		expect(session.sandbox.tokenRequests()).toBe(0);
	});
});

test('both outputs keep input order whatever order the answers come in', async () => {
	session.sandbox.configure({ latencyMs: 5, jitterMs: 40, faultSeed: 7 });
	const rows = Array.from({ length: 30 }, (_, i) =>
		i % 3 === 0
			? remedyRow({ user_id: 'nobody', n: i })
			: remedyRow({ user_id: 'e1008', remedy_date: 20251201 + i, punch_no: 0, n: i }),
	);
	const result = await runRemedyNode({ items: rows, parameters: AUTO_MAP, credential: session.credential });
	const order = (items: typeof result.success) => items.map((i) => (i.pairedItem as { item: number }).item);
	expect(order(result.success)).toEqual(rows.flatMap((_, i) => (i % 3 === 0 ? [] : [i])));
	expect(order(result.failed)).toEqual(rows.flatMap((_, i) => (i % 3 === 0 ? [i] : [])));
	expect(result.success.map((i) => i.json.n)).toEqual(order(result.success));
});
