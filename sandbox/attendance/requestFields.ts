/**
 * Reading the attendance endpoints' inputs exactly as Feishu's pages type them: pure functions
 * from query + body to a typed request, or the 1220001 failure naming the first bad field.
 * Fields are checked in the order the pages list them. Types are strict (a string "20240701" is
 * not an int), as Feishu's typed gateway is, so client type bugs surface here and not in production.
 */

import { dayNumberOf, parseWallTime, type WallTime } from '../calendar';
import { feishuErrors, type FeishuFailure } from '../feishuErrors';
import { isJsonObject, type JsonObject } from '../envelope';
import type { EmployeeType, RemedyStatus } from '../types';

export type Parsed<T> = { ok: true; value: T } | { ok: false; failure: FeishuFailure };

/** The parts of an HTTP call the readers need. */
export interface CallInput {
	query: Record<string, string>;
	contentType: string | undefined;
	body: unknown;
}

export interface CreateRemedyFields {
	userId: string;
	remedyDate: number;
	punchNo: number;
	workType: number;
	remedyTime: string;
	remedyWallTime: WallTime;
	reason: string;
}

export interface AllowedRemedyFields {
	userId: string;
	remedyDate: number;
}

export type CheckDateType = 'PeriodTime' | 'CreateTime' | 'UpdateTime';

export interface RemedyQueryFields {
	userIds: string[];
	fromSeconds: number;
	toSeconds: number;
	checkDateType: CheckDateType;
	/** Undefined: Feishu's default, approved only. */
	status?: RemedyStatus;
}

export const APPROVAL_TYPES: ReadonlySet<string> = new Set(['leave', 'out', 'overtime', 'trip', 'remedy']);

export interface ApprovalProcessFields {
	approvalId: string;
	approvalType: string;
	status: 1 | 2 | 4;
}

const MAX_QUERY_USERS = 50;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(field: string, description: string): Parsed<T> => ({
	ok: false,
	failure: feishuErrors.invalidParam(field, description),
});

export function readEmployeeType(input: CallInput): Parsed<EmployeeType> {
	const value = input.query.employee_type;
	if (value === 'employee_id' || value === 'employee_no') return ok(value);
	return bad('employee_type', 'required query parameter: employee_id or employee_no');
}

/** Content-Type must be JSON (the pages fix it to application/json; charset=utf-8) and the body an object. */
export function readJsonObject(input: CallInput): Parsed<JsonObject> {
	const mediaType = (input.contentType ?? '').split(';')[0].trim().toLowerCase();
	if (mediaType !== 'application/json') return bad('Content-Type', 'must be application/json; charset=utf-8');
	if (!isJsonObject(input.body)) return bad('body', 'must be a JSON object');
	return ok(input.body);
}

/** The opening of every per-user call: the query's employee_type, then the body read by `readFields`. */
export function readUserCall<T>(
	input: CallInput,
	readFields: (body: JsonObject) => Parsed<T>,
): Parsed<{ employeeType: EmployeeType; fields: T }> {
	const employeeType = readEmployeeType(input);
	if (!employeeType.ok) return employeeType;
	const body = readJsonObject(input);
	if (!body.ok) return body;
	const fields = readFields(body.value);
	if (!fields.ok) return fields;
	return { ok: true, value: { employeeType: employeeType.value, fields: fields.value } };
}

export function readCreateRemedy(body: JsonObject): Parsed<CreateRemedyFields> {
	const { user_id, remedy_date, punch_no, work_type, remedy_time, reason } = body;
	if (!isNonEmptyString(user_id)) return bad('user_id', 'required non-empty string');
	if (!isRealDate(remedy_date)) return bad('remedy_date', 'required int yyyyMMdd naming a real date');
	if (!isIntIn(punch_no, 0, 2)) return bad('punch_no', 'required int 0, 1 or 2');
	if (!isIntIn(work_type, 0, 2)) return bad('work_type', 'required int: 1 on duty, 2 off duty, 0 free schedule');
	const remedyWallTime = typeof remedy_time === 'string' ? parseWallTime(remedy_time) : undefined;
	if (typeof remedy_time !== 'string' || !remedyWallTime)
		return bad('remedy_time', 'required string yyyy-MM-dd HH:mm naming a real time');
	if (!isNonEmptyString(reason)) return bad('reason', 'required non-empty string');
	// `time` is documented as obsolete (字段已失效): accepted and ignored, whatever it holds.
	return ok({
		userId: user_id,
		remedyDate: remedy_date,
		punchNo: punch_no,
		workType: work_type,
		remedyTime: remedy_time,
		remedyWallTime,
		reason,
	});
}

export function readAllowedRemedy(body: JsonObject): Parsed<AllowedRemedyFields> {
	const { user_id, remedy_date } = body;
	if (!isNonEmptyString(user_id)) return bad('user_id', 'required non-empty string');
	if (!isRealDate(remedy_date)) return bad('remedy_date', 'required int yyyyMMdd naming a real date');
	return ok({ userId: user_id, remedyDate: remedy_date });
}

export function readRemedyQuery(body: JsonObject): Parsed<RemedyQueryFields> {
	const { user_ids, check_time_from, check_time_to, check_date_type, status } = body;
	if (
		!Array.isArray(user_ids) ||
		user_ids.length < 1 ||
		user_ids.length > MAX_QUERY_USERS ||
		!user_ids.every(isNonEmptyString)
	) {
		return bad('user_ids', `required array of 1..${MAX_QUERY_USERS} non-empty strings`);
	}
	if (!isSecondsString(check_time_from)) return bad('check_time_from', 'required unix seconds as a string');
	if (!isSecondsString(check_time_to)) return bad('check_time_to', 'required unix seconds as a string');
	if (Number(check_time_from) > Number(check_time_to)) return bad('check_time_from', 'must not be after check_time_to');
	if (
		check_date_type !== undefined &&
		check_date_type !== 'PeriodTime' &&
		check_date_type !== 'CreateTime' &&
		check_date_type !== 'UpdateTime'
	) {
		return bad('check_date_type', 'PeriodTime, CreateTime or UpdateTime');
	}
	if (status !== undefined && !isRemedyStatus(status)) return bad('status', 'int 0..4');
	return ok({
		userIds: user_ids,
		fromSeconds: Number(check_time_from),
		toSeconds: Number(check_time_to),
		checkDateType: check_date_type ?? 'PeriodTime',
		status,
	});
}

export function readApprovalProcess(body: JsonObject): Parsed<ApprovalProcessFields> {
	const { approval_id, approval_type, status } = body;
	if (!isNonEmptyString(approval_id)) return bad('approval_id', 'required non-empty string');
	if (typeof approval_type !== 'string' || !APPROVAL_TYPES.has(approval_type)) {
		return bad('approval_type', 'required: leave, out, overtime, trip or remedy');
	}
	if (status !== 1 && status !== 2 && status !== 4)
		return bad('status', 'required int: 1 reject, 2 approve, 4 withdraw');
	return ok({ approvalId: approval_id, approvalType: approval_type, status });
}

function isNonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value.trim().length > 0;
}

function isIntIn(value: unknown, min: number, max: number): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isRemedyStatus(value: unknown): value is RemedyStatus {
	return value === 0 || value === 1 || value === 2 || value === 3 || value === 4;
}

function isRealDate(value: unknown): value is number {
	return typeof value === 'number' && dayNumberOf(value) !== undefined;
}

function isSecondsString(value: unknown): value is string {
	return typeof value === 'string' && /^\d{1,12}$/.test(value);
}
