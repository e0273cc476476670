/**
 * `POST /open-apis/attendance/v1/approval_infos/process` (通知审批状态更新) for remedies:
 * pending → approved (2) or rejected (1); approved → withdrawn (4). The sandbox stores remedies
 * only, so another known approval_type finds nothing (1220004); any other refusal is 1220001.
 */

import type { Handler } from '../apiCall';
import { failure, success } from '../envelope';
import { feishuErrors } from '../feishuErrors';
import { readApprovalProcess, readJsonObject } from './requestFields';

export const processApproval: Handler = (call, state) => {
	const body = readJsonObject(call);
	if (!body.ok) return failure(body.failure, call.logId);
	const fields = readApprovalProcess(body.value);
	if (!fields.ok) return failure(fields.failure, call.logId);
	const { approvalId, approvalType, status } = fields.value;
	if (approvalType !== 'remedy') return failure(feishuErrors.approvalNotFound(), call.logId);

	const result = state.remedies.transition(approvalId, status, call.nowMs);
	if (!result.ok) {
		return failure(
			result.reason === 'unknown'
				? feishuErrors.approvalNotFound()
				: feishuErrors.transitionNotAllowed(result.from, status),
			call.logId,
		);
	}
	return success({
		approval_info: { approval_id: approvalId, approval_type: approvalType, status: result.remedy.status },
	});
};
