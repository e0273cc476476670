/**
 * The shapes of a remedy ("补卡") request as Feishu's create API takes it, and of the
 * fields we collect from an n8n item before they are normalised and validated.
 */
import type { PersonIdType } from '../identity/personKeys';

export type EmployeeType = 'employee_id' | 'employee_no';

export const EMPLOYEE_TYPES: readonly EmployeeType[] = ['employee_id', 'employee_no'];

/**
 * What a row's user ID may be: one of Feishu Attendance's own ID types, or an email or mobile
 * number that the node first turns into an employee ID with Feishu's contact look-up.
 */
export type UserIdType = EmployeeType | PersonIdType;

/** 0, 1, 2: the first, second or third on/off duty pair of the day; free schedule sends 0. */
export type PunchNo = 0 | 1 | 2;

/** 1 on duty (上班), 2 off duty (下班), 0 free schedule (自由班制). */
export type WorkType = 0 | 1 | 2;

/** The body of `POST /open-apis/attendance/v1/user_task_remedys`, exactly as sent. */
export interface RemedyBody {
	user_id: string;
	remedy_date: number;
	punch_no: PunchNo;
	work_type: WorkType;
	remedy_time: string;
	reason: string;
}

/** A validated request: the query parameter plus the body. */
export interface RemedyRequest {
	employee_type: EmployeeType;
	body: RemedyBody;
}

/**
 * The raw values of one item, before normalisation: whatever the user mapped,
 * an expression returned or a sheet column held. `punch` is the punch number, or
 * 'free' for a free-schedule group.
 */
export interface RawRemedyFields {
	employeeType: unknown;
	userId: unknown;
	remedyDate: unknown;
	punch: unknown;
	workType: unknown;
	remedyTime: unknown;
	reason: unknown;
}

export type RemedyFieldName = keyof RawRemedyFields;

/** A field that could not be accepted: which one, what it held, and the form expected. */
export interface FieldProblem {
	field: RemedyFieldName;
	label: string;
	value: unknown;
	expected: string;
}
