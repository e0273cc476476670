/**
 * Dates and times as Feishu attendance speaks them: `yyyyMMdd` integers and `yyyy-MM-dd HH:mm`
 * strings, both wall-clock values in Asia/Shanghai. Shanghai is UTC+8 all year (no daylight
 * saving), so UTC arithmetic shifted by eight hours is exact and needs no time-zone database.
 */

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const MINUTES_PER_DAY = 1440;
export const TIME_ZONE = 'Asia/Shanghai';

/** Days since 1970-01-01 of a yyyyMMdd that is a real calendar date, else undefined. */
export function dayNumberOf(ymd: number): number | undefined {
	if (!Number.isInteger(ymd) || ymd < 19000101 || ymd > 29991231) return undefined;
	const year = Math.floor(ymd / 10000);
	const month = Math.floor(ymd / 100) % 100;
	const day = ymd % 100;
	const ms = Date.UTC(year, month - 1, day);
	const date = new Date(ms);
	// Date.UTC rolls 20240230 over to March 1st; a round trip catches it.
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
		return undefined;
	}
	return ms / DAY_MS;
}

export function ymdOfDayNumber(dayNumber: number): number {
	const date = new Date(dayNumber * DAY_MS);
	return date.getUTCFullYear() * 10000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

export function todayInShanghai(nowMs: number): number {
	return ymdOfDayNumber(Math.floor((nowMs + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** A wall-clock minute: `minute` counts from 00:00 of `dayNumber` and may pass 1440. */
export interface WallTime {
	dayNumber: number;
	minute: number;
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

/** Parses exactly `yyyy-MM-dd HH:mm` naming a real date and time. */
export function parseWallTime(text: string): WallTime | undefined {
	const match = WALL_TIME.exec(text);
	if (!match) return undefined;
	const [, year, month, day, hour, minute] = match;
	const dayNumber = dayNumberOf(Number(year) * 10000 + Number(month) * 100 + Number(day));
	if (dayNumber === undefined || Number(hour) > 23 || Number(minute) > 59) return undefined;
	return { dayNumber, minute: Number(hour) * 60 + Number(minute) };
}

export function formatWallTime(time: WallTime): string {
	const dayNumber = time.dayNumber + Math.floor(time.minute / MINUTES_PER_DAY);
	const minuteOfDay = time.minute % MINUTES_PER_DAY;
	const ymd = String(ymdOfDayNumber(dayNumber));
	const clock = `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
	return `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)} ${clock}`;
}

export function epochSecondsOf(time: WallTime): number {
	return (time.dayNumber * DAY_MS + time.minute * 60_000 - SHANGHAI_OFFSET_MS) / 1000;
}

/** Minutes since 00:00 of an `HH:mm` clock time, else undefined. */
export function parseClock(text: string): number | undefined {
	const match = /^(\d{2}):(\d{2})$/.exec(text);
	if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return undefined;
	return Number(match[1]) * 60 + Number(match[2]);
}

function pad2(value: number): string {
	return String(value).padStart(2, '0');
}
