/**
 * `POST /open-apis/attendance/v1/user_task_remedys/query_user_allowed_remedys` (获取可补卡时间):
 * the abnormal punch slots of a day that may still be remedied, each with its remedy window.
 * Same checks as create up to the group rules; no abnormal slot answers 1226501.
 */

import type { Handler } from '../apiCall';
import { formatWallTime, dayNumberOf } from '../calendar';
import { failure, success } from '../envelope';
import { feishuErrors } from '../feishuErrors';
import { readAllowedRemedy, readUserCall } from './requestFields';
import { checkGroupRules } from './remedyRules';
import { slotsOfDay } from './schedule';

export const queryAllowedRemedies: Handler = (call, state) => {
	const parsed = readUserCall(call, readAllowedRemedy);
	if (!parsed.ok) return failure(parsed.failure, call.logId);
	const { employeeType } = parsed.value;
	const { userId, remedyDate } = parsed.value.fields;

	const user = state.directory.findUser(employeeType, userId);
	if (!user) return failure(feishuErrors.userNotFound(), call.logId);
	if (!user.inDataScope) return failure(feishuErrors.noDataPermission(), call.logId);
	const ruleProblem = checkGroupRules(user, remedyDate, state.today(call.nowMs), state.remedies);
	if (ruleProblem) return failure(ruleProblem, call.logId);

	const dayNumber = dayNumberOf(remedyDate) ?? 0;
	const at = (minute: number): string => formatWallTime({ dayNumber, minute });
	const abnormal = slotsOfDay(user, remedyDate).filter((slot) => slot.result !== 'Normal');
	if (abnormal.length === 0) return failure(feishuErrors.noNeedRemedy(), call.logId);
	return success({
		user_allowed_remedys: abnormal.map((slot) => ({
			user_id: userId,
			remedy_date: remedyDate,
			is_free_punch: slot.workType === 0,
			punch_no: slot.punchNo,
			work_type: slot.workType,
			punch_status: slot.result,
			normal_punch_time: at(slot.scheduledMinute),
			remedy_start_time: at(slot.windowStartMinute),
			remedy_end_time: at(slot.windowEndMinute),
		})),
	});
};
