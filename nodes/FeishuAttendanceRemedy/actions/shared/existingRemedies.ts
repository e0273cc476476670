/**
 * Re-run safety: which slots already hold a pending or approved remedy in Feishu, so that
 * running a sheet again (or resuming after a crash) creates each remedy once. Feishu's
 * records query filters on one status (approved when none is asked), so each group of at
 * most 50 users is asked twice, pending and approved, at once. Rejected, withdrawn and
 * cancelled remedies do not count: those rows are sent again.
 *
 * The query refuses a whole group when one of its users is unknown or outside the app's
 * data scope (1220004, 1220005). Such a group is split until the user stands alone; a
 * user Feishu cannot see has no remedy to find, and the create answers for that row.
 */
import type { DateTime } from 'luxon';

import { failure } from '../../execution/failure';
import type { ItemFailure } from '../../execution/failure';
import { parseRemedyDate } from '../../remedy/dateTime';
import type { EmployeeType, RemedyRequest } from '../../remedy/remedyTypes';
import type { FeishuClient } from '../../transport/feishuClient';
import { keyOf, slotKey } from './duplicateRemedies';
import { USERS_PER_RECORDS_REQUEST, fetchRecords, statusName } from './remedyRecords';
import type { RecordsQuery, RemedyStatusName } from './remedyRecords';

/** The statuses that hold a slot: a second remedy beside one of these would be a duplicate. */
const LIVE_STATUSES: RemedyStatusName[] = ['pending', 'approved'];

/** Codes that refuse a whole group for one of its users. */
const ONE_USER_REFUSED = new Set([1220004, 1220005]);

export interface ExistingRemedy {
	approvalId: string;
	status: string;
}

export type ExistingAnswer = { ok: true; existing: Map<string, ExistingRemedy> } | { ok: false; failure: ItemFailure };

/** The remedies of one ID type, grouped 50 users a query (a user's remedies stay in one group). */
export function checkGroups<Item extends { remedy: RemedyRequest }>(items: Item[]): Item[][] {
	const groups: Item[][] = [];
	for (const employeeType of new Set(items.map((item) => item.remedy.employee_type))) {
		const ofUser = new Map<string, Item[]>();
		for (const item of items) {
			if (item.remedy.employee_type !== employeeType) continue;
			const userId = item.remedy.body.user_id;
			ofUser.set(userId, [...(ofUser.get(userId) ?? []), item]);
		}
		const users = [...ofUser.values()];
		for (let start = 0; start < users.length; start += USERS_PER_RECORDS_REQUEST) {
			groups.push(users.slice(start, start + USERS_PER_RECORDS_REQUEST).flat());
		}
	}
	return groups;
}

/** The live remedies Feishu holds for the slots of one group (one ID type, at most 50 users). */
export async function findExistingRemedies(
	feishu: FeishuClient,
	remedies: RemedyRequest[],
	zone: string,
): Promise<ExistingAnswer> {
	const employeeType = remedies[0].employee_type;
	const days = remedies
		.map((r) => parseRemedyDate(r.body.remedy_date, zone))
		.filter((d): d is DateTime => d !== undefined);
	if (days.length === 0) return { ok: true, existing: new Map() };
	const first = days.reduce((a, b) => (a < b ? a : b));
	const last = days.reduce((a, b) => (a > b ? a : b));
	const range = {
		from: String(Math.floor(first.startOf('day').toSeconds())),
		// Overnight remedies fall on the next day: look one day further.
		to: String(Math.floor(last.startOf('day').plus({ days: 2 }).toSeconds()) - 1),
	};
	return await existingOf(feishu, employeeType, [...new Set(remedies.map((r) => r.body.user_id))], range);
}

async function existingOf(
	feishu: FeishuClient,
	employeeType: EmployeeType,
	userIds: string[],
	range: { from: string; to: string },
): Promise<ExistingAnswer> {
	const query: RecordsQuery = { employeeType, userIds, ...range, statuses: LIVE_STATUSES };
	const answers = await Promise.all(
		LIVE_STATUSES.map(async (status) => await fetchRecords(feishu, query, { status, userIds }, { readOnly: true })),
	);
	const refused = answers.find((answer) => !answer.ok);
	if (refused && !refused.ok) {
		if (refused.failure.code === null || !ONE_USER_REFUSED.has(refused.failure.code)) return refused;
		if (userIds.length === 1) return { ok: true, existing: new Map() };
		const middle = Math.ceil(userIds.length / 2);
		const halves = await Promise.all([
			existingOf(feishu, employeeType, userIds.slice(0, middle), range),
			existingOf(feishu, employeeType, userIds.slice(middle), range),
		]);
		const failedHalf = halves.find((half) => !half.ok);
		if (failedHalf) return failedHalf;
		return { ok: true, existing: new Map(halves.flatMap((half) => (half.ok ? [...half.existing] : []))) };
	}
	const existing = new Map<string, ExistingRemedy>();
	for (const answer of answers) {
		if (!answer.ok) continue;
		for (const record of answer.records) {
			const key = slotKey(employeeType, String(record.user_id), record.remedy_date, record.punch_no, record.work_type);
			if (!existing.has(key))
				existing.set(key, { approvalId: String(record.approval_id), status: statusName(record.status) });
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

/** The check could not be answered: nothing was created for the item, so running it again is safe. */
export function checkFailure(cause: ItemFailure): ItemFailure {
	return failure({
		...cause,
		msg: `Could not check Feishu for an existing remedy of this slot: ${cause.msg}`,
		hint: `Nothing was created for this row: run it again (the check runs first again). ${cause.hint}`,
		retrySafe: true,
	});
}
