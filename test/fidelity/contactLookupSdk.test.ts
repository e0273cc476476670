/**
 * The contact look-up by email or mobile (`contact/v3/users/batch_get_id`) against Feishu's
 * official Node SDK: what its declarations and notes (generated from Feishu's API definitions)
 * say about the facts the node relies on; that the SDK's own calls work against the sandbox,
 * with answers of exactly the declared shape and failures thrown as from Feishu; and that the
 * node, run in n8n's engine, sends the same look-up the SDK sends for the same people.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { DEMO_APP, PATHS, READONLY_APP } from '../../sandbox';
import type { RecordedRequest } from '../../sandbox';
import { runRemedyNode } from '../engine/runRemedyNode';
import { remedyRow, useSandboxPerTest } from '../engine/sandboxSession';
import { sdkClientFor, sdkRejection } from './sdkClient';
import type { SdkFailure, SdkSession } from './sdkClient';
import { declaredAt, declaredMethod, declaredNotes, fieldNames, shapeProblems } from './sdkTypes';
import type { ApiName, DeclaredMethod } from './sdkTypes';

const session = useSandboxPerTest();

const LOOKUP: ApiName = { project: 'contact', resource: 'user', apiName: 'batch_get_id', version: 'v3' };

let declared: DeclaredMethod;
beforeAll(() => {
	declared = declaredMethod(LOOKUP);
});

let sdk: SdkSession;
beforeEach(() => {
	sdk = sdkClientFor(session.sandbox.baseUrl, DEMO_APP);
});

/** Entries carry either `email` or `mobile`, so optional fields are not all required here. */
const LENIENT = { requireOptional: false };

function expectThrownFeishuFailure(failure: SdkFailure, status: number, code: number): Record<string, unknown> {
	expect(failure.kind).toBe('http');
	if (failure.kind !== 'http') return {};
	const body = failure.body as { code: unknown; error?: Record<string, unknown> };
	expect([failure.status, body.code]).toEqual([status, code]);
	return body.error ?? {};
}

describe('what the SDK declares about batch_get_id', () => {
	test('the method is contact.user.batchGetId', () => {
		expect(declared.name).toBe('batchGetId');
		expect(typeof sdk.client.contact.user.batchGetId).toBe('function');
	});

	test('user_id_type is open_id, union_id or user_id, and optional', () => {
		const params = declaredAt(declared.payload, ['params']);
		expect(params).toEqual({
			kind: 'object',
			fields: [
				{
					name: 'user_id_type',
					optional: true,
					type: { kind: 'string', literals: ['open_id', 'union_id', 'user_id'] },
				},
			],
		});
	});

	test('the body is emails and mobiles (string arrays) and include_resigned (a boolean), all optional', () => {
		expect(declaredAt(declared.payload, ['data'])).toEqual({
			kind: 'object',
			fields: [
				{ name: 'emails', optional: true, type: { kind: 'array', element: { kind: 'string' } } },
				{ name: 'mobiles', optional: true, type: { kind: 'array', element: { kind: 'string' } } },
				{ name: 'include_resigned', optional: true, type: { kind: 'boolean' } },
			],
		});
	});

	test('the answer is data.user_list of { user_id?, mobile?, email?, status? }, user_id optional', () => {
		const list = declaredAt(declared.response, ['data', 'user_list']);
		expect(list.kind).toBe('array');
		if (list.kind !== 'array' || list.element.kind !== 'object') return;
		expect(list.element.fields.map((field) => [field.name, field.optional])).toEqual([
			['user_id', true],
			['mobile', true],
			['email', true],
			['status', true],
		]);
		expect(fieldNames(declaredAt(list, ['status']))).toEqual([
			'is_frozen',
			'is_resigned',
			'is_activated',
			'is_exited',
			'is_unjoin',
		]);
	});

	test('its notes say an unknown, invisible or resigned person, or a missing user ID scope, gets no user ID (not an error)', () => {
		const notes = declaredNotes(LOOKUP);
		expect(notes).toContain('请求后不返回用户 ID 的可能原因');
		// Unknown: 输入的手机号或者邮箱不存在.
		expect(notes).toContain('输入的手机号或者邮箱不存在');
		// The field scope contact:user.employee_id:readonly is the one Feishu's console calls 获取用户 user ID.
		expect(notes).toContain('应用未开通 **获取用户 user ID** API 权限');
		// Outside the app's data range.
		expect(notes).toContain('应用无权限查看用户信息');
		expect(notes).toContain('include_resigned 取值为 false，则不会返回离职用户 ID');
		// An enterprise mailbox address does not resolve: the user's own email must be used.
		expect(notes).toContain('使用企业邮箱查询将无法返回用户 ID');
	});
});

describe('the SDK against the sandbox', () => {
	test('sends user_id_type in the query and the lists in the body, and gets entries of the declared shape', async () => {
		const answer = await sdk.client.contact.user.batchGetId({
			params: { user_id_type: 'user_id' },
			data: {
				emails: ['zhang.wei@example.com', 'nobody@example.com'],
				mobiles: ['+14155550104'],
				include_resigned: false,
			},
		});
		expect(answer.code).toBe(0);
		expect(shapeProblems(answer, declared.response, LENIENT)).toEqual([]);
		expect(answer.data?.user_list?.map((entry) => [entry.email ?? entry.mobile, entry.user_id])).toEqual([
			['zhang.wei@example.com', 'e1001'],
			['nobody@example.com', undefined],
			['+14155550104', 'e1004'],
		]);
		const [request] = session.requestsTo(PATHS.batchGetUserId);
		expect(request).toMatchObject({
			method: 'POST',
			query: { user_id_type: 'user_id' },
			body: {
				emails: ['zhang.wei@example.com', 'nobody@example.com'],
				mobiles: ['+14155550104'],
				include_resigned: false,
			},
			outcome: { status: 200, code: 0 },
		});
		expect(request.headers.authorization).toMatch(/^Bearer t-/);
	});

	test('without params the SDK sends no user_id_type, and the answer is an open_id, not the employee ID', async () => {
		const answer = await sdk.client.contact.user.batchGetId({ data: { emails: ['zhang.wei@example.com'] } });
		expect(answer.data?.user_list?.[0]?.user_id).toMatch(/^ou_/);
		expect(session.requestsTo(PATHS.batchGetUserId)[0]?.query).toEqual({});
	});

	test('a resigned person is an entry without user_id unless include_resigned is true', async () => {
		const ask = async (include_resigned: boolean) =>
			(
				await sdk.client.contact.user.batchGetId({
					params: { user_id_type: 'user_id' },
					data: { emails: ['sun.li@example.com'], include_resigned },
				})
			).data?.user_list?.[0];
		expect(await ask(false)).toEqual({ email: 'sun.li@example.com' });
		expect(await ask(true)).toMatchObject({
			email: 'sun.li@example.com',
			user_id: 'e1011',
			status: { is_resigned: true },
		});
	});

	test('51 emails are thrown as HTTP 400, code 99992402 naming emails', async () => {
		const emails = Array.from({ length: 51 }, (_, index) => `bench-${index + 1}@bench.example.com`);
		const failure = await sdkRejection(
			sdk.client.contact.user.batchGetId({ params: { user_id_type: 'user_id' }, data: { emails } }),
		);
		const error = expectThrownFeishuFailure(failure, 400, 99992402);
		expect(error.field_violations).toEqual([{ field: 'emails', description: expect.any(String) }]);
	});

	test('an app without contact:user.id:readonly is thrown HTTP 400, code 99991672 naming the scope', async () => {
		const readonly = sdkClientFor(session.sandbox.baseUrl, READONLY_APP);
		const failure = await sdkRejection(
			readonly.client.contact.user.batchGetId({
				params: { user_id_type: 'user_id' },
				data: { emails: ['zhang.wei@example.com'] },
			}),
		);
		const error = expectThrownFeishuFailure(failure, 400, 99991672);
		expect(error.permission_violations).toEqual([
			{ type: 'action_scope_required', subject: 'contact:user.id:readonly', description: expect.any(String) },
		]);
	});

	test('past the per-minute limit the SDK gets HTTP 429, code 99991400, and does not retry', async () => {
		session.sandbox.configure({ contactRateLimitPerMinute: 2, rateLimitPerSecond: 0 });
		const ask = () =>
			sdk.client.contact.user.batchGetId({
				params: { user_id_type: 'user_id' },
				data: { emails: ['zhang.wei@example.com'] },
			});
		// The three calls must fall into one wall-clock minute: wait out the last 3 s of one.
		const left = 60_000 - (Date.now() % 60_000);
		if (left < 3000) await sleep(left + 5);
		await ask();
		await ask();
		const failure = await sdkRejection(ask());
		expectThrownFeishuFailure(failure, 429, 99991400);
		expect(session.requestsTo(PATHS.batchGetUserId)).toHaveLength(3);
	});
});

describe('the node looks people up as the SDK does', () => {
	/** What two clients must agree on: method, path, query, JSON body, bytes, token, JSON content type. */
	function wireView(request: RecordedRequest) {
		return {
			method: request.method,
			path: request.path,
			query: request.query,
			body: request.body,
			contentLength: request.headers['content-length'],
			mediaType: (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase(),
			authorization: request.headers.authorization,
			outcome: request.outcome,
		};
	}

	test.each([
		['emails', { emails: ['zhang.wei@example.com', 'li.na@example.com'] }],
		['mobiles, mainland and not', { mobiles: ['13800000000', '+85291234567'] }],
		['emails and mobiles together', { emails: ['bob.smith@example.com'], mobiles: ['+14155550104', '13800000003'] }],
	])(
		'rows naming people by %s: the same request, and it fits the SDK payload',
		async (_name, asked: { emails?: string[]; mobiles?: string[] }) => {
			const rows = [
				...(asked.emails ?? []).map((email) => ({ email })),
				...(asked.mobiles ?? []).map((mobile) => ({ mobile })),
			].map((who, index): IDataObject => {
				const row: IDataObject = { ...who, ...remedyRow({ remedy_date: `2026-01-1${index}` }) };
				delete row.user_id;
				return row;
			});
			const run = await runRemedyNode({
				items: rows,
				parameters: { operation: 'createRemedy', mappingMode: 'autoMap' },
				credential: session.credential,
			});
			expect(run.failed).toHaveLength(0);
			const [node] = session.requestsTo(PATHS.batchGetUserId);

			await sdk.client.contact.user.batchGetId({
				params: { user_id_type: 'user_id' },
				data: { ...asked, include_resigned: false },
			});
			const official = session.requestsTo(PATHS.batchGetUserId)[1];

			const { authorization: nodeToken, ...nodeView } = wireView(node);
			const { authorization: sdkToken, ...sdkView } = wireView(official);
			expect(nodeView).toStrictEqual(sdkView);
			expect([nodeToken, sdkToken].every((header) => /^Bearer t-[0-9a-f]{48}$/.test(header ?? ''))).toBe(true);
			expect(node.headers['content-type']).toBe('application/json; charset=utf-8');
			expect(shapeProblems({ data: node.body, params: node.query }, declared.payload, LENIENT)).toEqual([]);
		},
	);
});
