/**
 * Why a person named by email or mobile could not be turned into an employee ID, as the
 * Failed output shows it: an item failure on the field user_id with the value as read.
 * Nothing is sent to the attendance API for such a person,
 * and a look-up writes nothing, so every one of these is safe to run again.
 */
import { failure } from '../execution/failure';
import type { ItemFailure } from '../execution/failure';
import type { PersonIdType } from './personKeys';

/** 通过手机号或邮箱获取用户 ID: needed to call the look-up at all. */
export const CONTACT_ID_SCOPE = 'contact:user.id:readonly';
/** 获取用户 user ID: without it Feishu answers people without their user ID. */
export const EMPLOYEE_ID_SCOPE = 'contact:user.employee_id:readonly';

const SCOPE_MISSING_CODE = 99991672;
const NOTHING_SENT = 'No remedy was sent for this row.';

const LABEL: Record<PersonIdType, string> = { email: 'email', mobile: 'mobile number' };

/** Feishu's name of the field the person fills in the remedy request. */
const FIELD = 'user_id';

/** The row's value does not read as an email or mobile number at all: nothing was looked up. */
export function unreadablePerson(idType: PersonIdType, value: string, expected: string): ItemFailure {
	return failure({
		category: 'invalid_input',
		msg: `User ID: got ${JSON.stringify(value)}; expected ${expected}`,
		hint: `Fix the ${LABEL[idType]} in the row (or the expression) and run the item again. ${NOTHING_SENT}`,
		field: FIELD,
		value,
	});
}

/** Feishu answered the look-up with no one for this value. */
export function personNotFound(idType: PersonIdType, value: string): ItemFailure {
	const mobileHint = idType === 'mobile' ? ' Numbers outside mainland China need + and the country code.' : '';
	return failure({
		category: 'invalid_input',
		msg: `Feishu found no user with the ${LABEL[idType]} ${JSON.stringify(value)}`,
		hint:
			`Check the ${LABEL[idType]}.${mobileHint} If it is right: the app needs the scopes ${CONTACT_ID_SCOPE} and ${EMPLOYEE_ID_SCOPE}, ` +
			`and its contact data range (通讯录权限范围) must include this person; people who have left are not found. ${NOTHING_SENT}`,
		field: FIELD,
		value,
	});
}

/** Feishu knows the person (it answered their status) but left out the user ID: the field scope is missing. */
export function employeeIdWithheld(idType: PersonIdType, value: string): ItemFailure {
	return failure({
		category: 'permission',
		msg: `Feishu found the user with the ${LABEL[idType]} ${JSON.stringify(value)} but did not return their user ID`,
		hint: `Add the scope ${EMPLOYEE_ID_SCOPE} (获取用户 user ID) to the app in the Feishu developer console and publish a new app version. ${NOTHING_SENT}`,
		field: FIELD,
		value,
	});
}

/**
 * The look-up call itself failed. A missing scope names the one to add. Otherwise Feishu's code
 * and message stay, with a hint of its own: the client's hints speak of remedies that may have
 * been written, but a look-up writes nothing, so running the item again is always safe.
 */
export function lookupCallFailed(callFailure: ItemFailure, value: string): ItemFailure {
	const { code, msg, httpStatus, logId } = callFailure;
	return failure({ code, msg, httpStatus, logId, ...lookupHint(callFailure), retrySafe: true, field: FIELD, value });
}

function lookupHint(callFailure: ItemFailure): Pick<ItemFailure, 'category' | 'hint'> {
	if (callFailure.code === SCOPE_MISSING_CODE) {
		return {
			category: 'permission',
			hint:
				`The app lacks the scope ${CONTACT_ID_SCOPE} (通过手机号或邮箱获取用户 ID) needed to find people by email or mobile number ` +
				`(and ${EMPLOYEE_ID_SCOPE} for their user ID): add it in the Feishu developer console and publish a new app version. ${NOTHING_SENT}`,
		};
	}
	const { category } = callFailure;
	if (category === 'rate_limited') {
		return {
			category,
			hint: `Feishu's limit for look-ups (50/s and 1,000/min per app) was still hit after the retries: run the item again later. ${NOTHING_SENT}`,
		};
	}
	if (category === 'auth') return { category, hint: `${callFailure.hint} ${NOTHING_SENT}` };
	if (category === 'network' || category === 'server') {
		return {
			category,
			hint: `Looking the person up by email or mobile number failed; a look-up writes nothing, so run the item again. ${NOTHING_SENT}`,
		};
	}
	return { category, hint: `Feishu refused to look the person up; the message says why. ${NOTHING_SENT}` };
}
