/**
 * Turns the many ways a sheet, a form or an expression writes a date or a time into
 * the two forms Feishu accepts: `remedy_date` as the integer yyyyMMdd and
 * `remedy_time` as `yyyy-MM-dd HH:mm`, both read in the workflow's time zone.
 */
import { DateTime } from 'luxon';

export const REMEDY_DATE_FORMS =
	'a date such as 20210701, 2021-07-01, 2021/7/1, an ISO date-time or epoch milliseconds';
export const REMEDY_TIME_FORMS =
	'a time such as 08:00 (taken on the remedy date) or a date-time such as 2021-07-01 08:00';

/** Epoch milliseconds from 2001-09-09 on; smaller numbers are read as yyyyMMdd or rejected. */
const EPOCH_MS_FLOOR = 1e12;

const DATE_ONLY_FORMATS = ['yyyy-M-d', 'yyyy/M/d', 'yyyy.M.d', "yyyy'年'M'月'd'日'"];
const DATE_TIME_FORMATS = [
	'yyyy-M-d H:mm',
	'yyyy-M-d H:mm:ss',
	'yyyy/M/d H:mm',
	'yyyy/M/d H:mm:ss',
	'yyyy.M.d H:mm',
	"yyyy'年'M'月'd'日' H:mm",
];
const CLOCK_TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
/**
 * The forms sheets use most (2021-07-01, 2021/7/1 08:00), read without luxon's format
 * parser, which costs a large share of the CPU per item at month-end volumes.
 */
const COMMON_DATE_TIME = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export function isValidTimeZone(zone: string): boolean {
	return DateTime.now().setZone(zone).isValid;
}

/** yyyyMMdd as Feishu's integer. */
export function toRemedyDateNumber(day: DateTime): number {
	return Number(day.toFormat('yyyyMMdd'));
}

export function toRemedyTimeString(moment: DateTime): string {
	return moment.toFormat('yyyy-MM-dd HH:mm');
}

/** Parses Feishu's `yyyy-MM-dd HH:mm` (as found in allowed-slot windows) in a zone. */
export function fromRemedyTimeString(text: string, zone: string): DateTime | undefined {
	const parsed = DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm', { zone });
	return parsed.isValid ? parsed : undefined;
}

/** The calendar day a value names, at 00:00 in `zone`; undefined when it names none. */
export function parseRemedyDate(value: unknown, zone: string): DateTime | undefined {
	const moment = parseDateLike(value, zone, { dateOnlyAllowed: true });
	return moment?.startOf('day');
}

/** A bare clock time such as 08:00, taken on the remedy date. */
export function isClockTime(value: unknown): boolean {
	return typeof value === 'string' && CLOCK_TIME.test(value.trim());
}

/**
 * The minute a value names. A bare clock time (08:00) is taken on `remedyDay`;
 * anything else must carry its own date. Seconds are dropped: Feishu counts minutes.
 */
export function parseRemedyTime(value: unknown, remedyDay: DateTime | undefined, zone: string): DateTime | undefined {
	if (typeof value === 'string') {
		const clock = CLOCK_TIME.exec(value.trim());
		if (clock) {
			if (!remedyDay) return undefined;
			const [hour, minute, second] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
			if (hour > 23 || minute > 59 || second > 59) return undefined;
			return remedyDay.set({ hour, minute, second: 0, millisecond: 0 });
		}
	}
	const moment = parseDateLike(value, zone, { dateOnlyAllowed: false });
	return moment?.set({ second: 0, millisecond: 0 });
}

interface ParseRules {
	/** A date with no time of day is a valid answer only for the remedy date. */
	dateOnlyAllowed: boolean;
}

function parseDateLike(value: unknown, zone: string, rules: ParseRules): DateTime | undefined {
	if (DateTime.isDateTime(value)) return valid(value.setZone(zone));
	if (value instanceof Date) return valid(DateTime.fromJSDate(value, { zone }));
	if (typeof value === 'number') return parseNumber(value, zone, rules);
	if (typeof value === 'string') return parseText(value.trim(), zone, rules);
	return undefined;
}

function parseNumber(value: number, zone: string, rules: ParseRules): DateTime | undefined {
	if (!Number.isInteger(value) || value < 0) return undefined;
	if (value >= EPOCH_MS_FLOOR) return valid(DateTime.fromMillis(value, { zone }));
	if (rules.dateOnlyAllowed && value >= 10000101 && value <= 99991231) {
		const day = value % 100;
		const month = Math.floor(value / 100) % 100;
		return valid(DateTime.fromObject({ year: Math.floor(value / 10000), month, day }, { zone }));
	}
	return undefined;
}

function parseText(text: string, zone: string, rules: ParseRules): DateTime | undefined {
	if (text === '') return undefined;
	if (/^\d+$/.test(text)) {
		// Digits only: yyyyMMdd, or epoch milliseconds as text (sheets export both).
		if (text.length === 8) return rules.dateOnlyAllowed ? parseNumber(Number(text), zone, rules) : undefined;
		return text.length >= 13 ? parseNumber(Number(text), zone, rules) : undefined;
	}
	const common = COMMON_DATE_TIME.exec(text);
	if (common) {
		const [year, month, day, hour, minute, second] = [1, 3, 4, 5, 6, 7].map((group) => Number(common[group] ?? 0));
		if (common[5] === undefined && !rules.dateOnlyAllowed) return undefined;
		// luxon would roll 24:00 over into the next day; a sheet's 24:00 is a typo.
		if (hour > 23 || minute > 59 || second > 59) return undefined;
		return valid(DateTime.fromObject({ year, month, day, hour, minute, second }, { zone }));
	}
	if (rules.dateOnlyAllowed) {
		for (const format of DATE_ONLY_FORMATS) {
			const parsed = DateTime.fromFormat(text, format, { zone });
			if (parsed.isValid) return parsed;
		}
	}
	for (const format of DATE_TIME_FORMATS) {
		const parsed = DateTime.fromFormat(text, format, { zone });
		if (parsed.isValid) return parsed;
	}
	// ISO 8601 last: an offset in the text wins, then the moment is shown in `zone`.
	// A date-only ISO string ('2021-07-01') was taken above, so this one carries a time.
	if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
	return valid(DateTime.fromISO(text, { zone, setZone: false }).setZone(zone));
}

function valid(moment: DateTime): DateTime | undefined {
	return moment.isValid ? moment : undefined;
}

/**
 * One end of a date-time range: a full date-time as given, or a bare date as the start
 * of that day (`from`) or its last second (`to`).
 */
export function parseRangeBound(value: unknown, zone: string, end: 'from' | 'to'): DateTime | undefined {
	const moment = parseDateLike(value, zone, { dateOnlyAllowed: false });
	if (moment) return moment;
	const day = parseRemedyDate(value, zone);
	if (!day) return undefined;
	return end === 'from' ? day : day.endOf('day').set({ millisecond: 0 });
}
