/**
 * `POST /open-apis/attendance/v1/user_task_remedys/query` (获取补卡记录): the remedies of up to 50
 * users whose time (remedy_time by default, PeriodTime) lies in [check_time_from, check_time_to],
 * approved ones only unless `status` says otherwise, as Feishu does.
 */

import type { Handler } from '../apiCall';
import { epochSecondsOf, parseWallTime, TIME_ZONE } from '../calendar';
import type { UserRecord } from '../directory';
import { failure, success } from '../envelope';
import { feishuErrors } from '../feishuErrors';
import type { StoredRemedy } from '../types';
import { readRemedyQuery, readUserCall, type CheckDateType } from './requestFields';
import { remedyAnswerFields } from '../remedyStore';

const APPROVED = 2;

export const queryRemedies: Handler = (call, state) => {
	const parsed = readUserCall(call, readRemedyQuery);
	if (!parsed.ok) return failure(parsed.failure, call.logId);
	const { employeeType } = parsed.value;
	const { userIds, fromSeconds, toSeconds, checkDateType, status = APPROVED } = parsed.value.fields;

	const users: UserRecord[] = [];
	for (const userId of userIds) {
		const user = state.directory.findUser(employeeType, userId);
		if (!user) return failure(feishuErrors.userNotFound(), call.logId);
		if (!user.inDataScope) return failure(feishuErrors.noDataPermission(), call.logId);
		users.push(user);
	}
	const seen = new Set<string>();
	const found: Array<Record<string, unknown>> = [];
	for (const user of users) {
		if (seen.has(user.employeeId)) continue;
		seen.add(user.employeeId);
		// Answer in the id type the query asked with, whatever type each remedy was created with.
		const userId = employeeType === 'employee_id' ? user.employeeId : user.employeeNo;
		for (const remedy of state.remedies.ofEmployee(user.employeeId)) {
			const seconds = secondsOf(remedy, checkDateType);
			if (remedy.status === status && seconds >= fromSeconds && seconds <= toSeconds)
				found.push(describe(remedy, userId));
		}
	}
	return success({ user_remedys: found });
};

function secondsOf(remedy: StoredRemedy, checkDateType: CheckDateType): number {
	if (checkDateType === 'CreateTime') return Math.floor(remedy.createdAt / 1000);
	if (checkDateType === 'UpdateTime') return Math.floor(remedy.updatedAt / 1000);
	return remedyTimeSeconds(remedy);
}

function remedyTimeSeconds(remedy: StoredRemedy): number {
	const wallTime = parseWallTime(remedy.remedyTime);
	return wallTime ? epochSecondsOf(wallTime) : 0;
}

function describe(remedy: StoredRemedy, userId: string): Record<string, unknown> {
	return {
		...remedyAnswerFields(remedy, userId),
		time: String(remedyTimeSeconds(remedy)),
		time_zone: TIME_ZONE,
		create_time: String(Math.floor(remedy.createdAt / 1000)),
		update_time: String(Math.floor(remedy.updatedAt / 1000)),
	};
}
