/**
 * An item that names its person by email or mobile number (Employee ID Type Email or Mobile
 * Number, or an `email` / `手机号` column under From Column Names): the value is read into the
 * form the contact look-up is asked with, and the remedy is planned for an employee ID that the
 * look-up fills in at run time. Planning stays pure; the look-up happens in the run.
 */
import type { ItemFailure } from '../../execution/failure';
import { unreadablePerson } from '../../identity/lookupFailures';
import { readPerson } from '../../identity/personKeys';
import type { PersonKey } from '../../identity/personKeys';
import { normaliseUserIdType } from '../../remedy/employeeTypeChoice';
import type { RawRemedyFields } from '../../remedy/remedyTypes';
import { renderValue } from '../../remedy/remedyValidation';

/**
 * Stands in for the employee ID until the look-up answers, so validation judges the other
 * fields as for any row. It never reaches Feishu: the run replaces it or fails the item.
 */
export const AWAITING_LOOKUP = 'awaiting-contact-lookup';

type WhoFields = Pick<RawRemedyFields, 'employeeType' | 'userId'>;

export type IdentifiedRow<Raw extends WhoFields> =
	| { ok: true; raw: Raw; person?: PersonKey }
	| { ok: false; failure: ItemFailure };

/** Raw fields as validation should see them, and the person to look up when the row names one. */
export function identifyPerson<Raw extends WhoFields>(raw: Raw): IdentifiedRow<Raw> {
	const idType = normaliseUserIdType(raw.employeeType);
	if (idType !== 'email' && idType !== 'mobile') return { ok: true, raw };
	// No value at all is a missing field, reported by validation with the columns that work.
	if (raw.userId === undefined || raw.userId === null || raw.userId === '')
		return { ok: true, raw: { ...raw, employeeType: 'employee_id' } };
	const reading = readPerson(idType, raw.userId);
	if (!reading.ok) {
		const value = typeof raw.userId === 'string' ? raw.userId : renderValue(raw.userId);
		return { ok: false, failure: unreadablePerson(idType, value, reading.expected) };
	}
	return { ok: true, raw: { ...raw, employeeType: 'employee_id', userId: AWAITING_LOOKUP }, person: reading.person };
}
