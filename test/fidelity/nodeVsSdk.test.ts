/**
 * Node vs SDK: for the same normalised fields, the node (run in n8n's engine) and Feishu's
 * official Node SDK send the sandbox the same request — method, path, query, JSON body with
 * its types (`remedy_date` a number, `remedy_time` a string), the same number of bytes, the
 * same bearer token and a JSON content type — and the node's request fits the SDK's declared
 * payload type. Covers every operation: create, approval status, allowed slots, records.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEMO_APP, PATHS } from '../../sandbox';
import type { RecordedRequest } from '../../sandbox';
import { runRemedyNode } from '../engine/runRemedyNode';
import { useSandboxPerTest } from '../engine/sandboxSession';
import { sdkClientFor } from './sdkClient';
import type { SdkSession } from './sdkClient';
import { declaredMethod, shapeProblems } from './sdkTypes';
import type { ApiName } from './sdkTypes';

const session = useSandboxPerTest();

const API: Record<'create' | 'slots' | 'records' | 'process', ApiName> = {
	create: { project: 'attendance', resource: 'user_task_remedy', apiName: 'create', version: 'v1' },
	slots: { project: 'attendance', resource: 'user_task_remedy', apiName: 'query_user_allowed_remedys', version: 'v1' },
	records: { project: 'attendance', resource: 'user_task_remedy', apiName: 'query', version: 'v1' },
	process: { project: 'attendance', resource: 'approval_info', apiName: 'process', version: 'v1' },
};

/** Feishu's page fixes the request Content-Type to this value. */
const DOCUMENTED_CONTENT_TYPE = 'application/json; charset=utf-8';
const OK = { status: 200, code: 0 };

type EmployeeType = 'employee_id' | 'employee_no';

let sdk: SdkSession;
beforeEach(() => {
	sdk = sdkClientFor(session.sandbox.baseUrl, DEMO_APP);
});

/** What two clients must agree on; user-agent and content-length are compared apart. */
function wireView(request: RecordedRequest, bodyOverrides: IDataObject = {}) {
	const [mediaType, ...parameters] = (request.headers['content-type'] ?? '')
		.split(';')
		.map((part) => part.trim().toLowerCase());
	const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length);
	return {
		method: request.method,
		path: request.path,
		query: request.query,
		body: { ...(request.body as IDataObject), ...bodyOverrides },
		mediaType,
		// JSON is UTF-8 unless said otherwise (RFC 8259), so no charset means utf-8.
		charset: charset ?? 'utf-8',
		authorization: request.headers.authorization,
		xHeaders: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.startsWith('x-'))),
	};
}

/** The same request on the wire from both clients, each accepted by the sandbox. */
function expectSameRequest(node: RecordedRequest, official: RecordedRequest, bodyOverrides: IDataObject = {}) {
	expect(wireView(node, bodyOverrides)).toStrictEqual(wireView(official, bodyOverrides));
	expect(node.headers['content-length']).toBe(official.headers['content-length']);
	expect(node.headers.authorization).toMatch(/^Bearer t-[0-9a-f]{48}$/);
	expect(node.headers['content-type']).toBe(DOCUMENTED_CONTENT_TYPE);
	expect(official.headers['content-type']).toMatch(/^application\/json(; ?charset=utf-8)?$/i);
	expect([node.outcome, official.outcome]).toEqual([OK, OK]);
}

/** The node's request is a value of the SDK's declared payload type: fields, types and enums. */
function expectFitsSdkPayload(api: ApiName, request: RecordedRequest) {
	const payload =
		request.path === PATHS.processApproval ? { data: request.body } : { data: request.body, params: request.query };
	expect(shapeProblems(payload, declaredMethod(api).payload, { requireOptional: false })).toEqual([]);
}

function requestsTo(path: string, expected: number): RecordedRequest[] {
	const requests = session.requestsTo(path);
	expect(requests).toHaveLength(expected);
	return requests;
}

describe('Create Remedy Request sends what the SDK sends', () => {
	interface CreateCase {
		name: string;
		parameters: INodeParameters;
		item?: IDataObject;
		employeeType: EmployeeType;
		body: {
			user_id: string;
			remedy_date: number;
			punch_no: number;
			work_type: number;
			remedy_time: string;
			reason: string;
		};
	}
	const defineBelow = (fields: INodeParameters): INodeParameters => ({
		operation: 'createRemedy',
		mappingMode: 'defineBelow',
		...fields,
	});

	const cases: CreateCase[] = [
		{
			name: 'an employee ID, the 1st pair on duty, a Chinese reason',
			parameters: defineBelow({
				employeeType: 'employee_id',
				userId: 'e1001',
				remedyDate: '2026-01-12',
				punch: '0',
				workType: 'on_duty',
				remedyTime: '09:00',
				reason: '忘记打卡',
			}),
			employeeType: 'employee_id',
			body: {
				user_id: 'e1001',
				remedy_date: 20260112,
				punch_no: 0,
				work_type: 1,
				remedy_time: '2026-01-12 09:00',
				reason: '忘记打卡',
			},
		},
		{
			name: 'an employee number, the 1st pair off duty, a date written 20260110',
			parameters: defineBelow({
				employeeType: 'employee_no',
				userId: 'A1002',
				remedyDate: '20260110',
				punch: '0',
				workType: 'off_duty',
				remedyTime: '18:30',
				reason: 'Forgot to clock out',
			}),
			employeeType: 'employee_no',
			body: {
				user_id: 'A1002',
				remedy_date: 20260110,
				punch_no: 0,
				work_type: 2,
				remedy_time: '2026-01-10 18:30',
				reason: 'Forgot to clock out',
			},
		},
		{
			name: 'the 2nd pair on duty of a two-pair shift, a date written 2026/1/9',
			parameters: defineBelow({
				employeeType: 'employee_id',
				userId: 'e1003',
				remedyDate: '2026/1/9',
				punch: '1',
				workType: 'on_duty',
				remedyTime: '13:30',
				reason: 'Client visit 客户拜访',
			}),
			employeeType: 'employee_id',
			body: {
				user_id: 'e1003',
				remedy_date: 20260109,
				punch_no: 1,
				work_type: 1,
				remedy_time: '2026-01-09 13:30',
				reason: 'Client visit 客户拜访',
			},
		},
		{
			name: 'the 3rd pair off duty of a three-pair shift, by employee number',
			parameters: defineBelow({
				employeeType: 'employee_no',
				userId: 'A1004',
				remedyDate: '2026-01-08',
				punch: '2',
				workType: 'off_duty',
				remedyTime: '20:00',
				reason: '系统故障',
			}),
			employeeType: 'employee_no',
			body: {
				user_id: 'A1004',
				remedy_date: 20260108,
				punch_no: 2,
				work_type: 2,
				remedy_time: '2026-01-08 20:00',
				reason: '系统故障',
			},
		},
		{
			name: 'the 2nd pair off duty of a three-pair shift',
			parameters: defineBelow({
				employeeType: 'employee_id',
				userId: 'e1004',
				remedyDate: '2026-01-07',
				punch: '1',
				workType: 'off_duty',
				remedyTime: '15:00',
				reason: 'Meeting ran late',
			}),
			employeeType: 'employee_id',
			body: {
				user_id: 'e1004',
				remedy_date: 20260107,
				punch_no: 1,
				work_type: 2,
				remedy_time: '2026-01-07 15:00',
				reason: 'Meeting ran late',
			},
		},
		{
			name: 'a free schedule: punch 0 and work type 0',
			parameters: defineBelow({
				employeeType: 'employee_id',
				userId: 'e1005',
				remedyDate: '2026-01-12',
				punch: 'free',
				remedyTime: '10:00',
				reason: '自由班制补卡',
			}),
			employeeType: 'employee_id',
			body: {
				user_id: 'e1005',
				remedy_date: 20260112,
				punch_no: 0,
				work_type: 0,
				remedy_time: '2026-01-12 10:00',
				reason: '自由班制补卡',
			},
		},
		{
			name: 'a free schedule by employee number, punched after midnight',
			parameters: defineBelow({
				employeeType: 'employee_no',
				userId: 'A1005',
				remedyDate: '2026-01-11',
				punch: 'free',
				remedyTime: '2026-01-12 03:00',
				reason: 'Night release',
			}),
			employeeType: 'employee_no',
			body: {
				user_id: 'A1005',
				remedy_date: 20260111,
				punch_no: 0,
				work_type: 0,
				remedy_time: '2026-01-12 03:00',
				reason: 'Night release',
			},
		},
		{
			name: 'an overnight off-duty punch: remedy_date stays the work day, remedy_time is the next day',
			parameters: defineBelow({
				employeeType: 'employee_id',
				userId: 'e1001',
				remedyDate: '2026-01-12',
				punch: '0',
				workType: 'off_duty',
				remedyTime: '2026-01-13 02:00',
				reason: '通宵上线',
			}),
			employeeType: 'employee_id',
			body: {
				user_id: 'e1001',
				remedy_date: 20260112,
				punch_no: 0,
				work_type: 2,
				remedy_time: '2026-01-13 02:00',
				reason: '通宵上线',
			},
		},
		{
			name: 'a reason with emoji (skin tone, ZWJ family), quotes, a backslash and a line break',
			parameters: defineBelow({
				employeeType: 'employee_id',
				userId: 'e1002',
				remedyDate: '2026-01-06',
				punch: '0',
				workType: 'on_duty',
				remedyTime: '08:59',
				reason: '  👍🏽 家人生病 👨‍👩‍👧 — «urgent» "quoted" \\ path\nsecond line 🚑  ',
			}),
			employeeType: 'employee_id',
			body: {
				user_id: 'e1002',
				remedy_date: 20260106,
				punch_no: 0,
				work_type: 1,
				remedy_time: '2026-01-06 08:59',
				reason: '👍🏽 家人生病 👨‍👩‍👧 — «urgent» "quoted" \\ path\nsecond line 🚑',
			},
		},
		{
			name: 'Map Automatically with the Chinese headers of an HR sheet (工号 means employee number)',
			parameters: { operation: 'createRemedy', mappingMode: 'autoMap' },
			item: {
				工号: 'A1003',
				补卡日期: '2026-01-05',
				第几次上下班: '第二次',
				上下班: '下班',
				补卡时间: '18:00',
				补卡原因: '加班后忘记打卡',
			},
			employeeType: 'employee_no',
			body: {
				user_id: 'A1003',
				remedy_date: 20260105,
				punch_no: 1,
				work_type: 2,
				remedy_time: '2026-01-05 18:00',
				reason: '加班后忘记打卡',
			},
		},
	];

	test.each(cases)('$name', async ({ parameters, item, employeeType, body }) => {
		const run = await runRemedyNode({ items: [item ?? {}], parameters, credential: session.credential });
		expect(run.failed.map((failed) => failed.json.error)).toEqual([]);
		expect(run.success).toHaveLength(1);

		await sdk.client.attendance.userTaskRemedy.create({ params: { employee_type: employeeType }, data: body });

		const [node, official] = requestsTo(PATHS.createRemedy, 2);
		expect(node.query).toStrictEqual({ employee_type: employeeType });
		expect(node.body).toStrictEqual(body);
		expectSameRequest(node, official);
		expectFitsSdkPayload(API.create, node);
	});
});

describe('Update Approval Status sends what the SDK sends', () => {
	/** Two pending remedies of e1001 (on and off duty of one day), written by the SDK. */
	async function twoPendingRemedies(): Promise<[string, string]> {
		const ids: string[] = [];
		for (const work_type of [1, 2]) {
			const answer = await sdk.client.attendance.userTaskRemedy.create({
				params: { employee_type: 'employee_id' },
				data: {
					user_id: 'e1001',
					remedy_date: 20260112,
					punch_no: 0,
					work_type,
					remedy_time: work_type === 1 ? '2026-01-12 09:00' : '2026-01-12 18:00',
					reason: '忘记打卡',
				},
			});
			ids.push(answer.data?.user_remedy?.approval_id ?? '');
		}
		return ids as [string, string];
	}

	test.each([
		['approve', 2, 0],
		['reject', 1, 0],
		['withdraw', 4, 2],
	])('%s sends status %i (the remedies were %i before)', async (decision, status, startStatus) => {
		const [forNode, forSdk] = await twoPendingRemedies();
		if (startStatus === 2) {
			for (const approval_id of [forNode, forSdk])
				await sdk.client.attendance.approvalInfo.process({ data: { approval_id, approval_type: 'remedy', status: 2 } });
		}
		const before = session.requestsTo(PATHS.processApproval).length;

		const run = await runRemedyNode({
			items: [{ approval_id: forNode }],
			parameters: { operation: 'updateApprovalStatus', approvalStatus: decision },
			credential: session.credential,
		});
		expect(run.failed.map((failed) => failed.json.error)).toEqual([]);
		await sdk.client.attendance.approvalInfo.process({
			data: { approval_id: forSdk, approval_type: 'remedy', status },
		});

		const [node, official] = requestsTo(PATHS.processApproval, before + 2).slice(before);
		expect(node.body).toStrictEqual({ approval_id: forNode, approval_type: 'remedy', status });
		expect((official.body as IDataObject).approval_id).toBe(forSdk);
		// Two remedies, so two approval IDs (both 19 digits): everything else is the same.
		expectSameRequest(node, official, { approval_id: '(approval id)' });
		expectFitsSdkPayload(API.process, node);
		expect(session.sandbox.remedies().map((remedy) => remedy.status)).toEqual([status, status]);
	});
});

describe('Get Allowed Remedy Slots sends what the SDK sends, and outputs what the SDK gets', () => {
	test.each([
		['an employee ID, two-pair shift', 'employee_id', 'e1003', '2026-01-09', 20260109],
		['an employee number, three-pair shift', 'employee_no', 'A1004', '20260108', 20260108],
		['a free schedule', 'employee_id', 'e1005', '2026/1/12', 20260112],
	] as Array<[string, EmployeeType, string, string, number]>)(
		'%s',
		async (_case, employeeType, userId, remedyDate, ymd) => {
			const run = await runRemedyNode({
				items: [{}],
				parameters: { operation: 'getAllowedSlots', mappingMode: 'defineBelow', employeeType, userId, remedyDate },
				credential: session.credential,
			});
			expect(run.failed.map((failed) => failed.json.error)).toEqual([]);
			const answer = await sdk.client.attendance.userTaskRemedy.queryUserAllowedRemedys({
				params: { employee_type: employeeType },
				data: { user_id: userId, remedy_date: ymd },
			});

			const [node, official] = requestsTo(PATHS.allowedRemedies, 2);
			expect(node.body).toStrictEqual({ user_id: userId, remedy_date: ymd });
			expectSameRequest(node, official);
			expectFitsSdkPayload(API.slots, node);
			const slots = run.success.map(({ json: { employee_type, ...slot } }) => {
				expect(employee_type).toBe(employeeType);
				return slot;
			});
			expect(slots.length).toBeGreaterThan(0);
			expect(slots).toStrictEqual(answer.data?.user_allowed_remedys);
		},
	);
});

describe('Get Remedy Records sends what the SDK sends, and outputs what the SDK gets', () => {
	const FROM = String(Date.UTC(2025, 11, 31, 16) / 1000); // 2026-01-01 00:00 Asia/Shanghai
	const TO = String(Date.UTC(2026, 0, 31, 15, 59, 59) / 1000); // 2026-01-31 23:59:59 Asia/Shanghai
	const STATUS = { pending: 0, rejected: 1, approved: 2, cancelled: 3, withdrawn: 4 } as const;

	/** e1001 approved, e1002 pending, bench-51 pending: something to find in every case. */
	async function someRemedies() {
		const create = async (user_id: string) =>
			(
				await sdk.client.attendance.userTaskRemedy.create({
					params: { employee_type: 'employee_id' },
					data: {
						user_id,
						remedy_date: 20260112,
						punch_no: 0,
						work_type: 1,
						remedy_time: '2026-01-12 09:00',
						reason: '忘记打卡 ✅',
					},
				})
			).data?.user_remedy?.approval_id ?? '';
		const approved = await create('e1001');
		await create('e1002');
		await create('bench-51');
		await sdk.client.attendance.approvalInfo.process({
			data: { approval_id: approved, approval_type: 'remedy', status: 2 },
		});
	}

	test.each([
		['two employee IDs, approved only', 'employee_id', ['e1001', 'e1002'], ['approved']],
		['an employee number, every status (one request per status)', 'employee_no', ['A1001', 'A1002'], undefined],
		[
			'51 users, pending only (50 users per request)',
			'employee_id',
			Array.from({ length: 51 }, (_, i) => `bench-${i + 1}`),
			['pending'],
		],
	] as Array<[string, EmployeeType, string[], Array<keyof typeof STATUS> | undefined]>)(
		'%s',
		async (_case, employeeType, userIds, statuses) => {
			await someRemedies();
			const before = session.requestsTo(PATHS.queryRemedies).length;
			const run = await runRemedyNode({
				items: [{}],
				parameters: {
					operation: 'getRemedyRecords',
					employeeType,
					userIds: userIds.join(','),
					rangeFrom: '2026-01-01',
					rangeTo: '2026-01-31',
					...(statuses ? { statuses } : {}),
				},
				credential: session.credential,
			});
			expect(run.failed.map((failed) => failed.json.error)).toEqual([]);
			const nodeRequests = session.requestsTo(PATHS.queryRemedies).slice(before);

			const found: unknown[] = [];
			for (let start = 0; start < userIds.length; start += 50) {
				for (const name of statuses ?? (Object.keys(STATUS) as Array<keyof typeof STATUS>)) {
					const answer = await sdk.client.attendance.userTaskRemedy.query({
						params: { employee_type: employeeType },
						data: {
							user_ids: userIds.slice(start, start + 50),
							check_time_from: FROM,
							check_time_to: TO,
							status: STATUS[name],
						},
					});
					found.push(...(answer.data?.user_remedys ?? []));
				}
			}
			const sdkRequests = session.requestsTo(PATHS.queryRemedies).slice(before + nodeRequests.length);

			// The node may send its requests concurrently: pair them by status and first user.
			const order = (request: RecordedRequest) => {
				const body = request.body as { status: number; user_ids: string[] };
				return `${body.status}:${body.user_ids[0]}`;
			};
			const sorted = (requests: RecordedRequest[]) => [...requests].sort((a, b) => order(a).localeCompare(order(b)));
			expect(nodeRequests).toHaveLength(sdkRequests.length);
			sorted(nodeRequests).forEach((node, index) => {
				expectSameRequest(node, sorted(sdkRequests)[index]);
				expectFitsSdkPayload(API.records, node);
				expect(node.body).toMatchObject({ check_time_from: FROM, check_time_to: TO });
			});

			const byApproval = (records: unknown[]) =>
				[...(records as IDataObject[])].sort((a, b) => String(a.approval_id).localeCompare(String(b.approval_id)));
			const outputs = run.success.map(({ json: { employee_type, status_name, ...record } }) => {
				expect(employee_type).toBe(employeeType);
				expect(Object.entries(STATUS).find(([, value]) => value === record.status)?.[0]).toBe(status_name);
				return record;
			});
			expect(found.length).toBeGreaterThan(0);
			expect(byApproval(outputs)).toStrictEqual(byApproval(found));
		},
	);
});
