/**
 * Normalises and validates the raw fields of one item into the exact request Feishu
 * expects. Pure: no I/O, so every rule is tested exhaustively. A rejected item carries
 * one FieldProblem per bad field, each naming the field, the value and the expected form.
 */
import type { DateTime } from 'luxon';

import { normaliseEmployeeType } from './employeeTypeChoice';
import { readRemedyDate, readRemedyTime, toRemedyDateNumber, toRemedyTimeString } from './dateTime';
import type {
	EmployeeType,
	FieldProblem,
	PunchNo,
	RawRemedyFields,
	RemedyFieldName,
	RemedyRequest,
	WorkType,
} from './remedyTypes';

export const FIELD_LABELS: Record<RemedyFieldName, string> = {
	employeeType: 'Employee ID Type',
	userId: 'User ID',
	remedyDate: 'Remedy Date',
	punch: 'Punch',
	workType: 'Work Type',
	remedyTime: 'Remedy Time',
	reason: 'Reason',
};

/** Guards against pasted documents and runaway expressions; Feishu's IDs are short. */
export const MAX_USER_ID_LENGTH = 64;
export const MAX_REASON_LENGTH = 1000;
const USER_ID_FORM = `a non-empty ID of at most ${MAX_USER_ID_LENGTH} characters with no spaces or invisible characters`;

export type RemedyValidation = { ok: true; request: RemedyRequest } | { ok: false; problems: FieldProblem[] };

/** Punch and work type may be left open when allowed slots are checked first (they fill them). */
export interface ValidationRules {
	zone: string;
	punchAndWorkTypeOptional?: boolean;
}

/** A request whose punch and work type are still open, to be filled from an allowed slot. */
export interface OpenSlotRequest {
	employee_type: EmployeeType;
	body: Omit<RemedyRequest['body'], 'punch_no' | 'work_type'> & { punch_no?: PunchNo; work_type?: WorkType };
}

export function validateRemedyFields(raw: RawRemedyFields, rules: ValidationRules): RemedyValidation {
	const result = validateOpenRemedyFields(raw, rules);
	if (!result.ok) return result;
	const { body } = result.request;
	if (body.punch_no === undefined || body.work_type === undefined) {
		// Only reachable with punchAndWorkTypeOptional; the caller fills them before sending.
		return { ok: false, problems: [problem('punch', raw.punch, 'a punch filled from the allowed slots')] };
	}
	return {
		ok: true,
		request: {
			employee_type: result.request.employee_type,
			body: { ...body, punch_no: body.punch_no, work_type: body.work_type },
		},
	};
}

/** Just who and which day: what the allowed-slots query needs. */
export function validateUserAndDay(
	raw: Pick<RawRemedyFields, 'employeeType' | 'userId' | 'remedyDate'>,
	zone: string,
):
	| { ok: true; employeeType: EmployeeType; userId: string; remedyDate: number }
	| { ok: false; problems: FieldProblem[] } {
	const problems: FieldProblem[] = [];
	const { employeeType, userId, remedyDay } = checkWhoAndDay(raw, zone, problems);
	if (!employeeType || userId === undefined || !remedyDay) return { ok: false, problems };
	return { ok: true, employeeType, userId, remedyDate: toRemedyDateNumber(remedyDay) };
}

/** The checks every remedy request starts with; each bad field adds a problem. */
function checkWhoAndDay(
	raw: Pick<RawRemedyFields, 'employeeType' | 'userId' | 'remedyDate'>,
	zone: string,
	problems: FieldProblem[],
): { employeeType?: EmployeeType; userId?: string; remedyDay?: DateTime } {
	const employeeType = normaliseEmployeeType(raw.employeeType);
	if (!employeeType) problems.push(problem('employeeType', raw.employeeType, '"employee_id" or "employee_no"'));
	const userId = normaliseUserId(raw.userId);
	if (userId === undefined) problems.push(problem('userId', raw.userId, USER_ID_FORM));
	const date = readRemedyDate(raw.remedyDate, zone);
	if (!date.ok) problems.push(problem('remedyDate', raw.remedyDate, date.expected));
	return { employeeType, userId, remedyDay: date.ok ? date.moment : undefined };
}

export function validateOpenRemedyFields(
	raw: RawRemedyFields,
	rules: ValidationRules,
): { ok: true; request: OpenSlotRequest } | { ok: false; problems: FieldProblem[] } {
	const problems: FieldProblem[] = [];
	const { employeeType, userId, remedyDay } = checkWhoAndDay(raw, rules.zone, problems);

	const slot = normalisePunchAndWorkType(raw.punch, raw.workType, rules.punchAndWorkTypeOptional === true);
	problems.push(...slot.problems);

	const time = readRemedyTime(raw.remedyTime, remedyDay, rules.zone);
	const remedyTime = time.ok ? time.moment : undefined;
	if (!time.ok && time.needsDay) {
		// 08:00 is fine; it only needs a date, and the date's own problem is reported above.
	} else if (!time.ok) {
		problems.push(problem('remedyTime', raw.remedyTime, time.expected));
	} else if (remedyTime && remedyDay && !isOnDayOrNext(remedyTime, remedyDay)) {
		problems.push(
			problem(
				'remedyTime',
				raw.remedyTime,
				`a time on the remedy date ${remedyDay.toFormat('yyyy-MM-dd')} or the next day (overnight shifts)`,
			),
		);
	}

	const reason = normaliseReason(raw.reason);
	if (reason === undefined)
		problems.push(problem('reason', raw.reason, `a non-empty text of at most ${MAX_REASON_LENGTH} characters`));

	if (
		problems.length > 0 ||
		!employeeType ||
		userId === undefined ||
		!remedyDay ||
		!remedyTime ||
		reason === undefined
	) {
		return { ok: false, problems };
	}
	return {
		ok: true,
		request: {
			employee_type: employeeType,
			body: {
				user_id: userId,
				remedy_date: toRemedyDateNumber(remedyDay),
				punch_no: slot.punchNo,
				work_type: slot.workType,
				remedy_time: toRemedyTimeString(remedyTime),
				reason,
			},
		},
	};
}

/** One line per problem: `Remedy Date: got "2021-02-30"; expected a date such as …`. */
export function describeProblems(problems: FieldProblem[]): string {
	return problems.map((p) => `${p.label}: got ${renderValue(p.value)}; expected ${p.expected}`).join('\n');
}

export function renderValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	let text: string;
	if (typeof value === 'string') text = JSON.stringify(value);
	else if (typeof value === 'object' && !(value instanceof Date)) text = safeJson(value);
	else text = String(value);
	return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function safeJson(value: object): string {
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return Object.prototype.toString.call(value);
	}
}

function problem(field: RemedyFieldName, value: unknown, expected: string): FieldProblem {
	return { field, label: FIELD_LABELS[field], value, expected };
}

function normaliseUserId(value: unknown): string | undefined {
	let text: string;
	if (typeof value === 'string') text = value.trim();
	else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) text = String(value);
	else return undefined;
	// Invisible format characters (zero-width, bidi overrides) pasted from a sheet never match an ID.
	if (text === '' || text.length > MAX_USER_ID_LENGTH || /[\s\p{Cc}\p{Cf}]/u.test(text)) return undefined;
	return text;
}

function normaliseReason(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (text === '' || text.length > MAX_REASON_LENGTH) return undefined;
	return text;
}

const PUNCH_WORDS: Record<string, PunchNo | 'free'> = {
	'0': 0,
	'1': 1,
	'2': 2,
	first: 0,
	'1st': 0,
	second: 1,
	'2nd': 1,
	third: 2,
	'3rd': 2,
	第1次: 0,
	第一次: 0,
	第2次: 1,
	第二次: 1,
	第3次: 2,
	第三次: 2,
	free: 'free',
	freeschedule: 'free',
	自由班制: 'free',
	自由打卡: 'free',
};

const WORK_TYPE_WORDS: Record<string, WorkType> = {
	'0': 0,
	'1': 1,
	'2': 2,
	on: 1,
	onduty: 1,
	in: 1,
	clockin: 1,
	上班: 1,
	上班打卡: 1,
	签到: 1,
	off: 2,
	offduty: 2,
	out: 2,
	clockout: 2,
	下班: 2,
	下班打卡: 2,
	签退: 2,
	free: 0,
	freeschedule: 0,
};

const PUNCH_FORMS = '0, 1 or 2 (the first, second or third on/off duty pair) or "free" for a free schedule';
const WORK_TYPE_FORMS = '"on_duty" (1) or "off_duty" (2)';

function lookupWord<T>(table: Record<string, T>, value: unknown): T | undefined {
	if (typeof value === 'number') value = String(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	// Numbers are matched as written: folding '-1' into '1' would pick another punch.
	const folded = /^[+-]?[\d.]+$/.test(text) ? text : text.toLowerCase().replace(/[\s_-]/g, '');
	return Object.prototype.hasOwnProperty.call(table, folded) ? table[folded] : undefined;
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

interface SlotFields {
	punchNo?: PunchNo;
	workType?: WorkType;
	problems: FieldProblem[];
}

/** Free schedule sends punch 0 and work type 0; a fixed shift sends 0–2 and 1 or 2. */
function normalisePunchAndWorkType(rawPunch: unknown, rawWorkType: unknown, optional: boolean): SlotFields {
	if (optional && isBlank(rawPunch) && isBlank(rawWorkType)) return { problems: [] };

	const punch = lookupWord(PUNCH_WORDS, rawPunch);
	if (punch === undefined) return { problems: [problem('punch', rawPunch, PUNCH_FORMS)] };

	if (punch === 'free') {
		const workType = isBlank(rawWorkType) ? 0 : lookupWord(WORK_TYPE_WORDS, rawWorkType);
		if (workType !== 0) {
			return { problems: [problem('workType', rawWorkType, 'nothing or 0: a free schedule has no on/off duty')] };
		}
		return { punchNo: 0, workType: 0, problems: [] };
	}

	const workType = lookupWord(WORK_TYPE_WORDS, rawWorkType);
	// Feishu's own encoding of a free schedule (自由班制填 0): punch_no 0 with work_type 0.
	if (workType === 0 && punch === 0) return { punchNo: 0, workType: 0, problems: [] };
	if (workType === undefined || workType === 0) {
		const expected =
			workType === 0
				? `${WORK_TYPE_FORMS}; 0 is only for a free schedule, with punch 0 (or Punch "free")`
				: WORK_TYPE_FORMS;
		return { problems: [problem('workType', rawWorkType, expected)] };
	}
	return { punchNo: punch, workType, problems: [] };
}

function isOnDayOrNext(moment: DateTime, day: DateTime): boolean {
	const dayOfMoment = moment.startOf('day');
	return +dayOfMoment === +day || +dayOfMoment === +day.plus({ days: 1 });
}
