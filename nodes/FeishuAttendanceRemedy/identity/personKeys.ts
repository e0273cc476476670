/**
 * Reading a person's email or mobile number from a row into the one form Feishu's contact
 * look-up (`batch_get_id`) is asked with, so the same person written two ways is looked up
 * once: emails trimmed and lower-cased; mobiles stripped of spaces, dashes, dots and brackets,
 * a mainland China number reduced to its 11 digits (with or without +86 / 0086 / 86), every
 * other number kept as `+` and the country code, as Feishu requires for them.
 */

/** How a row names a person besides the attendance IDs. */
export type PersonIdType = 'email' | 'mobile';

export const PERSON_ID_TYPES: readonly PersonIdType[] = ['email', 'mobile'];

/** A person to look up: the normalised value is both what is sent and the key answers are matched by. */
export interface PersonKey {
	idType: PersonIdType;
	value: string;
}

export type PersonReading = { ok: true; person: PersonKey } | { ok: false; expected: string };

export const EXPECTED_EMAIL = 'an email address such as name@example.com';
export const EXPECTED_MOBILE =
	'a mobile number: 11 digits for mainland China (13800000000, +86 138 0000 0000), otherwise + and the country code (+852 9123 4567)';

/** Full-width forms typed with a Chinese input method (＠, １３８…) become their ASCII letters. */
function plainText(value: string): string {
	return value.normalize('NFKC').trim();
}

export function readEmail(raw: unknown): PersonReading {
	if (typeof raw !== 'string') return { ok: false, expected: EXPECTED_EMAIL };
	const email = plainText(raw)
		.replace(/^mailto:/i, '')
		.toLowerCase();
	return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)
		? { ok: true, person: { idType: 'email', value: email } }
		: { ok: false, expected: EXPECTED_EMAIL };
}

export function readMobile(raw: unknown): PersonReading {
	// A sheet cell holding 13800000000 arrives as a number.
	const text =
		typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : typeof raw === 'string' ? plainText(raw) : '';
	const compact = text.replace(/[\s\-.()\u00a0]/g, '').replace(/^00/, '+');
	const mainland = /^(?:\+?86)?(1\d{10})$/.exec(compact);
	if (mainland) return { ok: true, person: { idType: 'mobile', value: mainland[1] } };
	// E.164: at most 15 digits after the +, the country code never starting with 0.
	if (/^\+[1-9]\d{6,14}$/.test(compact)) return { ok: true, person: { idType: 'mobile', value: compact } };
	return { ok: false, expected: EXPECTED_MOBILE };
}

export function readPerson(idType: PersonIdType, raw: unknown): PersonReading {
	return idType === 'email' ? readEmail(raw) : readMobile(raw);
}

/** One key per person per id type: `email:a@b.c`, `mobile:13800000000`. */
export function personKey(person: PersonKey): string {
	return `${person.idType}:${person.value}`;
}
