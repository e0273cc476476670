/**
 * Reading a `POST /open-apis/contact/v3/users/batch_get_id` call as Feishu's page and the
 * official SDK's declaration type it: query `user_id_type` (default `open_id`), body `emails`
 * and `mobiles` (string arrays of at most 50 each) and `include_resigned` (boolean, default
 * false). A wrong type or length is the typed gateway's 99992402 naming the field.
 */

import { isJsonObject } from '../envelope';
import { feishuErrors } from '../feishuErrors';
import type { FeishuFailure } from '../feishuErrors';
import type { CallInput, Parsed } from '../attendance/requestFields';

export type ContactIdType = 'open_id' | 'union_id' | 'user_id';

export interface LookupFields {
	userIdType: ContactIdType;
	emails: string[];
	mobiles: string[];
	includeResigned: boolean;
}

/** Per list, per request (the page: 最多 50 条). */
export const MAX_LOOKUPS_PER_LIST = 50;

const ID_TYPES: readonly ContactIdType[] = ['open_id', 'union_id', 'user_id'];

const bad = (field: string, description: string): { ok: false; failure: FeishuFailure } => ({
	ok: false,
	failure: feishuErrors.fieldValidationFailed(field, description),
});

export function readLookup(input: CallInput): Parsed<LookupFields> {
	const userIdType = input.query.user_id_type ?? 'open_id';
	const idType = ID_TYPES.find((type) => type === userIdType);
	if (idType === undefined) return bad('user_id_type', 'one of open_id, union_id, user_id');
	const mediaType = (input.contentType ?? '').split(';')[0].trim().toLowerCase();
	if (mediaType !== 'application/json') return bad('Content-Type', 'must be application/json; charset=utf-8');
	if (!isJsonObject(input.body)) return bad('body', 'must be a JSON object');
	const { emails, mobiles, include_resigned } = input.body;
	const emailList = stringList(emails);
	if (emailList === undefined) return bad('emails', `an array of at most ${MAX_LOOKUPS_PER_LIST} strings`);
	const mobileList = stringList(mobiles);
	if (mobileList === undefined) return bad('mobiles', `an array of at most ${MAX_LOOKUPS_PER_LIST} strings`);
	if (include_resigned !== undefined && typeof include_resigned !== 'boolean')
		return bad('include_resigned', 'a boolean');
	return {
		ok: true,
		value: { userIdType: idType, emails: emailList, mobiles: mobileList, includeResigned: include_resigned === true },
	};
}

/** Absent is an empty list; anything but an array of ≤ 50 strings is refused. */
function stringList(value: unknown): string[] | undefined {
	if (value === undefined) return [];
	if (!Array.isArray(value) || value.length > MAX_LOOKUPS_PER_LIST) return undefined;
	const strings = value.filter((element): element is string => typeof element === 'string');
	return strings.length === value.length ? strings : undefined;
}
