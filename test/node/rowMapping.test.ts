import { mapRowColumns } from '../../nodes/FeishuAttendanceRemedy/remedy/rowMapping';

test('reads snake_case columns', () => {
	const row = {
		user_id: 'u1',
		remedy_date: '2021-07-01',
		punch_no: 0,
		work_type: 1,
		remedy_time: '08:00',
		reason: 'r',
	};
	expect(mapRowColumns(row).fields).toEqual({
		userId: 'u1',
		remedyDate: '2021-07-01',
		punch: 0,
		workType: 1,
		remedyTime: '08:00',
		reason: 'r',
	});
});

test('reads camelCase and spaced headers', () => {
	const row = {
		userId: 'u1',
		'Remedy Date': '2021-07-01',
		punchNo: 1,
		workType: 'off',
		remedyTime: '18:00',
		Reason: 'r',
	};
	expect(mapRowColumns(row).fields).toMatchObject({
		userId: 'u1',
		remedyDate: '2021-07-01',
		punch: 1,
		workType: 'off',
		remedyTime: '18:00',
		reason: 'r',
	});
});

test('reads the Chinese headers of HR sheets, and 工号 means employee numbers', () => {
	const row = {
		工号: 'A1001',
		补卡日期: '2021/7/1',
		第几次上下班: 0,
		上下班: '上班',
		补卡时间: '09:00',
		补卡原因: '忘记打卡',
	};
	const mapped = mapRowColumns(row);
	expect(mapped.fields).toEqual({
		userId: 'A1001',
		remedyDate: '2021/7/1',
		punch: 0,
		workType: '上班',
		remedyTime: '09:00',
		reason: '忘记打卡',
	});
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

describe('people named by email or mobile number', () => {
	test.each([
		[{ email: 'a@example.com' }, 'email'],
		[{ 'E-mail': 'a@example.com' }, 'email'],
		[{ 邮箱: 'a@example.com' }, 'email'],
		[{ mobile: '13800000000' }, 'mobile'],
		[{ 手机号: '13800000000' }, 'mobile'],
		[{ 手机: '13800000000' }, 'mobile'],
		[{ Phone: '+852 9123 4567' }, 'mobile'],
	])('%j names the person, and says which kind of ID it is', (row, implied) => {
		const mapped = mapRowColumns(row);
		expect(mapped.fields.userId).toBe(Object.values(row)[0]);
		expect(mapped.impliedEmployeeType).toBe(implied);
	});

	test('an attendance ID column comes before an email column when no type is chosen', () => {
		expect(mapRowColumns({ email: 'a@example.com', 工号: 'A1' })).toMatchObject({
			fields: { userId: 'A1' },
			impliedEmployeeType: 'employee_no',
		});
	});

	test('with Email chosen, the email column is read even beside an employee number column', () => {
		expect(mapRowColumns({ 工号: 'A1', email: 'a@example.com' }, 'email').fields.userId).toBe('a@example.com');
	});

	test('with Mobile Number chosen, a plain user_id column is read when there is no mobile column, never an email or 工号 column', () => {
		expect(mapRowColumns({ user_id: '13800000000', email: 'a@example.com' }, 'mobile').fields.userId).toBe(
			'13800000000',
		);
		expect(mapRowColumns({ email: 'a@example.com', 工号: 'A1' }, 'mobile').fields.userId).toBeUndefined();
	});

	test('with an attendance type chosen, an email or mobile column is never read as the user ID', () => {
		expect(mapRowColumns({ email: 'a@example.com' }, 'employee_id').fields.userId).toBeUndefined();
		expect(mapRowColumns({ 手机号: '13800000000', 工号: 'A1' }, 'employee_no').fields.userId).toBe('A1');
	});
});
