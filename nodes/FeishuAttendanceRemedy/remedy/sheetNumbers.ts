/**
 * What a number in a date or time column means, by its size alone, as the sources give them:
 * Excel and Google Sheets serial dates (days since 1899-12-30, five digits for any plausible
 * remedy date, a fraction for the time of day), bare Excel times (a fraction of a day), the
 * yyyyMMdd integer Feishu itself uses, and epoch milliseconds (13 digits: Feishu Bitable,
 * JavaScript). The ranges cannot overlap, so no number is ever read two ways.
 */
import type { DateValue } from './dateValue';

/** 10000 is 1927-05-18 and 99999 is 2173-10-13: every five-digit serial is a plausible day. */
const SERIAL_MIN = 10_000;
const SERIAL_END = 100_000;
/** 13-digit epoch milliseconds: 2001-09-09 to 2286-11-20. */
const EPOCH_MS_MIN = 1e12;
const EPOCH_MS_END = 1e13;
/** 10-digit epoch seconds: refused with a word on milliseconds, never multiplied silently. */
const EPOCH_S_MIN = 1e9;
const EPOCH_S_END = 1e10;

const SECONDS_PER_DAY = 86_400;
const MS_PER_DAY = SECONDS_PER_DAY * 1000;
/** Day 0 of the serials, after Excel's fictitious 1900-02-29 (only serials below 61 differ). */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

export const EPOCH_SECONDS_HINT =
	'epoch milliseconds (13 digits); this looks like epoch seconds (10 digits): multiply it by 1000, or give a date such as 2021-07-01';

export function sheetNumberValue(value: number): DateValue | undefined {
	if (!Number.isFinite(value) || value < 0) return undefined;
	if (value < 1) return { kind: 'clock', ...clockOfDayFraction(value) };
	if (value >= SERIAL_MIN && value < SERIAL_END) return serialValue(value);
	if (Number.isInteger(value)) {
		if (value >= 10_000_101 && value <= 99_991_231) {
			return { kind: 'date', year: Math.floor(value / 10_000), month: Math.floor(value / 100) % 100, day: value % 100 };
		}
		if (value >= EPOCH_MS_MIN && value < EPOCH_MS_END) return { kind: 'epochMs', ms: value };
		if (value >= EPOCH_S_MIN && value < EPOCH_S_END) return { kind: 'refused', expected: EPOCH_SECONDS_HINT };
	}
	return undefined;
}

/** A serial date, with its fraction (if any) as the time of day, rounded to the second. */
function serialValue(serial: number): DateValue {
	let days = Math.floor(serial);
	let seconds = Math.round((serial - days) * SECONDS_PER_DAY);
	if (seconds === SECONDS_PER_DAY) {
		// 23:59:59.6 rounds up into the next day.
		days += 1;
		seconds = 0;
	}
	const date = new Date(SERIAL_EPOCH_MS + days * MS_PER_DAY);
	const day = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
	if (Number.isInteger(serial)) return { kind: 'date', ...day };
	return { kind: 'dateTime', ...day, ...clockOfSeconds(seconds) };
}

/** 0.375 is 09:00; rounded to the second first, since 18:30 is stored as 0.77083333333333337. */
function clockOfDayFraction(fraction: number): { hour: number; minute: number; second: number } {
	// A fraction that rounds to a whole day (0.99999999) is 23:59:59, never 24:00.
	return clockOfSeconds(Math.min(Math.round(fraction * SECONDS_PER_DAY), SECONDS_PER_DAY - 1));
}

function clockOfSeconds(seconds: number): { hour: number; minute: number; second: number } {
	return { hour: Math.floor(seconds / 3600), minute: Math.floor(seconds / 60) % 60, second: seconds % 60 };
}
