import { mapRowColumns } from '../../nodes/FeishuAttendanceRemedy/remedy/rowMapping';

test('reads snake_case columns', () => {
	const row = { user_id: 'u1', remedy_date: '2021-07-01', punch_no: 0, work_type: 1, remedy_time: '08:00', reason: 'r' };
	expect(mapRowColumns(row).fields).toEqual({ userId: 'u1', remedyDate: '2021-07-01', punch: 0, workType: 1, remedyTime: '08:00', reason: 'r' });
});

test('reads camelCase and spaced headers', () => {
	const row = { userId: 'u1', 'Remedy Date': '2021-07-01', punchNo: 1, workType: 'off', remedyTime: '18:00', Reason: 'r' };
	expect(mapRowColumns(row).fields).toMatchObject({ userId: 'u1', remedyDate: '2021-07-01', punch: 1, workType: 'off', remedyTime: '18:00', reason: 'r' });
});

test('reads the Chinese headers of HR sheets, and 工号 means employee numbers', () => {
	const row = { 工号: 'A1001', 补卡日期: '2021/7/1', 第几次上下班: 0, 上下班: '上班', 补卡时间: '09:00', 补卡原因: '忘记打卡' };
	const mapped = mapRowColumns(row);
	expect(mapped.fields).toEqual({ userId: 'A1001', remedyDate: '2021/7/1', punch: 0, workType: '上班', remedyTime: '09:00', reason: '忘记打卡' });
	expect(mapped.impliedEmployeeType).toBe('employee_no');
});

test('an employee_id column implies the employee ID type', () => {
	expect(mapRowColumns({ employee_id: 'abd754f7' }).impliedEmployeeType).toBe('employee_id');
});

test('an explicit employee_type column is read', () => {
	expect(mapRowColumns({ employee_type: 'employee_no', user_id: '1' }).fields.employeeType).toBe('employee_no');
});

test('a blank preferred column gives way to a filled alias', () => {
	expect(mapRowColumns({ user_id: '', 工号: 'A1' }).fields.userId).toBe('A1');
});

test('columns that match nothing leave the field open', () => {
	expect(mapRowColumns({ name: '张伟', dept: 'HR' }).fields).toEqual({});
});

test("the byte-order mark Excel's CSV UTF-8 leaves on the first header (Extract From File keeps it) is no part of the name", () => {
	const mapped = mapRowColumns({ '\uFEFF工号': 'A1001', 补卡日期: '2026/11/23' });
	expect(mapped.fields).toMatchObject({ userId: 'A1001', remedyDate: '2026/11/23' });
	expect(mapped.impliedEmployeeType).toBe('employee_no');
});
