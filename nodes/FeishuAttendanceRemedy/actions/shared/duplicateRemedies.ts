/**
 * Duplicate remedies: two items of one run for the same slot (ID type, user, day, punch,
 * work type), or an item whose slot already has a pending or approved remedy in Feishu.
 * Either would make a second pending remedy that someone must withdraw by hand.
 */
import type { DateTime } from 'luxon';

import { failure } from '../../execution/failure';
import type { ItemFailure } from '../../execution/failure';
import { parseRemedyDate } from '../../remedy/dateTime';
import type { EmployeeType, RemedyRequest } from '../../remedy/remedyTypes';
import type { FeishuClient } from '../../transport/feishuClient';
import { fetchRecords, recordsRequests, statusName } from './remedyRecords';
import type { RecordsQuery } from './remedyRecords';

export function slotKey(
	employeeType: EmployeeType,
	userId: string,
	remedyDate: unknown,
	punchNo: unknown,
	workType: unknown,
): string {
	return [employeeType, userId, remedyDate, punchNo, workType].join('\n');
}

function keyOf(remedy: RemedyRequest): string {
	const { body } = remedy;
	return slotKey(remedy.employee_type, body.user_id, body.remedy_date, body.punch_no, body.work_type);
}

/** For each later item that repeats an earlier one's slot: the earlier item's index. */
export function findDuplicateRows(items: Array<{ index: number; remedy: RemedyRequest }>): Map<number, number> {
	const firstIndexOf = new Map<string, number>();
	const duplicates = new Map<number, number>();
	for (const { index, remedy } of [...items].sort((a, b) => a.index - b.index)) {
		const key = keyOf(remedy);
		const first = firstIndexOf.get(key);
		if (first === undefined) firstIndexOf.set(key, index);
		else duplicates.set(index, first);
	}
	return duplicates;
}

export function duplicateRowFailure(firstIndex: number): ItemFailure {
	return failure({
		category: 'duplicate',
		msg: `Same remedy as item ${firstIndex} (same user, day, punch and work type); it was not sent`,
		hint: `Only the first of the two is sent. Remove the repeated row, or turn off Catch Duplicate Rows if both are meant.`,
	});
}

export interface ExistingRemedy {
	approvalId: string;
	status: string;
}

export type ExistingAnswer = { ok: true; existing: Map<string, ExistingRemedy> } | { ok: false; failure: ItemFailure };

/**
 * Pending and approved remedies Feishu already holds for the users and days of the
 * items, keyed like slotKey. One records query per ID type (50 users per request).
 */
export async function findExistingRemedies(
	client: FeishuClient,
	remedies: RemedyRequest[],
	zone: string,
): Promise<ExistingAnswer> {
	const existing = new Map<string, ExistingRemedy>();
	for (const employeeType of new Set(remedies.map((r) => r.employee_type))) {
		const ofType = remedies.filter((r) => r.employee_type === employeeType);
		const days = ofType
			.map((r) => parseRemedyDate(r.body.remedy_date, zone))
			.filter((d): d is DateTime => d !== undefined);
		const first = days.reduce((a, b) => (a < b ? a : b));
		const last = days.reduce((a, b) => (a > b ? a : b));
		const query: RecordsQuery = {
			employeeType,
			userIds: [...new Set(ofType.map((r) => r.body.user_id))],
			from: String(Math.floor(first.toSeconds())),
			// Overnight remedies fall on the next day: look one day further.
			to: String(Math.floor(last.plus({ days: 2 }).toSeconds()) - 1),
			statuses: ['pending', 'approved'],
		};
		for (const request of recordsRequests(query)) {
			const answer = await fetchRecords(client, query, request);
			if (!answer.ok) return answer;
			for (const record of answer.records) {
				const key = slotKey(
					employeeType,
					String(record.user_id),
					record.remedy_date,
					record.punch_no,
					record.work_type,
				);
				existing.set(key, { approvalId: String(record.approval_id), status: statusName(record.status) });
			}
		}
	}
	return { ok: true, existing };
}

export function existingRemedyFor(
	existing: Map<string, ExistingRemedy>,
	remedy: RemedyRequest,
): ExistingRemedy | undefined {
	return existing.get(keyOf(remedy));
}

export function existingRemedyFailure(found: ExistingRemedy): ItemFailure {
	return failure({
		category: 'duplicate',
		msg: `Feishu already has a ${found.status} remedy for this slot (approval ${found.approvalId}); it was not sent`,
		hint: 'Nothing was sent. Withdraw or reject the existing remedy first if this one should replace it.',
	});
}
