/**
 * Get Remedy Records (获取补卡记录): the remedies of some users in a time range. Items that
 * ask the same question (ID type, range, statuses) are answered together, 50 users per
 * request; each record goes to the first item that asked for its user. The API returns
 * approved remedies only unless told a status, so "all statuses" is one request per status.
 */
import type { IDataObject } from 'n8n-workflow';

import { failedOutcome, invalidFieldFailure } from '../execution/itemOutcome';
import type { ItemOutcome } from '../execution/itemOutcome';
import { mapEach, unexpectedFailure } from '../execution/runAction';
import type { RemedyAction } from '../execution/runAction';
import { parseRangeBound } from '../remedy/dateTime';
import type { EmployeeType } from '../remedy/remedyTypes';
import { MAX_USER_ID_LENGTH, renderValue } from '../remedy/remedyValidation';
import type { FeishuFailure } from '../transport/feishuClient';
import { REMEDY_STATUS_NAMES, fetchRecords, recordJson, recordsRequests } from './remedyRecords';
import type { RecordsAnswer, RecordsQuery, RemedyStatusName } from './remedyRecords';

interface RecordsItem {
	query: Omit<RecordsQuery, 'userIds'>;
	userIds: string[];
	groupKey: string;
}

export const getRemedyRecordsAction: RemedyAction<RecordsItem> = {
	plan(context, itemIndex, options) {
		let raw: { employeeType: unknown; userIds: unknown; from: unknown; to: unknown; statuses: unknown };
		try {
			raw = {
				employeeType: context.getNodeParameter('employeeType', itemIndex),
				userIds: context.getNodeParameter('userIds', itemIndex),
				from: context.getNodeParameter('rangeFrom', itemIndex),
				to: context.getNodeParameter('rangeTo', itemIndex),
				statuses: context.getNodeParameter('statuses', itemIndex, REMEDY_STATUS_NAMES),
			};
		} catch (error) {
			return { ready: false, outcome: failedOutcome(invalidFieldFailure(`An expression failed: ${error instanceof Error ? error.message : String(error)}`, 'user_ids')) };
		}
		const employeeType = raw.employeeType === 'employee_no' ? 'employee_no' : ('employee_id' as EmployeeType);
		const userIds = parseUserIds(raw.userIds);
		if (!userIds) {
			return {
				ready: false,
				outcome: failedOutcome(invalidFieldFailure(`User IDs: got ${renderValue(raw.userIds)}; expected IDs separated by commas or new lines, or a list`, 'user_ids', renderValue(raw.userIds))),
			};
		}
		const from = parseRangeBound(raw.from, options.zone, 'from');
		const to = parseRangeBound(raw.to, options.zone, 'to');
		if (!from || !to || to < from) {
			const [field, value] = !from ? ['check_time_from', raw.from] : ['check_time_to', raw.to];
			return {
				ready: false,
				outcome: failedOutcome(
					invalidFieldFailure(`${field === 'check_time_from' ? 'From' : 'To'}: got ${renderValue(value)}; expected a date or date-time, with To not before From`, field, renderValue(value)),
				),
			};
		}
		const statuses = (Array.isArray(raw.statuses) && raw.statuses.length > 0 ? raw.statuses : REMEDY_STATUS_NAMES).filter(
			(s): s is RemedyStatusName => REMEDY_STATUS_NAMES.includes(s as RemedyStatusName),
		);
		const query = { employeeType, from: String(Math.floor(from.toSeconds())), to: String(Math.floor(to.toSeconds())), statuses };
		return { ready: true, request: { query, userIds, groupKey: JSON.stringify(query) } };
	},

	async sendAll(client, items, options) {
		const outcomes = new Map<number, ItemOutcome>();
		for (const group of groupItems(items)) {
			const query: RecordsQuery = { ...group.query, userIds: group.userIds };
			const requests = recordsRequests(query).map((request, index) => ({ index, request }));
			const answers = await mapEach(
				requests,
				options,
				async (request) => await fetchRecords(client as NonNullable<typeof client>, query, request),
				(error): RecordsAnswer => ({ ok: false, failure: { ...unexpectedFailure(error), attempts: 0 } as FeishuFailure }),
			);
			const recordsOfUser = new Map<string, IDataObject[]>();
			const failedUsers = new Map<string, FeishuFailure>();
			requests.forEach(({ index, request }) => {
				const answer = answers.get(index) as RecordsAnswer;
				if (!answer.ok) {
					for (const userId of request.userIds) failedUsers.set(userId, answer.failure);
					return;
				}
				for (const record of answer.records) {
					const userId = String(record.user_id);
					recordsOfUser.set(userId, [...(recordsOfUser.get(userId) ?? []), recordJson(record, query.employeeType)]);
				}
			});
			for (const { index, userIds } of group.items) {
				const failure = userIds.map((userId) => failedUsers.get(userId)).find((f) => f !== undefined);
				// The item's users in the order it named them, each user's records by remedy time.
				const records = userIds.flatMap((userId) => [...(recordsOfUser.get(userId) ?? [])].sort(byRemedyTime));
				outcomes.set(index, failure ? failedOutcome(failure) : { success: records });
			}
		}
		return outcomes;
	},
};

interface ItemGroup {
	query: Omit<RecordsQuery, 'userIds'>;
	items: Array<{ index: number; userIds: string[] }>;
	/** Every user any item of the group asked for, once, in first-asked order. */
	userIds: string[];
}

function groupItems(items: Array<{ index: number; request: RecordsItem }>): ItemGroup[] {
	const groups = new Map<string, ItemGroup & { seen: Set<string> }>();
	for (const { index, request } of [...items].sort((a, b) => a.index - b.index)) {
		let group = groups.get(request.groupKey);
		if (!group) {
			group = { query: request.query, items: [], userIds: [], seen: new Set() };
			groups.set(request.groupKey, group);
		}
		group.items.push({ index, userIds: request.userIds });
		for (const userId of request.userIds) {
			if (group.seen.has(userId)) continue;
			group.seen.add(userId);
			group.userIds.push(userId);
		}
	}
	return [...groups.values()];
}

function byRemedyTime(a: IDataObject, b: IDataObject): number {
	return String(a.remedy_time ?? '').localeCompare(String(b.remedy_time ?? ''));
}

function parseUserIds(value: unknown): string[] | undefined {
	const parts = Array.isArray(value) ? value : typeof value === 'string' || typeof value === 'number' ? String(value).split(/[,\n;]/) : undefined;
	if (!parts) return undefined;
	const ids = parts.map((part) => (typeof part === 'string' || typeof part === 'number' ? String(part).trim() : '')).filter((id) => id !== '');
	if (ids.length === 0 || ids.some((id) => id.length > MAX_USER_ID_LENGTH || /\s/.test(id))) return undefined;
	return [...new Set(ids)];
}
