/**
 * Rows as users bring them, run by n8n's own WorkflowExecute against the sandbox over HTTP:
 * Feishu's own wire form, an explicit Employee ID Type beside telling column names, and a row
 * as Extract From File gives an xlsx with its default options (dates and times as Excel numbers).
 */
import { runRemedyNode } from '../engine/runRemedyNode';
import { useSandboxPerTest } from '../engine/sandboxSession';

const CREATE_PATH = '/open-apis/attendance/v1/user_task_remedys';

const session = useSandboxPerTest();
const createRequests = () => session.requestsTo(CREATE_PATH);

/** The create page's request, in its own field names and values; `time` is its retired field ("-"). */
const wireRow = (overrides: Record<string, unknown> = {}) => ({
	employee_type: 'employee_id',
	user_id: 'e1005',
	remedy_date: 20260112,
	punch_no: 0,
	work_type: 0,
	remedy_time: '2026-01-12 10:00',
	reason: '忘记打卡',
	time: '-',
	...overrides,
});

const DEFINE_BELOW_FROM_WIRE = {
	operation: 'createRemedy',
	mappingMode: 'defineBelow',
	employeeType: '={{ $json.employee_type }}',
	userId: '={{ $json.user_id }}',
	remedyDate: '={{ $json.remedy_date }}',
	punch: '={{ $json.punch_no }}',
	workType: '={{ $json.work_type }}',
	remedyTime: '={{ $json.remedy_time }}',
	reason: '={{ $json.reason }}',
};

describe("a row in Feishu's own wire form is sent unchanged", () => {
	// Users whose attendance group has that many pairs: e1005 free schedule, e1001 one pair, e1003 two, e1004 three.
	const documented: Array<[string, number, number]> = [
		['e1005', 0, 0],
		['e1001', 0, 1],
		['e1001', 0, 2],
		['e1003', 1, 1],
		['e1003', 1, 2],
		['e1004', 2, 1],
		['e1004', 2, 2],
	];
	const rows = documented.map(([user_id, punch_no, work_type]) =>
		wireRow({
			user_id,
			punch_no,
			work_type,
			remedy_time: work_type === 2 ? '2026-01-12 18:00' : '2026-01-12 09:00',
			reason: `wire ${punch_no}/${work_type}`,
		}),
	);
	// The body is the row without the query parameter and the retired `time`.
	const expectedBodies = rows.map(({ user_id, remedy_date, punch_no, work_type, remedy_time, reason }) => ({
		user_id,
		remedy_date,
		punch_no,
		work_type,
		remedy_time,
		reason,
	}));

	test.each([
		['Map Automatically', { operation: 'createRemedy', mappingMode: 'autoMap' }],
		['Define Below, each field an expression', DEFINE_BELOW_FROM_WIRE],
	])('under %s: every documented punch_no / work_type, free schedule (0, 0) included', async (_mode, parameters) => {
		const result = await runRemedyNode({ items: rows, parameters, credential: session.credential });
		expect(result.failed.map((item) => item.json.error)).toEqual([]);
		expect(result.success).toHaveLength(rows.length);
		const received = createRequests();
		expect(received.map((request) => request.body)).toEqual(expectedBodies);
		expect(received.map((request) => request.query)).toEqual(rows.map(() => ({ employee_type: 'employee_id' })));
	});
});

describe('an explicit Employee ID Type is never overridden by a column name', () => {
	const byNumberColumn = {
		工号: 'e1001',
		补卡日期: '2026-01-12',
		上下班: '上班',
		补卡时间: '09:00',
		补卡原因: 'explicit wins',
		第几次上下班: 0,
	};

	test('Employee ID with a 工号 column sends employee_type=employee_id', async () => {
		const result = await runRemedyNode({
			items: [byNumberColumn],
			parameters: { operation: 'createRemedy', mappingMode: 'autoMap', employeeType: 'employee_id' },
			credential: session.credential,
		});
		expect(result.failed).toHaveLength(0);
		expect(createRequests().map((request) => request.query)).toEqual([{ employee_type: 'employee_id' }]);
	});

	test('Employee Number with an employee_id column sends employee_type=employee_no', async () => {
		const { 工号: number, ...rest } = byNumberColumn;
		await runRemedyNode({
			items: [{ ...rest, employee_id: number.replace('e', 'A') }],
			parameters: { operation: 'createRemedy', mappingMode: 'autoMap', employeeType: 'employee_no' },
			credential: session.credential,
		});
		expect(createRequests().map((request) => request.query)).toEqual([{ employee_type: 'employee_no' }]);
	});

	test('From Column Names, the default under Map Automatically, reads 工号 as employee numbers', async () => {
		const result = await runRemedyNode({
			items: [{ ...byNumberColumn, 工号: 'A1001' }],
			parameters: { operation: 'createRemedy', mappingMode: 'autoMap' },
			credential: session.credential,
		});
		expect(result.failed).toHaveLength(0);
		expect(createRequests().map((request) => request.query)).toEqual([{ employee_type: 'employee_no' }]);
	});

	test('an explicit type and an employee_type column that says otherwise fail the item, and nothing is sent', async () => {
		const result = await runRemedyNode({
			items: [wireRow({ employee_type: 'employee_no' })],
			parameters: { operation: 'createRemedy', mappingMode: 'autoMap', employeeType: 'employee_id' },
			credential: session.credential,
		});
		expect(result.success).toHaveLength(0);
		expect(result.failed[0].json.error).toMatchObject({ category: 'invalid_input', field: 'employee_type' });
		expect(String((result.failed[0].json.error as { msg: string }).msg)).toMatch(
			/set to Employee ID.*employee_type column says "employee_no".*From Column Names/,
		);
		expect(createRequests()).toEqual([]);
	});
});

describe('an xlsx row as Extract From File gives it with its default options', () => {
	// sheet_to_json without raw: false: 2026-01-12 is the serial 46034, 09:00 the fraction 0.375, 工号 a number cell.
	const xlsxRow = {
		工号: 1001,
		补卡日期: 46034,
		上下班: '下班',
		补卡时间: 0.7708333333333334,
		补卡原因: '外出',
		第几次上下班: '第1次',
	};

	test('serial dates and day-fraction times become remedy_date and remedy_time', async () => {
		const result = await runRemedyNode({
			items: [
				{ ...xlsxRow, 工号: 'A1001' },
				{
					工号: 'A1002',
					补卡日期: 46034.375,
					上下班: '上班',
					补卡时间: 46034.375,
					补卡原因: '忘记打卡',
					第几次上下班: 0,
				},
			],
			parameters: { operation: 'createRemedy', mappingMode: 'autoMap' },
			credential: session.credential,
		});
		expect(result.failed.map((item) => item.json.error)).toEqual([]);
		expect(createRequests().map((request) => [request.query, request.body])).toEqual([
			[
				{ employee_type: 'employee_no' },
				{
					user_id: 'A1001',
					remedy_date: 20260112,
					punch_no: 0,
					work_type: 2,
					remedy_time: '2026-01-12 18:30',
					reason: '外出',
				},
			],
			[
				{ employee_type: 'employee_no' },
				{
					user_id: 'A1002',
					remedy_date: 20260112,
					punch_no: 0,
					work_type: 1,
					remedy_time: '2026-01-12 09:00',
					reason: '忘记打卡',
				},
			],
		]);
	});
});
