import { DateTime } from 'luxon';

import { parseRemedyDate, parseRemedyTime, toRemedyDateNumber, toRemedyTimeString } from '../../nodes/FeishuAttendanceRemedy/remedy/dateTime';

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
