/**
 * Which ID type a mapped row's user ID is. Under Map Automatically the node's Employee ID Type
 * is either an explicit type, which always wins, or "From Column Names", which reads it from
 * the row: an employee_type column, else the name of the user ID column (工号 / employee_no hold
 * employee numbers, employee_id holds employee IDs, email / 邮箱 and mobile / 手机号 people to look
 * up), else Employee ID, as Feishu's API assumes nothing and the node always did.
 */
import type { MappedRow } from './rowMapping';
import type { EmployeeType, UserIdType } from './remedyTypes';

/** The Employee ID Type option that reads the type from the row instead of setting it. */
export const FROM_COLUMN_NAMES = 'fromColumnNames';

const DEFAULT_EMPLOYEE_TYPE: EmployeeType = 'employee_id';
const USER_ID_TYPE_NAMES: Record<UserIdType, string> = {
	employee_id: 'Employee ID',
	employee_no: 'Employee Number',
	email: 'Email',
	mobile: 'Mobile Number',
};

export type EmployeeTypeChoice = { ok: true; employeeType: unknown } | { ok: false; message: string };

/**
 * `setting` is the node's Employee ID Type for this item. An explicit type and an employee_type
 * column that says otherwise fail the item: sending either would be a guess about whose punch it is.
 */
export function chooseEmployeeType(setting: unknown, row: MappedRow): EmployeeTypeChoice {
	const fromColumn = row.fields.employeeType;
	if (setting === FROM_COLUMN_NAMES)
		return { ok: true, employeeType: fromColumn ?? row.impliedEmployeeType ?? DEFAULT_EMPLOYEE_TYPE };
	if (fromColumn !== undefined && normaliseUserIdType(fromColumn) !== normaliseUserIdType(setting)) {
		return {
			ok: false,
			message:
				`Employee ID Type is set to ${USER_ID_TYPE_NAMES[normaliseUserIdType(setting) ?? DEFAULT_EMPLOYEE_TYPE]}, but the row's employee_type column says ${JSON.stringify(fromColumn)}: ` +
				'choose From Column Names to follow the column, or remove the column',
		};
	}
	return { ok: true, employeeType: setting };
}

/** employee_id / Employee ID / employeeId → employee_id; employee_no / Employee Number → employee_no. */
export function normaliseEmployeeType(value: unknown): EmployeeType | undefined {
	if (typeof value !== 'string') return undefined;
	const folded = value
		.trim()
		.toLowerCase()
		.replace(/[\s_-]/g, '');
	if (folded === 'employeeid') return 'employee_id';
	if (folded === 'employeeno' || folded === 'employeenumber') return 'employee_no';
	return undefined;
}

/** An attendance ID type, or email / Email / 邮箱 → email, mobile / Mobile Number / 手机号 → mobile. */
export function normaliseUserIdType(value: unknown): UserIdType | undefined {
	const employeeType = normaliseEmployeeType(value);
	if (employeeType || typeof value !== 'string') return employeeType;
	const folded = value
		.trim()
		.toLowerCase()
		.replace(/[\s_-]/g, '');
	if (folded === 'email' || folded === '邮箱') return 'email';
	if (folded === 'mobile' || folded === 'mobilenumber' || folded === '手机号' || folded === '手机') return 'mobile';
	return undefined;
}

/** The node's setting when it names a type (so it decides which column holds the user ID); undefined for From Column Names. */
export function explicitUserIdType(setting: unknown): UserIdType | undefined {
	return setting === FROM_COLUMN_NAMES ? undefined : normaliseUserIdType(setting);
}
