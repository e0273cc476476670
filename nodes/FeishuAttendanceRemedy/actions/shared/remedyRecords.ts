/**
 * Remedy records (获取补卡记录): `user_task_remedys/query`, 50 users per request and one
 * status per request (the API filters on a single status, and defaults to approved only).
 * Used by "Get Remedy Records" and by the create option "Check Existing Remedies".
 */
import type { IDataObject } from 'n8n-workflow';

import type { ItemFailure } from '../../execution/failure';
import type { EmployeeType } from '../../remedy/remedyTypes';
import type { FeishuClient } from '../../transport/feishuClient';

export const RECORDS_PATH = '/open-apis/attendance/v1/user_task_remedys/query';
export const USERS_PER_RECORDS_REQUEST = 50;

export const REMEDY_STATUSES = {
	pending: 0,
	rejected: 1,
	approved: 2,
	cancelled: 3,
	withdrawn: 4,
} as const;

export type RemedyStatusName = keyof typeof REMEDY_STATUSES;

export const REMEDY_STATUS_NAMES = Object.keys(REMEDY_STATUSES) as RemedyStatusName[];

export function statusName(status: unknown): string {
	return REMEDY_STATUS_NAMES.find((name) => REMEDY_STATUSES[name] === status) ?? String(status);
}

export interface RecordsQuery {
	employeeType: EmployeeType;
	userIds: string[];
	/** Unix seconds, as Feishu wants them: strings. */
	from: string;
	to: string;
	statuses: RemedyStatusName[];
	checkDateType?: string;
}

export type RecordsAnswer = { ok: true; records: IDataObject[] } | { ok: false; failure: ItemFailure };

/** Every request the query needs: one per status and per 50 users. */
export function recordsRequests(query: RecordsQuery): Array<{ status: RemedyStatusName; userIds: string[] }> {
	const requests: Array<{ status: RemedyStatusName; userIds: string[] }> = [];
	for (let start = 0; start < query.userIds.length; start += USERS_PER_RECORDS_REQUEST) {
		const userIds = query.userIds.slice(start, start + USERS_PER_RECORDS_REQUEST);
		for (const status of query.statuses) requests.push({ status, userIds });
	}
	return requests;
}

export async function fetchRecords(
	client: FeishuClient,
	query: RecordsQuery,
	request: { status: RemedyStatusName; userIds: string[] },
	how: { readOnly?: boolean } = {},
): Promise<RecordsAnswer> {
	const body: IDataObject = {
		user_ids: request.userIds,
		check_time_from: query.from,
		check_time_to: query.to,
		status: REMEDY_STATUSES[request.status],
	};
	if (query.checkDateType) body.check_date_type = query.checkDateType;
	const result = await client.call({ path: RECORDS_PATH, query: { employee_type: query.employeeType }, body, ...how });
	if (!result.ok) return result;
	const records = Array.isArray(result.data.user_remedys) ? (result.data.user_remedys as IDataObject[]) : [];
	return { ok: true, records };
}

/** A record as an output item: Feishu's fields plus the ID type and a readable status. */
export function recordJson(record: IDataObject, employeeType: EmployeeType): IDataObject {
	return { employee_type: employeeType, ...record, status_name: statusName(record.status) };
}
