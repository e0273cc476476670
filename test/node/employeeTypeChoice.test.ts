import type { IDataObject } from 'n8n-workflow';

import { FROM_COLUMN_NAMES, chooseEmployeeType } from '../../nodes/FeishuAttendanceRemedy/remedy/employeeTypeChoice';
import { mapRowColumns } from '../../nodes/FeishuAttendanceRemedy/remedy/rowMapping';

const choose = (setting: unknown, row: IDataObject) => chooseEmployeeType(setting, mapRowColumns(row));

describe('an explicit Employee ID Type', () => {
	test.each([
		['employee_id', { 工号: 'A1' }],
		['employee_id', { employee_no: 'A1' }],
		['employee_no', { employee_id: 'e1' }],
		['employee_no', { user_id: 'A1' }],
	])('%s wins over the name of the user ID column %j', (setting, row) => {
		expect(choose(setting, row)).toEqual({ ok: true, employeeType: setting });
	});

	test('agrees with an employee_type column that says the same, in any spelling', () => {
		expect(choose('employee_no', { employee_type: 'Employee Number', user_id: 'A1' })).toEqual({ ok: true, employeeType: 'employee_no' });
	});

	test('and an employee_type column that says otherwise fail the item, naming both and the way out', () => {
		const choice = choose('employee_no', { employee_type: 'employee_id', user_id: 'e1' });
		expect(choice).toEqual({
			ok: false,
			message: 'Employee ID Type is set to Employee Number, but the row\'s employee_type column says "employee_id": choose From Column Names to follow the column, or remove the column',
		});
	});
});

describe('From Column Names', () => {
	test.each([
		[{ employee_type: 'employee_no', user_id: 'A1' }, 'employee_no'],
		[{ employee_type: 'employee_id', 工号: 'A1' }, 'employee_id'],
		[{ 工号: 'A1' }, 'employee_no'],
		[{ employee_no: 'A1' }, 'employee_no'],
		[{ 员工ID: 'e1' }, 'employee_id'],
		[{ user_id: 'e1' }, 'employee_id'],
		[{}, 'employee_id'],
	])('reads %j as %s', (row, expected) => {
		expect(choose(FROM_COLUMN_NAMES, row)).toEqual({ ok: true, employeeType: expected });
	});

	test('passes an unknown employee_type on, for validation to name it', () => {
		expect(choose(FROM_COLUMN_NAMES, { employee_type: 'open_id' })).toEqual({ ok: true, employeeType: 'open_id' });
	});
});
