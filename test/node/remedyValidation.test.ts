import { validateRemedyFields } from '../../nodes/FeishuAttendanceRemedy/remedy/remedyValidation';
import type { RawRemedyFields } from '../../nodes/FeishuAttendanceRemedy/remedy/remedyTypes';

const rules = { zone: 'Asia/Shanghai' };

const VALID: RawRemedyFields = {
	employeeType: 'employee_id',
	userId: 'abd754f7',
	remedyDate: '2021-07-01',
	punch: '0',
	workType: 'on_duty',
	remedyTime: '08:00',
	reason: '忘记打卡',
};

function problemsOf(overrides: Partial<RawRemedyFields>) {
	const result = validateRemedyFields({ ...VALID, ...overrides }, rules);
	if (result.ok) throw new Error('expected the fields to be rejected');
	return result.problems;
}

test('builds the exact request of the API page example', () => {
	const result = validateRemedyFields(VALID, rules);
	expect(result).toEqual({
		ok: true,
		request: {
			employee_type: 'employee_id',
			body: {
				user_id: 'abd754f7',
				remedy_date: 20210701,
				punch_no: 0,
				work_type: 1,
				remedy_time: '2021-07-01 08:00',
				reason: '忘记打卡',
			},
		},
	});
});

describe('every punch_no and work_type the API page documents is sent as it is', () => {
	test.each([
		[0, 1],
		[0, 2],
		[1, 1],
		[1, 2],
		[2, 1],
		[2, 2],
		[0, 0],
		['0', '0'],
	])('punch_no %p with work_type %p', (punch, workType) => {
		const result = validateRemedyFields({ ...VALID, punch, workType }, rules);
		expect(result.ok && result.request.body).toMatchObject({ punch_no: Number(punch), work_type: Number(workType) });
	});

	test('a free schedule in Feishu\'s own form (punch_no 0, work_type 0; 自由班制填 0) is the same request as Punch "free"', () => {
		const wire = validateRemedyFields({ ...VALID, punch: 0, workType: 0 }, rules);
		const free = validateRemedyFields({ ...VALID, punch: 'free', workType: undefined }, rules);
		expect(wire).toEqual(free);
	});

	test.each([
		[1, 0],
		[2, 0],
	])('work_type 0 with punch_no %p is no documented pair and is refused', (punch, workType) => {
		expect(problemsOf({ punch, workType }).map((p) => p.field)).toEqual(['workType']);
	});
});

test('a free schedule sends punch 0 and work type 0', () => {
	const result = validateRemedyFields({ ...VALID, punch: 'free', workType: undefined }, rules);
	expect(result.ok && result.request.body).toMatchObject({ punch_no: 0, work_type: 0 });
});

test.each([
	['2', 'off_duty', 2, 2],
	[1, 2, 1, 2],
	['second', 'on', 1, 1],
	['第3次', '下班', 2, 2],
	['3rd', 'Off Duty', 2, 2],
])('punch %p with work type %p becomes punch_no %p and work_type %p', (punch, workType, punchNo, workTypeNo) => {
	const result = validateRemedyFields({ ...VALID, punch, workType }, rules);
	expect(result.ok && result.request.body).toMatchObject({ punch_no: punchNo, work_type: workTypeNo });
});

test('employee numbers as sheet numbers become text IDs', () => {
	const result = validateRemedyFields({ ...VALID, employeeType: 'employee_no', userId: 10086 }, rules);
	expect(result.ok && result.request).toMatchObject({ employee_type: 'employee_no', body: { user_id: '10086' } });
});

test('an overnight remedy time on the next day is accepted', () => {
	const result = validateRemedyFields({ ...VALID, workType: 'off_duty', remedyTime: '2021-07-02 03:00' }, rules);
	expect(result.ok && result.request.body.remedy_time).toBe('2021-07-02 03:00');
});

describe('every rejected field names itself, the value and the expected form', () => {
	test.each([
		['employeeType', { employeeType: 'open_id' }, 'Employee ID Type', '"open_id"', 'employee_id'],
		['userId', { userId: '' }, 'User ID', '""', 'non-empty ID'],
		['userId', { userId: 'a b' }, 'User ID', '"a b"', 'no spaces'],
		['userId', { userId: 'x'.repeat(65) }, 'User ID', 'xxx', 'at most 64'],
		['userId', { userId: { id: 1 } }, 'User ID', '{"id":1}', 'non-empty ID'],
		['remedyDate', { remedyDate: '20210230' }, 'Remedy Date', '"20210230"', '20210701'],
		['remedyDate', { remedyDate: null }, 'Remedy Date', 'null', '20210701'],
		['punch', { punch: 3 }, 'Punch', '3', '0, 1 or 2'],
		['punch', { punch: '-1' }, 'Punch', '"-1"', 'free'],
		['workType', { workType: 'lunch' }, 'Work Type', '"lunch"', 'on_duty'],
		['workType', { punch: 1, workType: 0 }, 'Work Type', '0', 'only for a free schedule, with punch 0'],
		['workType', { punch: 'free', workType: 'on_duty' }, 'Work Type', '"on_duty"', 'free schedule'],
		['remedyTime', { remedyTime: '25:00' }, 'Remedy Time', '"25:00"', '08:00'],
		['remedyTime', { remedyTime: '2021-07-05 08:00' }, 'Remedy Time', '"2021-07-05 08:00"', 'the next day'],
		[
			'remedyTime',
			{ remedyTime: '2021-06-30 23:00' },
			'Remedy Time',
			'"2021-06-30 23:00"',
			'on the remedy date 2021-07-01',
		],
		['reason', { reason: '   ' }, 'Reason', '"   "', 'non-empty text'],
		['reason', { reason: 'r'.repeat(1001) }, 'Reason', 'rrr', 'at most 1000'],
		['reason', { reason: ['a'] }, 'Reason', '["a"]', 'non-empty text'],
	] as const)('%s: %j', (field, overrides, label, shownValue, expected) => {
		const problems = problemsOf(overrides as Partial<RawRemedyFields>);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ field, label });
		expect(problems[0].expected).toContain(expected);
		const { renderValue } = jest.requireActual('../../nodes/FeishuAttendanceRemedy/remedy/remedyValidation');
		expect(renderValue(problems[0].value)).toContain(shownValue);
	});
});

test('all bad fields of one item are reported together', () => {
	const problems = problemsOf({ userId: null, remedyDate: 'soon', reason: '' });
	expect(problems.map((p) => p.field)).toEqual(['userId', 'remedyDate', 'reason']);
});

test('a bad remedy date does not also blame a clock time that only needs that date', () => {
	expect(problemsOf({ remedyDate: '2021-02-30' }).map((p) => p.field)).toEqual(['remedyDate']);
});

test('huge values are shortened in messages', () => {
	const { renderValue } = jest.requireActual('../../nodes/FeishuAttendanceRemedy/remedy/remedyValidation');
	expect(renderValue('y'.repeat(100000)).length).toBeLessThanOrEqual(80);
});

test('punch and work type may stay open only when allowed slots will fill them', () => {
	const open = { ...VALID, punch: '', workType: undefined };
	expect(validateRemedyFields(open, rules).ok).toBe(false);
});
