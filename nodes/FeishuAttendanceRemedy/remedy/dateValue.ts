/**
 * Reads what a date or time cell holds, as sheets, forms and expressions give it, into one of a
 * few shapes: a calendar day, a wall-clock date-time, a time of day, an instant, or a refusal
 * that says why (a date whose day and month could be swapped is never guessed). Where in the
 * workflow's time zone a wall-clock value lands is left to dateTime.ts.
 *
 * The forms sheets use most (2021-07-01, 2021/7/1 08:00, 09:00, Excel serials) are matched by
 * one regular expression each, before anything slower: date parsing is a visible share of the
 * node's CPU per item at month-end volumes.
 */
import { DateTime } from 'luxon';

import { sheetNumberValue } from './sheetNumbers';

interface Day {
	year: number;
	month: number;
	day: number;
}

interface Clock {
	hour: number;
	minute: number;
	second: number;
}

export type DateValue =
	| ({ kind: 'date' } & Day)
	| ({ kind: 'dateTime' } & Day & Clock)
	| ({ kind: 'clock' } & Clock)
	| { kind: 'epochMs'; ms: number }
	/** A moment that carries its own offset or zone (ISO with Z, a JavaScript Date, a luxon DateTime). */
	| { kind: 'instant'; moment: DateTime }
	/** Recognised, and refused: `expected` says why and how to write it instead. */
	| { kind: 'refused'; expected: string };

const COMMON_DATE_TIME = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const SHEET_NUMBER = /^\d+(?:\.\d+)?$/;

/** 9:00 AM, 6:30:00 PM, 6:30pm, 6:30 p.m. */
const CLOCK_AM_PM = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp])\.?\s*[Mm]\.?$/;
/** 上午9:00, 下午6:30:00, and Excel's Chinese formats 9时30分, 下午6时30分15秒. */
const CLOCK_CHINESE = /^(上午|下午)?\s*(\d{1,2})(?::(\d{2})(?::(\d{2}))?|时(\d{2})分(?:(\d{2})秒)?)$/;
/** A time at the end of a date-time: whatever CLOCK_AM_PM or CLOCK_CHINESE would read. */
const TIME_TAIL =
	/(?:^|\s+|(?<=日))((?:上午|下午)?\s*\d{1,2}(?::\d{2}){1,2}(?:\s*[AaPp]\.?\s*[Mm]\.?)?|(?:上午|下午)?\s*\d{1,2}时\d{2}分(?:\d{2}秒)?)$/;

const CHINESE_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(?:星期|周|礼拜)[一二三四五六日天])?$/;
const CHINESE_DATE_WITHOUT_YEAR = /^\d{1,2}月\d{1,2}日/;
/** 1/2/2026, 13.01.2026, 01-02-26: day and month in an order the text does not say. */
const NUMERIC_DAY_MONTH = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
/** Nov 23, 2026 · November 23rd, 2026 · Monday, November 23, 2026 */
const MONTH_NAME_FIRST = /^(?:([A-Za-z]+),?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
/** 23 Nov 2026 · 23-Nov-2026 · 23-Nov-26 (Excel's d-mmm-yy) · Mon, 23 Nov 2026 */
const DAY_FIRST_MONTH_NAME =
	/^(?:([A-Za-z]+),?\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s-]([A-Za-z]{3,9})\.?[\s-](\d{4}|\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;

const MONTH_NAMES = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december',
];
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** Full English names and their three-letter forms, plus the other short forms sheets print. */
const MONTHS = namesByNumber(MONTH_NAMES, { sept: 9 });
/** Weekdays as luxon numbers them: Monday 1 … Sunday 7. */
const WEEKDAYS = namesByNumber(WEEKDAY_NAMES, { tues: 2, thur: 4, thurs: 4 });

function namesByNumber(names: string[], more: Record<string, number>): Map<string, number> {
	const byName = new Map<string, number>(Object.entries(more));
	names.forEach((name, index) => {
		byName.set(name, index + 1);
		byName.set(name.slice(0, 3), index + 1);
	});
	return byName;
}

export const YEAR_FIRST = 'write it year first, e.g. 2026-11-23';

export function dateValueOf(value: unknown): DateValue | undefined {
	if (typeof value === 'string') return textValue(value.trim());
	if (typeof value === 'number') return sheetNumberValue(value);
	if (DateTime.isDateTime(value)) return value.isValid ? { kind: 'instant', moment: value } : undefined;
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? undefined : { kind: 'instant', moment: DateTime.fromJSDate(value) };
	return undefined;
}

function textValue(text: string): DateValue | undefined {
	const common = COMMON_DATE_TIME.exec(text);
	if (common) {
		const day = { year: Number(common[1]), month: Number(common[3]), day: Number(common[4]) };
		if (common[5] === undefined) return { kind: 'date', ...day };
		const clock = clockOf(Number(common[5]), Number(common[6]), Number(common[7] ?? 0));
		return clock && { kind: 'dateTime', ...day, ...clock };
	}
	const clock = CLOCK.exec(text);
	if (clock) return clockValue(clockOf(Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)));
	if (SHEET_NUMBER.test(text)) return sheetNumberValue(Number(text));
	if (text === '') return undefined;
	return markedClockValue(text) ?? dateTextValue(text) ?? dateAndTimeValue(text) ?? isoValue(text);
}

function clockValue(clock: Clock | undefined): DateValue | undefined {
	return clock && { kind: 'clock', ...clock };
}

/** A 24-hour clock; 24:00 is refused (luxon would roll it into the next day, a sheet means a typo). */
function clockOf(hour: number, minute: number, second: number): Clock | undefined {
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	return { hour, minute, second };
}

/** 12-hour clocks: 12 AM / 上午12 is midnight, 12 PM / 下午12 is noon; hour 0 with a marker is no time. */
function twelveHourClock(hour: number, minute: number, second: number, afternoon: boolean): Clock | undefined {
	if (hour < 1 || hour > 12) return undefined;
	return clockOf((hour % 12) + (afternoon ? 12 : 0), minute, second);
}

function markedClockValue(text: string): DateValue | undefined {
	const english = CLOCK_AM_PM.exec(text);
	if (english) {
		return clockValue(
			twelveHourClock(Number(english[1]), Number(english[2]), Number(english[3] ?? 0), /p/i.test(english[4])),
		);
	}
	const chinese = CLOCK_CHINESE.exec(text);
	if (!chinese) return undefined;
	const hour = Number(chinese[2]);
	const minute = Number(chinese[3] ?? chinese[5]);
	const second = Number(chinese[4] ?? chinese[6] ?? 0);
	if (chinese[1] === undefined) return clockValue(clockOf(hour, minute, second));
	return clockValue(twelveHourClock(hour, minute, second, chinese[1] === '下午'));
}

/** A date followed by a time in any of the accepted forms: 11/23/2026 6:30 PM, 2026年11月23日 上午9:00. */
function dateAndTimeValue(text: string): DateValue | undefined {
	const tail = TIME_TAIL.exec(text);
	if (!tail || tail.index === 0) return undefined;
	const date = dateTextValue(text.slice(0, tail.index).trim());
	if (!date || date.kind !== 'date') return date?.kind === 'refused' ? date : undefined;
	const time = markedClockValue(tail[1].trim());
	if (!time || time.kind !== 'clock') return undefined;
	return {
		kind: 'dateTime',
		year: date.year,
		month: date.month,
		day: date.day,
		hour: time.hour,
		minute: time.minute,
		second: time.second,
	};
}

function dateTextValue(text: string): DateValue | undefined {
	const common = COMMON_DATE_TIME.exec(text);
	if (common && common[5] === undefined)
		return { kind: 'date', year: Number(common[1]), month: Number(common[3]), day: Number(common[4]) };
	const chinese = CHINESE_DATE.exec(text);
	if (chinese) return { kind: 'date', year: Number(chinese[1]), month: Number(chinese[2]), day: Number(chinese[3]) };
	if (CHINESE_DATE_WITHOUT_YEAR.test(text))
		return { kind: 'refused', expected: `a date with its year: ${text} has none; ${YEAR_FIRST}` };
	const numeric = NUMERIC_DAY_MONTH.exec(text);
	if (numeric) return dayMonthValue(text, Number(numeric[1]), Number(numeric[3]), numeric[4]);
	const monthFirst = MONTH_NAME_FIRST.exec(text);
	if (monthFirst) return monthNameValue(text, monthFirst[1], monthFirst[2], monthFirst[3], monthFirst[4]);
	const dayFirst = DAY_FIRST_MONTH_NAME.exec(text);
	if (dayFirst) return monthNameValue(text, dayFirst[1], dayFirst[3], dayFirst[2], dayFirst[4]);
	return undefined;
}

/**
 * a/b/yyyy: day first in most of the world, month first in the US. Read only when the numbers
 * leave one reading (13/1/2026, 1/13/2026, 5/5/2026); otherwise refused, naming both readings.
 */
function dayMonthValue(text: string, first: number, second: number, yearText: string): DateValue | undefined {
	if (yearText.length === 2) {
		return {
			kind: 'refused',
			expected: `a date with a four-digit year: in ${text} the year, the month and the day cannot be told apart; ${YEAR_FIRST}`,
		};
	}
	const year = Number(yearText);
	if (first === second || (first > 12 && second <= 12)) return { kind: 'date', year, month: second, day: first };
	if (second > 12 && first <= 12) return { kind: 'date', year, month: first, day: second };
	if (first > 12 || first < 1 || second < 1) return undefined;
	const dayFirst = isoDay(year, second, first);
	const monthFirst = isoDay(year, first, second);
	return {
		kind: 'refused',
		expected: `a date whose day and month cannot be swapped: ${text} is ${dayFirst} read day first and ${monthFirst} read month first; write it year first (yyyy-MM-dd), e.g. ${dayFirst}`,
	};
}

/** Month names in English, with an optional weekday that must agree with the date. */
function monthNameValue(
	text: string,
	weekdayWord: string | undefined,
	monthWord: string,
	dayText: string,
	yearText: string,
): DateValue | undefined {
	const month = MONTHS.get(monthWord.toLowerCase());
	if (month === undefined) return undefined;
	// Excel's d-mmm-yy (23-Nov-26): with the month spelt out, only the century is left, and remedies are recent.
	const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
	const day = Number(dayText);
	if (weekdayWord !== undefined) {
		const weekday = WEEKDAYS.get(weekdayWord.toLowerCase());
		if (weekday === undefined) return undefined;
		const date = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
		if (date.isValid && date.weekday !== weekday) {
			return {
				kind: 'refused',
				expected: `a date whose weekday agrees: ${text} names a ${weekdayWord}, but ${date.toFormat('yyyy-MM-dd')} is a ${date.toFormat('cccc')}`,
			};
		}
	}
	return { kind: 'date', year, month, day };
}

/** ISO 8601 with a time (2021-07-01T08:30:00, …Z, …+08:00): an offset in the text wins. */
function isoValue(text: string): DateValue | undefined {
	if (!ISO_DATE_TIME.test(text)) return undefined;
	const withZone = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(text);
	const moment = DateTime.fromISO(text, { setZone: true });
	if (!moment.isValid) return undefined;
	if (withZone) return { kind: 'instant', moment };
	return {
		kind: 'dateTime',
		year: moment.year,
		month: moment.month,
		day: moment.day,
		hour: moment.hour,
		minute: moment.minute,
		second: moment.second,
	};
}

function isoDay(year: number, month: number, day: number): string {
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
