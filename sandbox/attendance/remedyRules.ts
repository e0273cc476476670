/**
 * The attendance-group rules a remedy must pass, shared by create and query_user_allowed_remedys.
 * Order (undocumented by Feishu, chosen to go from the group's policy to the user's data):
 * 1226502 remedies forbidden → 1226503 date out of range → 1226504 monthly limit used up;
 * the slot check (1226501) comes after these in each caller.
 */

import { dayNumberOf } from '../calendar';
import type { UserRecord } from '../directory';
import { feishuErrors, type FeishuFailure } from '../feishuErrors';
import type { RemedyStore } from '../remedyStore';
import type { SeedGroup } from '../types';

export function checkGroupRules(
	user: UserRecord,
	remedyDate: number,
	today: number,
	remedies: RemedyStore,
): FeishuFailure | undefined {
	const { group } = user;
	if (!group.allowRemedy) return feishuErrors.notAllowedRemedy();
	const daysBack = (dayNumberOf(today) ?? 0) - (dayNumberOf(remedyDate) ?? 0);
	if (daysBack < 0 || daysBack > group.remedyDaysBack) return feishuErrors.beyondTimeRange();
	const limit = group.remedyLimitPerMonth;
	if (limit !== null && remedies.liveInMonth(user.employeeId, Math.floor(remedyDate / 100)) >= limit) {
		return feishuErrors.noRemedyTimeLeft();
	}
	return undefined;
}

/** punch_no / work_type must fit the group: free schedule 0/0; otherwise 1|2 and an existing pair. */
export function checkSlotShape(group: SeedGroup, punchNo: number, workType: number): FeishuFailure | undefined {
	if (group.freeSchedule) {
		if (punchNo !== 0) return feishuErrors.invalidParam('punch_no', 'a free-schedule group takes punch_no 0');
		if (workType !== 0) return feishuErrors.invalidParam('work_type', 'a free-schedule group takes work_type 0');
		return undefined;
	}
	if (punchNo >= group.punchPairs.length) {
		return feishuErrors.invalidParam('punch_no', `the user's group has ${group.punchPairs.length} punch pair(s)`);
	}
	if (workType !== 1 && workType !== 2)
		return feishuErrors.invalidParam('work_type', 'must be 1 (on duty) or 2 (off duty)');
	return undefined;
}
