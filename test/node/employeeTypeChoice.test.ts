import type { IDataObject } from 'n8n-workflow';

import {
	FROM_COLUMN_NAMES,
	chooseEmployeeType,
	normaliseUserIdType,
} from '../../nodes/FeishuAttendanceRemedy/remedy/employeeTypeChoice';
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
		expect(choose('employee_no', { employee_type: 'Employee Number', user_id: 'A1' })).toEqual({
			ok: true,
			employeeType: 'employee_no',
		});
	});

	test('and an employee_type column that says otherwise fail the item, naming both and the way out', () => {
		const choice = choose('employee_no', { employee_type: 'employee_id', user_id: 'e1' });
		expect(choice).toEqual({
			ok: false,
			message:
				'Employee ID Type is set to Employee Number, but the row\'s employee_type column says "employee_id": choose From Column Names to follow the column, or remove the column',
		});
	});
});

describe('From Column Names', () => {
	test.each([
		[{ email: 'a@example.com' }, 'email'],
		[{ 手机号: '13800000000' }, 'mobile'],
		[{ employee_type: 'Email', user_id: 'a@example.com' }, 'Email'],
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

describe('Email and Mobile Number', () => {
	test.each([
		['email', { 工号: 'A1', email: 'a@example.com' }],
		['mobile', { user_id: '13800000000' }],
	])('an explicit %s wins over the columns of %j', (setting, row) => {
		expect(choose(setting, row)).toEqual({ ok: true, employeeType: setting });
	});

	test('agree with an employee_type column that says the same, in any spelling', () => {
		expect(choose('mobile', { employee_type: 'Mobile Number', user_id: '13800000000' })).toEqual({
			ok: true,
			employeeType: 'mobile',
		});
		expect(choose('email', { employee_type: '邮箱', user_id: 'a@example.com' })).toEqual({
			ok: true,
			employeeType: 'email',
		});
	});

	test('and a column that says otherwise fail the item, naming the chosen type', () => {
		const choice = choose('email', { employee_type: 'employee_id', user_id: 'e1' });
		expect(choice).toMatchObject({
			ok: false,
			message: expect.stringMatching(
				/^Employee ID Type is set to Email, but the row's employee_type column says "employee_id"/,
			),
		});
	});

	test.each([
		['email', 'email'],
		['E-mail', 'email'],
		['Mobile Number', 'mobile'],
		['mobile_number', 'mobile'],
		['手机号', 'mobile'],
		['employee_no', 'employee_no'],
		['open_id', undefined],
	])('normaliseUserIdType reads %p as %p', (value, expected) => {
		expect(normaliseUserIdType(value)).toBe(expected);
	});
});
