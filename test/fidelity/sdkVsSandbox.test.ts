/**
 * SDK vs sandbox: Feishu's official Node SDK, pointed at the sandbox, exchanges its token and
 * calls the four attendance endpoints successfully; every answer has the shape the SDK's
 * TypeScript declarations give it (read from the installed .d.ts, not typed by hand); and
 * Feishu's failures reach the SDK's caller the way they would from Feishu: thrown axios
 * errors carrying the envelope for HTTP 4xx/5xx, returned values for HTTP 200.
 */
import { Domain } from '@larksuiteoapi/node-sdk';

import { DEMO_APP, NO_SCOPE_APP, PATHS, READONLY_APP } from '../../sandbox';
import { useSandboxPerTest } from '../engine/sandboxSession';
import { sdkClientFor, sdkFailureOf, sdkRejection } from './sdkClient';
import type { SdkFailure, SdkLogEntry, SdkSession } from './sdkClient';
import { declaredAt, declaredMethod, fieldNames, shapeProblems } from './sdkTypes';
import type { ApiName, DeclaredMethod } from './sdkTypes';

const session = useSandboxPerTest();

const API: Record<'create' | 'slots' | 'records' | 'process' | 'token', ApiName> = {
	create: { project: 'attendance', resource: 'user_task_remedy', apiName: 'create', version: 'v1' },
	slots: { project: 'attendance', resource: 'user_task_remedy', apiName: 'query_user_allowed_remedys', version: 'v1' },
	records: { project: 'attendance', resource: 'user_task_remedy', apiName: 'query', version: 'v1' },
	process: { project: 'attendance', resource: 'approval_info', apiName: 'process', version: 'v1' },
	token: { project: 'auth', resource: 'tenant_access_token', apiName: 'internal', version: 'v3' },
};

const declared = {} as Record<keyof typeof API, DeclaredMethod>;
beforeAll(() => {
	for (const name of Object.keys(API) as Array<keyof typeof API>) declared[name] = declaredMethod(API[name]);
});

/** Answers must carry every field the SDK declares, optional ones too: Feishu's pages list them all. */
const STRICT = { requireOptional: true };

let sdk: SdkSession;
beforeEach(() => {
	sdk = sdkClientFor(session.sandbox.baseUrl, DEMO_APP);
});

const remedy = (
	overrides: Partial<{
		user_id: string;
		remedy_date: number;
		punch_no: number;
		work_type: number;
		remedy_time: string;
		reason: string;
	}> = {},
) => ({
	user_id: 'e1001',
	remedy_date: 20260112,
	punch_no: 0,
	work_type: 1,
	remedy_time: '2026-01-12 09:00',
	reason: '忘记打卡',
	...overrides,
});

async function create(overrides: Parameters<typeof remedy>[0] = {}, client = sdk.client) {
	return await client.attendance.userTaskRemedy.create({
		params: { employee_type: 'employee_id' },
		data: remedy(overrides),
	});
}

async function createdApprovalId(overrides: Parameters<typeof remedy>[0] = {}): Promise<string> {
	const approvalId = (await create(overrides)).data?.user_remedy?.approval_id;
	if (!approvalId) throw new Error('the sandbox did not create the remedy');
	return approvalId;
}

/** Feishu codes found in what the SDK logged (it logs the envelope of every failed call). */
function loggedCodes(log: SdkLogEntry[]): number[] {
	const codes: number[] = [];
	const walk = (value: unknown, depth: number): void => {
		if (depth > 5 || value === null || typeof value !== 'object') return;
		if (Array.isArray(value)) return value.forEach((element) => walk(element, depth + 1));
		if (Object.getPrototypeOf(value) !== Object.prototype) return;
		const record = value as Record<string, unknown>;
		if (typeof record.code === 'number') codes.push(record.code);
		Object.values(record).forEach((child) => walk(child, depth + 1));
	};
	log.filter((entry) => entry.level === 'error').forEach((entry) => walk(entry.args, 0));
	return codes;
}

/** A thrown HTTP failure with Feishu's envelope, its log id in the body and in x-tt-logid. */
function expectFeishuFailure(failure: SdkFailure, status: number, code: number) {
	expect(failure.kind).toBe('http');
	if (failure.kind !== 'http') return;
	const body = failure.body as { code: unknown; msg: unknown; error?: { log_id?: unknown } };
	expect([failure.status, body.code, typeof body.msg]).toEqual([status, code, 'string']);
	expect(body.error?.log_id).toEqual(failure.headers['x-tt-logid']);
}

describe('the shape check derived from the SDK declarations', () => {
	test('finds a wrong type, a missing field, an undeclared field and a value outside a declared enum', () => {
		const userRemedy = declaredAt(declared.create.response, ['data', 'user_remedy']);
		const problems = shapeProblems(
			{
				user_id: 'e1001',
				remedy_date: '20260112',
				punch_no: 0,
				work_type: 1,
				remedy_time: '2026-01-12 09:00',
				extra: true,
			},
			userRemedy,
			{
				requireOptional: false,
			},
		);
		expect(problems).toEqual([
			'$.remedy_date: expected a number, got "20260112"',
			'$.reason: missing',
			'$.extra: not declared by the SDK',
		]);
		const info = declaredAt(declared.process.response, ['data', 'approval_info']);
		expect(shapeProblems({ approval_id: '1', approval_type: 'holiday', status: 2 }, info, STRICT)).toEqual([
			'$.approval_type: expected one of leave, overtime, trip, out, remedy, got "holiday"',
		]);
	});

	test('reads every field Feishu documents for the four answers', () => {
		const record = [
			'user_id',
			'remedy_date',
			'punch_no',
			'work_type',
			'approval_id',
			'remedy_time',
			'status',
			'reason',
			'time',
			'time_zone',
			'create_time',
			'update_time',
		];
		expect(fieldNames(declaredAt(declared.create.response, ['data', 'user_remedy']))).toEqual(record);
		const records = declaredAt(declared.records.response, ['data', 'user_remedys']);
		expect(records.kind === 'array' && fieldNames(records.element)).toEqual(record);
		const slots = declaredAt(declared.slots.response, ['data', 'user_allowed_remedys']);
		expect(slots.kind === 'array' && fieldNames(slots.element)).toEqual([
			'user_id',
			'remedy_date',
			'is_free_punch',
			'punch_no',
			'work_type',
			'punch_status',
			'normal_punch_time',
			'remedy_start_time',
			'remedy_end_time',
		]);
		expect(fieldNames(declaredAt(declared.process.response, ['data', 'approval_info']))).toEqual([
			'approval_id',
			'approval_type',
			'status',
		]);
	});
});

describe('token exchange', () => {
	test('the SDK exchanges app_id and app_secret once, then sends the token as Bearer on every call', async () => {
		for (const remedy_date of [20260112, 20260113, 20260114]) {
			await sdk.client.attendance.userTaskRemedy.queryUserAllowedRemedys({
				params: { employee_type: 'employee_id' },
				data: { user_id: 'e1001', remedy_date },
			});
		}
		const [exchange] = session.requestsTo(PATHS.tenantToken);
		expect(session.sandbox.tokenRequests()).toBe(1);
		expect(exchange).toMatchObject({
			method: 'POST',
			body: { app_id: DEMO_APP.appId, app_secret: DEMO_APP.appSecret },
			outcome: { status: 200, code: 0 },
		});
		const calls = session.requestsTo(PATHS.allowedRemedies);
		expect(calls.map((call) => call.outcome)).toEqual([0, 1, 2].map(() => ({ status: 200, code: 0 })));
		expect(new Set(calls.map((call) => call.headers.authorization)).size).toBe(1);
		expect(calls[0].headers.authorization).toMatch(/^Bearer t-[0-9a-f]{48}$/);
	});

	test.each([
		[170, 2],
		[190, 1],
	])(
		'the SDK renews its cached token 3 minutes before expiry: a token living %i s serves two calls with %i exchange(s)',
		async (tokenLifetimeSeconds, exchanges) => {
			session.sandbox.configure({ tokenLifetimeSeconds });
			await create();
			await create({ work_type: 2, remedy_time: '2026-01-12 18:00' });
			expect(session.sandbox.tokenRequests()).toBe(exchanges);
			expect(session.requestsTo(PATHS.createRemedy).map((request) => request.outcome)).toEqual(
				[0, 1].map(() => ({ status: 200, code: 0 })),
			);
		},
	);

	test("the token endpoint answers tenant_access_token and expire at top level, where the SDK's token manager reads them; its generated type declares them under data", async () => {
		const answer = await sdk.client.auth.tenantAccessToken.internal({
			data: { app_id: DEMO_APP.appId, app_secret: DEMO_APP.appSecret },
		});
		const raw = answer as unknown as Record<string, unknown>;
		expect(raw).toMatchObject({ code: 0, msg: 'ok', tenant_access_token: expect.stringMatching(/^t-/) });
		expect(raw.expire).toEqual(expect.any(Number));
		expect(answer.data).toBeUndefined();
		// The discrepancy, pinned: Feishu's token endpoints answer without `data`, as the sandbox does.
		expect(fieldNames(declaredAt(declared.token.response, ['data']))).toEqual(['tenant_access_token', 'expire']);
		expect(shapeProblems(answer, declared.token.response, STRICT)).toEqual([
			'$.data: missing',
			'$.tenant_access_token: not declared by the SDK',
			'$.expire: not declared by the SDK',
		]);
	});

	test.each([
		['a wrong app secret', 10014, { appId: DEMO_APP.appId, appSecret: 'not-the-secret' }],
		['an unknown app id', 10003, { appId: 'cli_nobody', appSecret: DEMO_APP.appSecret }],
	])(
		'%s: the SDK throws the token endpoint answer (HTTP 400, code %i) and sends no API request',
		async (_case, code, app) => {
			const wrong = sdkClientFor(session.sandbox.baseUrl, app);
			const failure = await sdkRejection(create({}, wrong.client));
			expectFeishuFailure(failure, 400, code);
			expect(session.requestsTo(PATHS.createRemedy)).toHaveLength(0);
			expect(JSON.stringify(failure)).not.toContain(DEMO_APP.appSecret);
		},
	);

	test('a token failure answered with HTTP 200 is thrown as an Error naming code and msg, not the secret', async () => {
		session.sandbox.injectFaults([
			{ fault: 'feishuError', path: PATHS.tenantToken, code: 10014, httpStatus: 200, msg: 'app secret invalid' },
		]);
		const failure = await sdkRejection(create());
		expect(failure).toEqual({
			kind: 'error',
			message: 'failed to get tenant_access_token, code: 10014, msg: app secret invalid',
		});
		expect(session.requestsTo(PATHS.createRemedy)).toHaveLength(0);
	});

	test('the SDK keeps a token Feishu calls invalid: after a revocation every call fails with 99991663 and no new token is asked for', async () => {
		await createdApprovalId();
		session.sandbox.revokeTokens();
		for (const [remedy_date, remedy_time] of [
			[20260113, '2026-01-13 09:00'],
			[20260114, '2026-01-14 09:00'],
		] as Array<[number, string]>) {
			expectFeishuFailure(await sdkRejection(create({ remedy_date, remedy_time })), 400, 99991663);
		}
		expect(session.sandbox.tokenRequests()).toBe(1);
		expect(session.sandbox.remedies()).toHaveLength(1);
	});

	test('with HTTP 200 token errors, the SDK returns 99991663 as a value instead of throwing', async () => {
		session.sandbox.configure({ tokenInvalidHttpStatus: 200 });
		await createdApprovalId();
		session.sandbox.revokeTokens();
		const answer = await create({ remedy_date: 20260113, remedy_time: '2026-01-13 09:00' });
		expect(answer).toMatchObject({ code: 99991663, msg: expect.any(String) });
		expect(answer.data).toBeUndefined();
	});

	test('a fresh cache per client: two SDK clients of one app each exchange once', async () => {
		const other = sdkClientFor(session.sandbox.baseUrl, DEMO_APP);
		await create();
		await create({ work_type: 2, remedy_time: '2026-01-12 18:00' }, other.client);
		expect(session.sandbox.tokenRequests()).toBe(2);
	});
});

describe('answers have the shapes the SDK declares', () => {
	test('create answers data.user_remedy, pending, with a 19-digit approval_id', async () => {
		const answer = await create({ reason: '忘记打卡 🙂' });
		expect(shapeProblems(answer, declared.create.response, STRICT)).toEqual([]);
		expect(answer.data?.user_remedy).toMatchObject({
			...remedy({ reason: '忘记打卡 🙂' }),
			status: 0,
			approval_id: expect.stringMatching(/^\d{19}$/),
		});
	});

	test.each([
		['a three-pair shift by employee number', 'employee_no', 'A1004', 6],
		['a free schedule', 'employee_id', 'e1005', 2],
	] as Array<[string, 'employee_id' | 'employee_no', string, number]>)(
		'query_user_allowed_remedys answers data.user_allowed_remedys: %s',
		async (_case, employee_type, user_id, count) => {
			const answer = await sdk.client.attendance.userTaskRemedy.queryUserAllowedRemedys({
				params: { employee_type },
				data: { user_id, remedy_date: 20260112 },
			});
			expect(shapeProblems(answer, declared.slots.response, STRICT)).toEqual([]);
			expect(answer.data?.user_allowed_remedys).toHaveLength(count);
			expect(answer.data?.user_allowed_remedys?.[0]).toMatchObject({
				user_id,
				remedy_date: 20260112,
				is_free_punch: count === 2,
			});
		},
	);

	test('query answers data.user_remedys, approved only when no status is given', async () => {
		const approved = await createdApprovalId();
		const pending = await createdApprovalId({ user_id: 'e1002' });
		await sdk.client.attendance.approvalInfo.process({
			data: { approval_id: approved, approval_type: 'remedy', status: 2 },
		});
		const query = async (status?: number) =>
			await sdk.client.attendance.userTaskRemedy.query({
				params: { employee_type: 'employee_id' },
				data: {
					user_ids: ['e1001', 'e1002'],
					check_time_from: '1767196800',
					check_time_to: '1769875199',
					...(status === undefined ? {} : { status }),
				},
			});
		const byDefault = await query();
		expect(shapeProblems(byDefault, declared.records.response, STRICT)).toEqual([]);
		expect(byDefault.data?.user_remedys?.map((record) => [record.approval_id, record.status])).toEqual([[approved, 2]]);
		const pendingOnly = await query(0);
		expect(shapeProblems(pendingOnly, declared.records.response, STRICT)).toEqual([]);
		expect(pendingOnly.data?.user_remedys?.map((record) => [record.approval_id, record.status])).toEqual([
			[pending, 0],
		]);
		expect(pendingOnly.data?.user_remedys?.[0]).toMatchObject({
			time: '1768179600',
			time_zone: 'Asia/Shanghai',
			create_time: expect.stringMatching(/^\d+$/),
		});
	});

	test('query with check_date_type CreateTime compares the creation time, PeriodTime (the default) the remedy time', async () => {
		const approvalId = await createdApprovalId();
		const now = Math.floor(Date.now() / 1000);
		const query = async (check_date_type: 'PeriodTime' | 'CreateTime', from: number, to: number) =>
			(
				await sdk.client.attendance.userTaskRemedy.query({
					params: { employee_type: 'employee_id' },
					data: {
						user_ids: ['e1001'],
						check_time_from: String(from),
						check_time_to: String(to),
						check_date_type,
						status: 0,
					},
				})
			).data?.user_remedys?.map((record) => record.approval_id);
		const remedyTime = 1768179600; // 2026-01-12 09:00 Asia/Shanghai
		expect(await query('CreateTime', now - 60, now + 60)).toEqual([approvalId]);
		expect(await query('CreateTime', remedyTime - 60, remedyTime + 60)).toEqual(
			Math.abs(now - remedyTime) <= 60 ? [approvalId] : [],
		);
		expect(await query('PeriodTime', remedyTime, remedyTime)).toEqual([approvalId]);
	});

	test('approval_infos/process answers data.approval_info for approve, reject and withdraw', async () => {
		const first = await createdApprovalId();
		const second = await createdApprovalId({ work_type: 2, remedy_time: '2026-01-12 18:00' });
		for (const [approval_id, status] of [
			[first, 2],
			[second, 1],
			[first, 4],
		] as Array<[string, number]>) {
			const answer = await sdk.client.attendance.approvalInfo.process({
				data: { approval_id, approval_type: 'remedy', status },
			});
			expect(shapeProblems(answer, declared.process.response, STRICT)).toEqual([]);
			expect(answer.data?.approval_info).toEqual({ approval_id, approval_type: 'remedy', status });
		}
	});
});

describe('failures as the SDK surfaces them: thrown, with the envelope, and logged', () => {
	test.each([
		['an unknown user', 400, 1220004, { user_id: 'nobody' }],
		['a user outside the data scope', 400, 1220005, { user_id: 'e1009' }],
		['a day without an abnormal punch', 400, 1226501, { user_id: 'e1010' }],
		['a group that forbids remedies', 400, 1226502, { user_id: 'e1006' }],
		['a date beyond the allowed range', 400, 1226503, { remedy_date: 20251101, remedy_time: '2025-11-01 09:00' }],
		['a punch the shift does not have', 400, 1220001, { punch_no: 2 }],
	])('create: %s is HTTP %i, code %i', async (_case, status, code, overrides) => {
		const failure = await sdkRejection(create(overrides));
		expectFeishuFailure(failure, status, code);
		expect(loggedCodes(sdk.log)).toContain(code);
		expect(session.sandbox.remedies()).toHaveLength(0);
	});

	test('create: the monthly limit used up is HTTP 400, code 1226504', async () => {
		await create({ user_id: 'e1007', remedy_date: 20260114, remedy_time: '2026-01-14 09:00' });
		expectFeishuFailure(
			await sdkRejection(create({ user_id: 'e1007', remedy_date: 20260113, remedy_time: '2026-01-13 09:00' })),
			400,
			1226504,
		);
	});

	test('create: a remedy_date sent as a string, against the SDK type, is refused 1220001 naming remedy_date', async () => {
		const failure = await sdkRejection(create({ remedy_date: '20260112' as unknown as number }));
		expectFeishuFailure(failure, 400, 1220001);
		expect(failure.kind === 'http' && (failure.body as { msg: string }).msg).toBe('param is invalid: remedy_date');
	});

	test('create: an internal error is thrown with HTTP 500 and code 1225000', async () => {
		session.sandbox.injectFaults([{ fault: 'http500', times: 1 }]);
		expectFeishuFailure(await sdkRejection(create()), 500, 1225000);
	});

	test('a missing scope is HTTP 400, code 99991672, with permission_violations and helps naming the scope', async () => {
		for (const app of [NO_SCOPE_APP, READONLY_APP]) {
			const failure = await sdkRejection(create({}, sdkClientFor(session.sandbox.baseUrl, app).client));
			expectFeishuFailure(failure, 400, 99991672);
			const error = (failure as Extract<SdkFailure, { kind: 'http' }>).body as {
				error: { permission_violations: Array<{ subject: string }>; helps: Array<{ url: string }> };
			};
			expect(error.error.permission_violations.map((violation) => violation.subject)).toContain('attendance:task');
			expect(error.error.helps[0].url).toContain('attendance:task');
		}
	});

	test('a read-only app may read: slots and records work with attendance:task:readonly', async () => {
		const readonly = sdkClientFor(session.sandbox.baseUrl, READONLY_APP).client;
		const slots = await readonly.attendance.userTaskRemedy.queryUserAllowedRemedys({
			params: { employee_type: 'employee_id' },
			data: { user_id: 'e1001', remedy_date: 20260112 },
		});
		expect(slots.code).toBe(0);
		const records = await readonly.attendance.userTaskRemedy.query({
			params: { employee_type: 'employee_id' },
			data: { user_ids: ['e1001'], check_time_from: '0', check_time_to: '1769875199' },
		});
		expect(records).toMatchObject({ code: 0, data: { user_remedys: [] } });
	});

	test('a rate-limited call is HTTP 429, code 99991400, with the x-ogw-ratelimit headers, and the SDK does not retry it', async () => {
		session.sandbox.injectFaults([{ fault: 'rateLimit', times: 1, path: PATHS.createRemedy }]);
		const failure = await sdkRejection(create());
		expectFeishuFailure(failure, 429, 99991400);
		expect(failure.kind === 'http' && failure.headers).toMatchObject({
			'x-ogw-ratelimit-limit': '50',
			'x-ogw-ratelimit-reset': expect.stringMatching(/^\d+(\.\d+)?$/),
		});
		expect(session.requestsTo(PATHS.createRemedy)).toHaveLength(1);
		expect(session.sandbox.remedies()).toHaveLength(0);
	});

	test('process: withdrawing a pending remedy is refused (HTTP 400, 1220001), an unknown approval_id is 1220004', async () => {
		const pending = await createdApprovalId();
		expectFeishuFailure(
			await sdkRejection(
				sdk.client.attendance.approvalInfo.process({
					data: { approval_id: pending, approval_type: 'remedy', status: 4 },
				}),
			),
			400,
			1220001,
		);
		expectFeishuFailure(
			await sdkRejection(
				sdk.client.attendance.approvalInfo.process({
					data: { approval_id: '7000000000000000001', approval_type: 'remedy', status: 2 },
				}),
			),
			400,
			1220004,
		);
		expect(session.sandbox.remedies()[0].status).toBe(0);
	});

	test('slots and records: 1226502 for a group that forbids remedies, 1220004 for an unknown user', async () => {
		const slots = sdk.client.attendance.userTaskRemedy.queryUserAllowedRemedys({
			params: { employee_type: 'employee_id' },
			data: { user_id: 'e1006', remedy_date: 20260112 },
		});
		expectFeishuFailure(await sdkRejection(slots), 400, 1226502);
		const records = sdk.client.attendance.userTaskRemedy.query({
			params: { employee_type: 'employee_no' },
			data: { user_ids: ['A1001', 'nobody'], check_time_from: '0', check_time_to: '1769875199' },
		});
		expectFeishuFailure(await sdkRejection(records), 400, 1220004);
	});

	test('an answer cut in half (HTTP 200) is not thrown: the SDK returns the raw text', async () => {
		session.sandbox.injectFaults([{ fault: 'malformed', times: 1, path: PATHS.createRemedy }]);
		const failure = await create().then(
			(answer) => ({ kind: 'answered', answer }),
			(error: unknown) => sdkFailureOf(error),
		);
		// axios parses JSON silently: when that fails on a 200 it hands back the text, and so does the SDK.
		expect(failure).toEqual({ kind: 'answered', answer: expect.any(String) });
		expect(session.sandbox.remedies()).toHaveLength(1);
	});
});

describe('loopback only', () => {
	test('an SDK client left on the Feishu domain is stopped before it opens a connection', async () => {
		const stray = sdkClientFor(Domain.Feishu, DEMO_APP);
		const failure = await sdkRejection(create({}, stray.client));
		expect(failure).toEqual({
			kind: 'error',
			message: 'fidelity tests: the SDK may only reach the loopback sandbox, not open.feishu.cn',
		});
		expect(session.sandbox.requests()).toHaveLength(0);
	});
});
