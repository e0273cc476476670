import { readEmail, readMobile, readPerson } from '../../nodes/FeishuAttendanceRemedy/identity/personKeys';

describe('emails', () => {
	test.each([
		['zhang.wei@example.com', 'zhang.wei@example.com'],
		['  Zhang.Wei@Example.COM ', 'zhang.wei@example.com'],
		['zhang.wei＠example.com', 'zhang.wei@example.com'],
		['mailto:zhang.wei@example.com', 'zhang.wei@example.com'],
		['bench-7@bench.example.com', 'bench-7@bench.example.com'],
	])('%p is looked up as %p', (raw, expected) => {
		expect(readEmail(raw)).toEqual({ ok: true, person: { idType: 'email', value: expected } });
	});

	test.each([
		['zhang.wei'],
		['zhang wei@example.com'],
		['@example.com'],
		['zhang@localhost'],
		[''],
		[42],
		[null],
		[undefined],
	])('%p is not an email', (raw) => {
		expect(readEmail(raw)).toEqual({ ok: false, expected: expect.stringContaining('email address') });
	});
});

describe('mobile numbers', () => {
	test.each<[unknown, string]>([
		['13800000000', '13800000000'],
		[13800000000, '13800000000'],
		['+8613800000000', '13800000000'],
		['+86 138 0000 0000', '13800000000'],
		['+86-138-0000-0000', '13800000000'],
		['008613800000000', '13800000000'],
		['8613800000000', '13800000000'],
		['(+86) 138.0000.0000', '13800000000'],
		['１３８００００００００', '13800000000'],
		['+852 9123 4567', '+85291234567'],
		['+1 (415) 555-0104', '+14155550104'],
		['001 415 555 0104', '+14155550104'],
	])('%p is looked up as %p', (raw, expected) => {
		expect(readMobile(raw)).toEqual({ ok: true, person: { idType: 'mobile', value: expected } });
	});

	test.each<[unknown]>([
		['91234567'],
		['4155550104'],
		['1380000000'],
		['138000000000'],
		['+0 123 4567'],
		['+12345'],
		['tel'],
		[''],
		[1.5],
		[null],
	])('%p is not a number Feishu can find: outside mainland China it needs + and the country code', (raw) => {
		expect(readMobile(raw)).toEqual({ ok: false, expected: expect.stringContaining('+ and the country code') });
	});

	test('readPerson reads by the id type it is given', () => {
		expect(readPerson('mobile', '13800000000')).toMatchObject({ ok: true });
		expect(readPerson('email', '13800000000')).toMatchObject({ ok: false });
	});
});
