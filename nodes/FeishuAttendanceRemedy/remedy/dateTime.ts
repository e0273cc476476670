/**
 * Turns the many ways a sheet, a form or an expression writes a date or a time into
 * the two forms Feishu accepts: `remedy_date` as the integer yyyyMMdd and
 * `remedy_time` as `yyyy-MM-dd HH:mm`, both read in the workflow's time zone.
 * What each form means is decided in dateValue.ts (text) and sheetNumbers.ts (numbers);
 * here a value becomes a moment in the zone, or a refusal saying what was expected.
 */
import { DateTime } from 'luxon';

import { dateValueOf } from './dateValue';
import type { DateValue } from './dateValue';

export const REMEDY_DATE_FORMS =
	'a date such as 20210701, 2021-07-01, 2021/7/1, 2021年7月1日, Jul 1, 2021, an Excel date number (44378), an ISO date-time or epoch milliseconds';
export const REMEDY_TIME_FORMS =
	'a time such as 08:00, 6:30 PM, 下午6:30 or an Excel time (0.375), taken on the remedy date, or a date-time such as 2021-07-01 08:00';

export type DateReading = { ok: true; moment: DateTime } | { ok: false; expected: string };

/** A time reading fails with `needsDay` when it is a good time of day that only lacks its remedy date. */
export type TimeReading = { ok: true; moment: DateTime } | { ok: false; expected: string; needsDay?: true };

export function isValidTimeZone(zone: string): boolean {
	return DateTime.now().setZone(zone).isValid;
}

/** yyyyMMdd as Feishu's integer. */
export function toRemedyDateNumber(day: DateTime): number {
	return day.year * 10_000 + day.month * 100 + day.day;
}

export function toRemedyTimeString(moment: DateTime): string {
	return moment.toFormat('yyyy-MM-dd HH:mm');
}

/** Parses Feishu's `yyyy-MM-dd HH:mm` (as found in allowed-slot windows) in a zone. */
export function fromRemedyTimeString(text: string, zone: string): DateTime | undefined {
	const parsed = DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm', { zone });
	return parsed.isValid ? parsed : undefined;
}

/** The calendar day a value names, at 00:00 in `zone`, or what was expected instead. */
export function readRemedyDate(value: unknown, zone: string): DateReading {
	const read = dateValueOf(value);
	if (read?.kind === 'refused') return { ok: false, expected: read.expected };
	if (read?.kind === 'clock')
		return { ok: false, expected: `${REMEDY_DATE_FORMS}; this is a time of day with no date` };
	const moment = read && momentOf(read, zone);
	return moment ? { ok: true, moment: moment.startOf('day') } : { ok: false, expected: REMEDY_DATE_FORMS };
}

/**
 * The minute a value names. A time of day (08:00, 0.375, 9:00 AM) is taken on `remedyDay`;
 * anything else must carry its own date. Seconds are dropped: Feishu counts minutes.
 */
export function readRemedyTime(value: unknown, remedyDay: DateTime | undefined, zone: string): TimeReading {
	const read = dateValueOf(value);
	if (read?.kind === 'refused') return { ok: false, expected: read.expected };
	if (read?.kind === 'date') return { ok: false, expected: `${REMEDY_TIME_FORMS}; this is a date with no time of day` };
	if (read?.kind === 'clock') {
		if (!remedyDay) return { ok: false, expected: 'a remedy date to take this time on', needsDay: true };
		return { ok: true, moment: remedyDay.set({ hour: read.hour, minute: read.minute, second: 0, millisecond: 0 }) };
	}
	const moment = read && momentOf(read, zone);
	return moment
		? { ok: true, moment: moment.set({ second: 0, millisecond: 0 }) }
		: { ok: false, expected: REMEDY_TIME_FORMS };
}

export function parseRemedyDate(value: unknown, zone: string): DateTime | undefined {
	const read = readRemedyDate(value, zone);
	return read.ok ? read.moment : undefined;
}

export function parseRemedyTime(value: unknown, remedyDay: DateTime | undefined, zone: string): DateTime | undefined {
	const read = readRemedyTime(value, remedyDay, zone);
	return read.ok ? read.moment : undefined;
}

/**
 * One end of a date-time range: a full date-time as given, or a bare date as the start
 * of that day (`from`) or its last second (`to`).
 */
export function parseRangeBound(value: unknown, zone: string, end: 'from' | 'to'): DateTime | undefined {
	const read = dateValueOf(value);
	if (!read || read.kind === 'refused' || read.kind === 'clock') return undefined;
	const moment = momentOf(read, zone);
	if (!moment || read.kind !== 'date') return moment;
	return end === 'from' ? moment : moment.endOf('day').set({ millisecond: 0 });
}

/** Wall-clock values are placed in `zone`; instants are shown in it. */
function momentOf(read: Exclude<DateValue, { kind: 'refused' | 'clock' }>, zone: string): DateTime | undefined {
	let moment: DateTime;
	switch (read.kind) {
		case 'date':
			moment = DateTime.fromObject({ year: read.year, month: read.month, day: read.day }, { zone });
			break;
		case 'dateTime':
			moment = DateTime.fromObject(
				{
					year: read.year,
					month: read.month,
					day: read.day,
					hour: read.hour,
					minute: read.minute,
					second: read.second,
				},
				{ zone },
			);
			break;
		case 'epochMs':
			moment = DateTime.fromMillis(read.ms, { zone });
			break;
		case 'instant':
			moment = read.moment.setZone(zone);
			break;
	}
	return moment.isValid ? moment : undefined;
}
