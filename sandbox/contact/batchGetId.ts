/**
 * `POST /open-apis/contact/v3/users/batch_get_id` (通过手机号或邮箱获取用户 ID): one entry per
 * distinct email and mobile asked, emails first, each echoing the value as asked. A person the
 * app may see gets the ID of the asked `user_id_type` and a `status`; anyone unknown, outside
 * the contact data range, or resigned (without `include_resigned`) gets an entry with neither —
 * not an error, as on Feishu. `user_id` (the attendance employee_id) is a field-level sensitive
 * value: without `contact:user.employee_id:readonly` it is left out, the status kept.
 */

import { createHash } from 'node:crypto';
import type { Handler } from '../apiCall';
import type { UserRecord } from '../directory';
import { failure, success } from '../envelope';
import { readLookup } from './lookupFields';
import type { ContactIdType } from './lookupFields';

/** The field-level scope without which `user_id` is never returned. */
export const EMPLOYEE_ID_SCOPE = 'contact:user.employee_id:readonly';

export const batchGetUserId: Handler = (call, state) => {
	const parsed = readLookup(call);
	if (!parsed.ok) return failure(parsed.failure, call.logId);
	const { userIdType, emails, mobiles, includeResigned } = parsed.value;
	const mayReadUserId = state.directory.app(call.appId)?.scopes.includes(EMPLOYEE_ID_SCOPE) === true;

	const visible = (user: UserRecord | undefined): UserRecord | undefined =>
		user && user.inContactScope && (includeResigned || !user.resigned) ? user : undefined;
	const describe = (user: UserRecord | undefined): Record<string, unknown> => {
		if (!user) return {};
		const id = userIdType === 'user_id' && !mayReadUserId ? undefined : idOf(user, userIdType, call.appId);
		return { ...(id === undefined ? {} : { user_id: id }), status: statusOf(user) };
	};
	const userList = [
		...distinct(emails).map((email) => ({ email, ...describe(visible(state.directory.findByEmail(email))) })),
		...distinct(mobiles).map((mobile) => ({ mobile, ...describe(visible(state.directory.findByMobile(mobile))) })),
	];
	return success({ user_list: userList });
};

function distinct(values: string[]): string[] {
	return [...new Set(values)];
}

/** open_id is per app and union_id per developer on Feishu; here both are stable hashes of the person. */
function idOf(user: UserRecord, idType: ContactIdType, appId: string): string {
	if (idType === 'user_id') return user.employeeId;
	const seed = idType === 'open_id' ? `open|${appId}|${user.employeeId}` : `union|${user.employeeId}`;
	return `${idType === 'open_id' ? 'ou_' : 'on_'}${createHash('sha256').update(seed).digest('hex').slice(0, 32)}`;
}

function statusOf(user: UserRecord): Record<string, boolean> {
	return {
		is_frozen: false,
		is_resigned: user.resigned,
		is_activated: !user.resigned,
		is_exited: user.resigned,
		is_unjoin: false,
	};
}
