import { DateTime } from 'luxon';

import {
	parseRangeBound,
	parseRemedyDate,
	parseRemedyTime,
	readRemedyDate,
	readRemedyTime,
	toRemedyDateNumber,
	toRemedyTimeString,
} from '../../nodes/FeishuAttendanceRemedy/remedy/dateTime';

const SHANGHAI = 'Asia/Shanghai';

function remedyDate(value: unknown, zone = SHANGHAI): number | undefined {
	const day = parseRemedyDate(value, zone);
	return day ? toRemedyDateNumber(day) : undefined;
}

function remedyTime(value: unknown, date: unknown = 20210701, zone = SHANGHAI): string | undefined {
	const moment = parseRemedyTime(value, parseRemedyDate(date, zone), zone);
	return moment ? toRemedyTimeString(moment) : undefined;
}

describe('remedy date', () => {
	test.each([
		['yyyyMMdd as a number', 20210701],
		['yyyyMMdd as text', '20210701'],
		['ISO date', '2021-07-01'],
		['date without leading zeros', '2021-7-1'],
		['slashes', '2021/7/1'],
		['dots', '2021.07.01'],
		['Chinese date', '2021年7月1日'],
		['SQL date-time', '2021-07-01 08:30'],
		['ISO date-time without offset', '2021-07-01T08:30:00'],
		['ISO date-time with an offset that is the same day in Shanghai', '2021-06-30T20:00:00Z'],
		['epoch milliseconds', DateTime.fromISO('2021-07-01T10:00:00', { zone: SHANGHAI }).toMillis()],
		['epoch milliseconds as text', String(DateTime.fromISO('2021-07-01T10:00:00', { zone: SHANGHAI }).toMillis())],
		['a JavaScript Date', new Date('2021-07-01T02:00:00Z')],
		['a luxon DateTime', DateTime.fromISO('2021-07-01T12:00:00', { zone: 'UTC' })],
		['surrounding spaces', '  2021-07-01 '],
	])('accepts %s', (_form, value) => {
		expect(remedyDate(value)).toBe(20210701);
	});

	test('reads an instant in the workflow time zone, not UTC', () => {
		expect(remedyDate('2021-06-30T20:00:00Z', 'UTC')).toBe(20210630);
		expect(remedyDate('2021-06-30T20:00:00Z', SHANGHAI)).toBe(20210701);
	});

	test.each([
		['an impossible day', 20210230],
		['an impossible day as text', '2021-02-30'],
		['month 13', '2021-13-01'],
		['empty text', ''],
		['words', 'yesterday'],
		['a seven-digit number', 2021071],
		['a negative number', -20210701],
		['a fraction', 20210701.5],
		['null', null],
		['undefined', undefined],
		['an object', { date: '2021-07-01' }],
		['an array', ['2021-07-01']],
		['a boolean', true],
		['an invalid Date', new Date('nope')],
		['mixed separators', '2021-07/01'],
	])('rejects %s', (_form, value) => {
		expect(remedyDate(value)).toBeUndefined();
	});
});

describe('remedy time', () => {
	test.each([
		['HH:mm on the remedy date', '08:00', '2021-07-01 08:00'],
		['H:mm', '8:05', '2021-07-01 08:05'],
		['HH:mm:ss, seconds dropped', '08:00:59', '2021-07-01 08:00'],
		['a full date-time', '2021-07-01 18:30', '2021-07-01 18:30'],
		['the next day for an overnight shift', '2021-07-02 02:00', '2021-07-02 02:00'],
		['ISO date-time with offset', '2021-07-01T00:00:00Z', '2021-07-01 08:00'],
		['slashes with time', '2021/7/1 9:00', '2021-07-01 09:00'],
		['epoch milliseconds', DateTime.fromISO('2021-07-01T09:15:00', { zone: SHANGHAI }).toMillis(), '2021-07-01 09:15'],
		['a JavaScript Date', new Date('2021-07-01T01:00:00Z'), '2021-07-01 09:00'],
	])('accepts %s', (_form, value, expected) => {
		expect(remedyTime(value)).toBe(expected);
	});

	test.each([
		['25:00', '25:00'],
		['hour 24 in a date-time', '2021-07-01 24:00'],
		['an impossible day with a time', '2021/2/30 08:00'],
		['08:60', '08:60'],
		['a date without a time', '2021-07-01'],
		['yyyyMMdd', '20210701'],
		['empty text', ''],
		['null', null],
		['a number that is no epoch', 800],
		['an object', { time: '08:00' }],
	])('rejects %s', (_form, value) => {
		expect(remedyTime(value)).toBeUndefined();
	});

	test('a bare clock time needs a remedy date', () => {
		expect(parseRemedyTime('08:00', undefined, SHANGHAI)).toBeUndefined();
	});
});

/** What a refused value is told it should have been. */
function dateRefusal(value: unknown): string {
	const read = readRemedyDate(value, SHANGHAI);
	if (read.ok) throw new Error(`expected ${JSON.stringify(value)} to be refused, got ${read.moment.toISO()}`);
	return read.expected;
}

function timeRefusal(value: unknown, date: unknown = 20210701): string {
	const read = readRemedyTime(value, parseRemedyDate(date, SHANGHAI), SHANGHAI);
	if (read.ok) throw new Error(`expected ${JSON.stringify(value)} to be refused, got ${read.moment.toISO()}`);
	return read.expected;
}

describe('Excel and Google Sheets serial numbers (xlsx via Extract From File, Sheets with "Serial Number")', () => {
	test.each([
		['a serial date', 44378, 20210701],
		['the serial of the issue (2021-09-01)', 44440, 20210901],
		['a serial with a time part', 44440.375, 20210901],
		['a serial late in the day', 44440.999988, 20210901],
		['a serial as text (a csv of raw values)', '44440', 20210901],
		['the first five-digit serial, 1927-05-18', 10000, 19270518],
		['the last five-digit serial, 2173-10-13', 99999, 21731013],
		['a leap day', 43890, 20200229],
	])('remedy date: %s', (_form, value, expected) => {
		expect(remedyDate(value)).toBe(expected);
	});

	test.each([
		['a day fraction: 09:00', 0.375, '2021-07-01 09:00'],
		['a day fraction as Excel stores 18:30', 0.7708333333333334, '2021-07-01 18:30'],
		['midnight', 0, '2021-07-01 00:00'],
		['a fraction that rounds to 23:59:59', 0.99999999, '2021-07-01 23:59'],
		['09:01:30, seconds dropped', 0.37604166666666666, '2021-07-01 09:01'],
		['a fraction as text', '0.375', '2021-07-01 09:00'],
		['a serial date-time on the remedy date', 44378.375, '2021-07-01 09:00'],
		['a serial date-time on the next day (overnight)', 44379.0833333333, '2021-07-02 02:00'],
		['a serial whose time rounds up into the next day', 44378.999999999, '2021-07-02 00:00'],
	])('remedy time: %s', (_form, value, expected) => {
		expect(remedyTime(value)).toBe(expected);
	});

	test('a wall-clock serial lands in the time zone option, not in UTC', () => {
		expect(remedyTime(44378.375, 20210701, 'America/New_York')).toBe('2021-07-01 09:00');
		expect(parseRemedyTime(44378.375, undefined, 'America/New_York')?.toISO()).toBe('2021-07-01T09:00:00.000-04:00');
	});

	test.each([
		['a whole serial in a time column: a date with no time', 44378, 'no time of day'],
		['a fraction in a date column: a time with no date', 0.375, 'no date'],
	])('refuses %s', (_form, value, why) => {
		const refusal = typeof value === 'number' && value < 1 ? dateRefusal(value) : timeRefusal(value);
		expect(refusal).toContain(why);
	});

	test.each([
		['four digits (1900s serials, no plausible remedy day)', 9999],
		['six digits', 100000],
		['a whole day or more in a time column', 1.5],
		['a negative fraction', -0.375],
		['NaN', Number.NaN],
		['Infinity', Number.POSITIVE_INFINITY],
	])('rejects %s', (_form, value) => {
		expect(remedyDate(value)).toBeUndefined();
		expect(remedyTime(value)).toBeUndefined();
	});
});

describe('epoch milliseconds (Feishu Bitable date fields, JavaScript) are never taken for serials', () => {
	const nine = DateTime.fromISO('2021-07-01T09:00:00', { zone: SHANGHAI }).toMillis();

	test('13 digits are epoch milliseconds, 5 digits a serial, 8 digits yyyyMMdd', () => {
		expect(String(nine)).toHaveLength(13);
		expect(remedyDate(nine)).toBe(20210701);
		expect(remedyTime(nine)).toBe('2021-07-01 09:00');
		expect(remedyDate(44378)).toBe(20210701);
		expect(remedyDate(20210701)).toBe(20210701);
	});

	test('a Bitable date (midnight in the tenant zone) is that day in the same zone', () => {
		const bitableDay = DateTime.fromISO('2021-07-01T00:00:00', { zone: SHANGHAI }).toMillis();
		expect(remedyDate(bitableDay)).toBe(20210701);
	});

	test('10 digits (epoch seconds) are refused with a word on milliseconds, never multiplied silently', () => {
		expect(dateRefusal(nine / 1000)).toMatch(/epoch seconds.*multiply it by 1000/);
		expect(timeRefusal(String(nine / 1000))).toMatch(/epoch seconds/);
	});

	test.each([
		['14 digits', 16_251_012_000_000],
		['a fraction of a millisecond', nine + 0.5],
		['12 digits', 999_999_999_999],
	])('rejects %s', (_form, value) => {
		expect(remedyDate(value)).toBeUndefined();
	});
});

describe('12-hour clocks, in English and in Chinese (上午 / 下午)', () => {
	test.each([
		['9:00 AM', '2021-07-01 09:00'],
		['6:30 PM', '2021-07-01 18:30'],
		['6:30pm', '2021-07-01 18:30'],
		['6:30 p.m.', '2021-07-01 18:30'],
		['9:00:00 AM (Google Sheets)', '2021-07-01 09:00'],
		['12:00 AM (midnight)', '2021-07-01 00:00'],
		['12:30 PM (noon)', '2021-07-01 12:30'],
		['上午9:00', '2021-07-01 09:00'],
		['下午6:30', '2021-07-01 18:30'],
		['下午 6:30', '2021-07-01 18:30'],
		['下午6:30:15', '2021-07-01 18:30'],
		['上午12:10 (after midnight)', '2021-07-01 00:10'],
		['下午12:10 (after noon)', '2021-07-01 12:10'],
		['9时30分 (Excel h时mm分)', '2021-07-01 09:30'],
		['下午6时30分', '2021-07-01 18:30'],
		['下午6时30分15秒', '2021-07-01 18:30'],
	])('accepts %s', (text, expected) => {
		expect(remedyTime(text.replace(/ \(.*\)$/, ''))).toBe(expected);
	});

	test.each([
		['13:00 PM', '13:00 PM'],
		['0:30 AM', '0:30 AM'],
		['下午13:00', '下午13:00'],
		['上午0:30', '上午0:30'],
		['9:60 AM', '9:60 AM'],
		['a marker in both languages', '下午6:30 PM'],
		['9 AM without minutes', '9 AM'],
		['晚上8:00 (not a marker Excel writes)', '晚上8:00'],
	])('rejects %s', (_form, text) => {
		expect(remedyTime(text)).toBeUndefined();
	});

	test('a 12-hour clock without a date waits for the remedy date, like 08:00 does', () => {
		const read = readRemedyTime('6:30 PM', undefined, SHANGHAI);
		expect(read).toMatchObject({ ok: false, needsDay: true });
	});
});

describe('dates as sheets display them', () => {
	test.each([
		['m/d/yyyy with the day above 12 (US)', '11/23/2026', 20261123],
		['d/m/yyyy with the day above 12 (UK, most of the world)', '23/11/2026', 20261123],
		['d.m.yyyy with the day above 12 (German)', '23.11.2026', 20261123],
		['d-m-yyyy with the day above 12', '23-11-2026', 20261123],
		['the same day and month', '5/5/2026', 20260505],
		['Excel zh-CN yyyy/m/d', '2026/11/23', 20261123],
		['2026年11月23日', '2026年11月23日', 20261123],
		['Excel zh-CN long date with the weekday', '2026年11月23日星期一', 20261123],
		['with 周', '2026年11月23日 周一', 20261123],
		['Nov 23, 2026', 'Nov 23, 2026', 20261123],
		['November 23, 2026', 'November 23, 2026', 20261123],
		['November 23rd, 2026', 'November 23rd, 2026', 20261123],
		['Monday, November 23, 2026 (Excel long date)', 'Monday, November 23, 2026', 20261123],
		['23 Nov 2026', '23 Nov 2026', 20261123],
		['23-Nov-2026', '23-Nov-2026', 20261123],
		["23-Nov-26 (Excel's d-mmm-yy)", '23-Nov-26', 20261123],
		['Mon, 23 Nov 2026', 'Mon, 23 Nov 2026', 20261123],
		['Sept. 1, 2021', 'Sept. 1, 2021', 20210901],
		['an n8n Form date field (yyyy-MM-dd)', '2026-11-23', 20261123],
		['Google Sheets date-time, US', '11/23/2026 9:00:00', 20261123],
	])('accepts %s', (_form, text, expected) => {
		expect(remedyDate(text)).toBe(expected);
	});

	test.each([
		['11/23/2026 6:30 PM', '2026-11-23 18:30'],
		['11/23/2026 18:30', '2026-11-23 18:30'],
		['23/11/2026 18:30:00', '2026-11-23 18:30'],
		['2026/11/23 下午6:30', '2026-11-23 18:30'],
		['2026/11/23 6:30 PM', '2026-11-23 18:30'],
		['2026-11-23 6:30 PM', '2026-11-23 18:30'],
		['2026年11月23日 18:30', '2026-11-23 18:30'],
		['2026年11月23日下午6:30', '2026-11-23 18:30'],
		['2026年11月23日 下午6时30分', '2026-11-23 18:30'],
		['Nov 23, 2026 6:30 PM', '2026-11-23 18:30'],
		['23-Nov-2026 18:30', '2026-11-23 18:30'],
	])('accepts the date-time %s', (text, expected) => {
		expect(remedyTime(text, 20261123)).toBe(expected);
	});

	test.each([['1/2/2026'], ['01/02/2026'], ['01.02.2026'], ['01-02-2026'], ['12/11/2026']])(
		'refuses %s, where day and month cannot be told apart, naming both readings and how to write it',
		(text) => {
			const [first, second] = text.split(/[/.-]/).map(Number);
			const refusal = dateRefusal(text);
			const pad = (n: number) => String(n).padStart(2, '0');
			expect(refusal).toContain(`2026-${pad(second)}-${pad(first)} read day first`);
			expect(refusal).toContain(`2026-${pad(first)}-${pad(second)} read month first`);
			expect(refusal).toContain('write it year first (yyyy-MM-dd)');
		},
	);

	test('an ambiguous date refuses a date-time built on it too', () => {
		expect(timeRefusal('01/02/2026 09:00')).toContain('read month first');
	});

	test.each([
		['a two-digit year with numbers only', '1/2/26', 'four-digit year'],
		['a two-digit year even when the day is plain', '23/11/26', 'four-digit year'],
		['a Chinese date without its year', '11月23日', 'has none'],
		['a weekday that contradicts the date', 'Tuesday, November 23, 2026', 'is a Monday'],
	])('refuses %s, saying why', (_form, text, why) => {
		expect(dateRefusal(text)).toContain(why);
	});

	test.each([
		['both numbers above 12', '13/13/2026'],
		['day 0', '0/5/2026'],
		['an impossible day with the day first', '31/2/2026'],
		['an impossible day spelt out', 'Feb 30, 2026'],
		['an unknown month name', 'Foo 3, 2026'],
		['an unknown weekday', 'Funday, November 23, 2026'],
		['a month and year only', 'Nov 2026'],
		['mixed separators', '23/11-2026'],
	])('rejects %s', (_form, text) => {
		expect(remedyDate(text)).toBeUndefined();
	});
});

describe('what a refusal says', () => {
	test('an unknown form lists the accepted ones', () => {
		expect(dateRefusal('yesterday')).toContain('20210701, 2021-07-01, 2021/7/1');
		expect(timeRefusal('noon')).toContain('6:30 PM, 下午6:30');
	});
});

describe('From / To of Get Remedy Records take the same forms', () => {
	test.each([
		['a serial date as From: the start of the day', 44378, 'from', '2021-07-01T00:00:00.000+08:00'],
		['a serial date as To: its last second', 44378, 'to', '2021-07-01T23:59:59.000+08:00'],
		['a serial date-time as it is', 44378.375, 'to', '2021-07-01T09:00:00.000+08:00'],
		['a displayed date', 'Jul 1, 2021', 'from', '2021-07-01T00:00:00.000+08:00'],
		['a 12-hour date-time', '7/13/2021 6:30 PM', 'from', '2021-07-13T18:30:00.000+08:00'],
	] as const)('%s', (_form, value, end, expected) => {
		expect(parseRangeBound(value, SHANGHAI, end)?.toISO()).toBe(expected);
	});

	test.each([
		['a time of day alone', '09:00'],
		['an ambiguous date', '01/02/2026'],
	])('rejects %s', (_form, value) => {
		expect(parseRangeBound(value, SHANGHAI, 'from')).toBeUndefined();
	});
});
