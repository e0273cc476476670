/**
 * Seeded generator of remedy items, valid and malformed, in the two shapes the node
 * reads: sheet-like rows for "Map Automatically" (column names in their many spellings)
 * and `$json` fields for "Define Below" expressions. A malformed item is bad in exactly
 * one field, so the error must name that field.
 */
import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_TODAY } from '../engine/sandboxSession';
import type { ExpectedRemedy } from './itemAccounting';
import type { SeededChoice } from './runSeed';

export type RemedyField =
	| 'employee_type'
	| 'user_id'
	| 'remedy_date'
	| 'punch_no'
	| 'work_type'
	| 'remedy_time'
	| 'reason';
export type MappingMode = 'autoMap' | 'defineBelow';

export const REMEDY_FIELDS: readonly RemedyField[] = [
	'employee_type',
	'user_id',
	'remedy_date',
	'punch_no',
	'work_type',
	'remedy_time',
	'reason',
];

/** How each field is named in a message, and which node parameter holds it in Define Below. */
export const FIELD_NAMES: Record<RemedyField, { label: string; parameter: string; json: string }> = {
	employee_type: { label: 'Employee ID Type', parameter: 'employeeType', json: 'e' },
	user_id: { label: 'User ID', parameter: 'userId', json: 'u' },
	remedy_date: { label: 'Remedy Date', parameter: 'remedyDate', json: 'd' },
	punch_no: { label: 'Punch', parameter: 'punch', json: 'p' },
	work_type: { label: 'Work Type', parameter: 'workType', json: 'w' },
	remedy_time: { label: 'Remedy Time', parameter: 'remedyTime', json: 't' },
	reason: { label: 'Reason', parameter: 'reason', json: 'r' },
};

/** Column spellings "Map Automatically" accepts; a row uses one of them per field. */
const COLUMN_SPELLINGS: Record<RemedyField, readonly string[]> = {
	employee_type: ['employee_type', 'employeeType', 'ID类型'],
	user_id: ['user_id', 'userId', 'User ID', '用户ID'],
	remedy_date: ['remedy_date', 'remedyDate', 'Remedy Date', '补卡日期'],
	punch_no: ['punch_no', 'punchNo', 'Punch No', '打卡次序'],
	work_type: ['work_type', 'workType', 'Work Type', '上下班'],
	remedy_time: ['remedy_time', 'remedyTime', 'Remedy Time', '补卡时间'],
	reason: ['reason', 'Reason', '补卡原因', '备注'],
};

/** The field is absent: no column in autoMap, no `$json` key in Define Below. */
export const MISSING = Symbol('missing');
/** In Define Below, the field's expression throws for this item ($("No Such Node")). */
export const THROWS = '__throw__';

export const ONE_MB = 'x'.repeat(1024 * 1024);

type BadValue = unknown;

/**
 * Values that must be refused for each field, whatever the mode. Blank values count as
 * missing in autoMap (and the ID type then falls back to the node's setting, which is
 * valid), so blank ID types are bad only in Define Below.
 */
function badValuesOf(field: RemedyField, mode: MappingMode, day: string): BadValue[] {
	const common: Record<RemedyField, BadValue[]> = {
		employee_type: [
			'open_id',
			'union_id',
			'user_id',
			'employee_idx',
			42,
			true,
			{ type: 'employee_id' },
			['employee_id'],
			'👩‍💼',
			'\u200Bemployee_id',
			'employee\u202E_id',
			ONE_MB,
		],
		user_id: [
			'',
			'   ',
			null,
			MISSING,
			'has space',
			'a'.repeat(65),
			ONE_MB,
			-1,
			1.5,
			NaN,
			{ id: 'bench-1' },
			['bench-1'],
			true,
			'tab\tid',
			'bell\u0007id',
			'ben\u00A0ch-1',
			'bench-1\u200B',
			'\u202Ebench-1',
			'ben\uFEFFch-1',
			'👩‍💼 someone',
		],
		remedy_date: [
			'20210230',
			20210230,
			'2021-02-30',
			'2026-13-01',
			'2026-00-10',
			'',
			'  ',
			null,
			MISSING,
			'yesterday',
			-5,
			1.5,
			0,
			123,
			'0000-00-00',
			{},
			{ y: 2026 },
			[2026, 1, 12],
			true,
			ONE_MB,
			'2026-01-12 🎉',
			'2026\u200B-01-12',
			NaN,
			Infinity,
		],
		punch_no: [
			3,
			-1,
			1.5,
			'3',
			'-1',
			'fourth',
			'',
			null,
			MISSING,
			{},
			[0],
			true,
			'💥',
			'0\u200B',
			ONE_MB,
			NaN,
			Infinity,
			'1e0',
		],
		// Not 0, '0' or 'free': every valid punch here is punch 0, and punch_no 0 with work_type 0 is
		// Feishu's own free schedule (自由班制填 0), which must be sent as it is.
		work_type: ['sideways', 3, -1, '', null, MISSING, {}, ['on_duty'], true, 'on\u200Bduty', ONE_MB, '上班🙂'],
		remedy_time: [
			'25:00',
			'24:00',
			'12:60',
			'09:00:60',
			'9',
			'',
			null,
			MISSING,
			'noon',
			1.5,
			-1,
			{},
			[9, 0],
			true,
			ONE_MB,
			'2021-02-30 09:00',
			'T09:00',
			'09:00 🕘',
			`${day} 25:00`,
		],
		reason: ['', '   ', null, MISSING, 'r'.repeat(1001), ONE_MB, {}, ['forgot'], true, NaN, Infinity],
	};
	const values = [...common[field]];
	if (mode === 'defineBelow') {
		if (field === 'employee_type') values.push('', null, MISSING);
		values.push(THROWS);
	} else if (field === 'punch_no') {
		values.push('auto');
	}
	return values;
}

export interface GeneratedItem {
	/** The input item's json. */
	json: IDataObject;
	/** The field that must be named; undefined for a valid item. */
	badField?: RemedyField;
	/** A readable account of the bad value (for failure messages). */
	badValue?: string;
	/** For a valid item: what must reach Feishu. */
	expected?: ExpectedRemedy;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const TODAY_UTC = Date.UTC(
	Math.floor(SANDBOX_TODAY / 10000),
	(Math.floor(SANDBOX_TODAY / 100) % 100) - 1,
	SANDBOX_TODAY % 100,
);
const two = (n: number) => String(n).padStart(2, '0');

function isoDaysBeforeToday(days: number): string {
	const date = new Date(TODAY_UTC - days * DAY_MS);
	return `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`;
}

const VALID_REASONS = [
	'忘记打卡',
	'forgot to clock in 🕘👩‍💻',
	'RTL \u202Eעברית\u202C and العربية',
	'zero\u200Bwidth\u200Cnon\u200Djoiner',
	'e\u0301 combining',
	'"quotes" \\ and <b>tags</b>',
	'LONG',
];
/** Reasons may be 1000 characters long; 'LONG' pads the tagged reason to exactly that. */
const MAX_REASON = 1000;

function describeValue(value: unknown): string {
	if (value === MISSING) return 'missing';
	if (typeof value === 'string' && value.length > 40) return `a string of ${value.length} characters`;
	if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
	return JSON.stringify(value) ?? String(value);
}

/**
 * One item. Valid items are for distinct bulk users (`bench-<index+1>`), so no two share
 * a slot; a bad one is a valid one with one field spoiled.
 */
export function generateItem(
	choice: SeededChoice,
	index: number,
	mode: MappingMode,
	badField: RemedyField | undefined,
	forcedBadValue?: unknown,
): GeneratedItem {
	const day = isoDaysBeforeToday(choice.int(1, 3000));
	const onDuty = choice.chance(0.5);
	const time = `${onDuty ? '09' : '18'}:${two(choice.int(0, 59))}`;
	const flavour = choice.pick(VALID_REASONS);
	const reason = flavour === 'LONG' ? `#${index} `.padEnd(MAX_REASON, 'r') : `#${index} ${flavour}`;
	const values: Record<RemedyField, unknown> = {
		employee_type: choice.pick(['employee_id', 'Employee ID', 'employee-id']),
		user_id: `bench-${index + 1}`,
		remedy_date: choice.pick([day, Number(day.replace(/-/g, '')), day.replace(/-/g, '/')]),
		punch_no: choice.pick([0, '0', 'first', '第一次']),
		work_type: choice.pick(onDuty ? ['on_duty', 1, '上班', 'clock in'] : ['off_duty', 2, '下班', 'clock out']),
		remedy_time: choice.pick([time, `${day} ${time}`]),
		reason,
	};
	let badValue: unknown;
	if (badField) {
		badValue = forcedBadValue !== undefined ? forcedBadValue : pickBad(choice, badField, mode, day);
		values[badField] = badValue;
	}

	const json: IDataObject = { row: index };
	for (const field of REMEDY_FIELDS) {
		const value = values[field];
		if (value === MISSING) continue;
		// autoMap: the ID type column is optional (the node's setting applies); leave it out sometimes.
		if (mode === 'autoMap' && field === 'employee_type' && badField !== field && choice.chance(0.5)) continue;
		const key = mode === 'autoMap' ? choice.pick(COLUMN_SPELLINGS[field]) : FIELD_NAMES[field].json;
		json[key] = value as IDataObject[string];
	}
	if (!badField && choice.chance(0.01)) json.payload = ONE_MB;

	if (badField) return { json, badField, badValue: describeValue(badValue) };
	const expected: ExpectedRemedy = {
		employee_type: 'employee_id',
		user_id: `bench-${index + 1}`,
		remedy_date: Number(day.replace(/-/g, '')),
		punch_no: 0,
		work_type: onDuty ? 1 : 2,
		remedy_time: `${day} ${time}`,
		reason,
	};
	return { json, expected };
}

function pickBad(choice: SeededChoice, field: RemedyField, mode: MappingMode, day: string): unknown {
	if (field === 'remedy_time' && choice.chance(0.3)) {
		// A valid time, days away from the remedy date (the next day is allowed: overnight shifts).
		const offset = choice.pick([-3, -1, 2, 5, 400]);
		const moment = new Date(Date.parse(`${day}T09:00:00+08:00`) + offset * DAY_MS);
		return choice.chance(0.5) ? moment.getTime() : `${isoOfInstant(moment)} 09:00`;
	}
	return choice.pick(badValuesOf(field, mode, day));
}

/** The Shanghai calendar day of an instant (UTC+8, no DST). */
function isoOfInstant(moment: Date): string {
	const shifted = new Date(moment.getTime() + 8 * 60 * 60 * 1000);
	return `${shifted.getUTCFullYear()}-${two(shifted.getUTCMonth() + 1)}-${two(shifted.getUTCDate())}`;
}

/** Every bad value of a field, for exhaustive runs. */
export function allBadValues(field: RemedyField, mode: MappingMode): unknown[] {
	return badValuesOf(field, mode, '2026-01-12');
}

/** Define Below: every field an expression over `$json`, throwing for the value THROWS. */
export function defineBelowParameters(): IDataObject {
	const expression = (key: string) =>
		`={{ $json.${key} === "${THROWS}" ? $("No Such Node").item.json.x : $json.${key} }}`;
	const parameters: IDataObject = { operation: 'createRemedy', mappingMode: 'defineBelow' };
	for (const field of REMEDY_FIELDS) parameters[FIELD_NAMES[field].parameter] = expression(FIELD_NAMES[field].json);
	return parameters;
}
