/**
 * `POST /open-apis/attendance/v1/user_task_remedys` (通知补卡审批发起): writes a remedy as pending.
 * Check order: employee_type → Content-Type/body → fields in page order → user exists (1220004)
 * → user in the app's data scope (1220005) → punch_no/work_type fit the group (1220001) →
 * remedy_time on the remedy date or the next day (1220001) → group rules 1226502/1226503/1226504
 * → the slot needs a remedy (1226501). Duplicates of a pending remedy are accepted (see README).
 */

import type { Handler } from '../apiCall';
import { dayNumberOf } from '../calendar';
import { failure, success } from '../envelope';
import { feishuErrors } from '../feishuErrors';
import { readCreateRemedy, readUserCall } from './requestFields';
import { checkGroupRules, checkSlotShape } from './remedyRules';
import { slotNeedsRemedy, slotsOfDay } from './schedule';
import { remedyAnswerFields } from '../remedyStore';

export const createRemedy: Handler = (call, state) => {
	const parsed = readUserCall(call, readCreateRemedy);
	if (!parsed.ok) return failure(parsed.failure, call.logId);
	const { employeeType } = parsed.value;
	const request = parsed.value.fields;

	const user = state.directory.findUser(employeeType, request.userId);
	if (!user) return failure(feishuErrors.userNotFound(), call.logId);
	if (!user.inDataScope) return failure(feishuErrors.noDataPermission(), call.logId);
	const shapeProblem = checkSlotShape(user.group, request.punchNo, request.workType);
	if (shapeProblem) return failure(shapeProblem, call.logId);
	// Overnight shifts end the next morning, so the next day is still "this" remedy date.
	const dayOffset = request.remedyWallTime.dayNumber - (dayNumberOf(request.remedyDate) ?? 0);
	if (dayOffset !== 0 && dayOffset !== 1) {
		return failure(feishuErrors.invalidParam('remedy_time', 'must fall on remedy_date or the day after'), call.logId);
	}
	const ruleProblem = checkGroupRules(user, request.remedyDate, state.today(call.nowMs), state.remedies);
	if (ruleProblem) return failure(ruleProblem, call.logId);
	if (!slotNeedsRemedy(slotsOfDay(user, request.remedyDate), request.punchNo, request.workType)) {
		return failure(feishuErrors.noNeedRemedy(), call.logId);
	}

	const remedy = state.remedies.create(
		{
			appId: call.appId,
			employeeType: employeeType,
			userId: request.userId,
			employeeId: user.employeeId,
			remedyDate: request.remedyDate,
			punchNo: request.punchNo,
			workType: request.workType,
			remedyTime: request.remedyTime,
			reason: request.reason,
		},
		call.nowMs,
	);
	return success({
		user_remedy: {
			...remedyAnswerFields(remedy, remedy.userId),
			// Documented as obsolete fields; Feishu's example shows them as '-'.
			time: '-',
			time_zone: '-',
			create_time: '-',
			update_time: '-',
		},
	});
};
