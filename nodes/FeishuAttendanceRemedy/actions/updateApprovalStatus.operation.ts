/**
 * Update Approval Status (通知审批状态更新): `POST /open-apis/attendance/v1/approval_infos/process`
 * tells Feishu what the third-party approval system decided about a remedy.
 * Only a pending remedy can be approved or rejected; only an approved one withdrawn.
 */
import type { IDataObject } from 'n8n-workflow';

import { failedOutcome, invalidFieldFailure } from '../execution/itemOutcome';
import { sendEach } from '../execution/runAction';
import type { RemedyAction } from '../execution/runAction';
import { renderValue } from '../remedy/remedyValidation';
import { statusName } from './remedyRecords';

export const APPROVAL_PATH = '/open-apis/attendance/v1/approval_infos/process';

/** Feishu's status numbers for a remedy approval decision. */
const DECISIONS: Record<string, 1 | 2 | 4> = { reject: 1, approve: 2, withdraw: 4, '1': 1, '2': 2, '4': 4 };

interface ApprovalUpdate {
	body: { approval_id: string; approval_type: 'remedy'; status: 1 | 2 | 4 };
	input: IDataObject;
}

const TRANSITION_HINT =
	'Feishu refused the change. Only a pending remedy can be approved or rejected, and only an approved one withdrawn: check its current status with Get Remedy Records. (状态流转不允许)';

export const updateApprovalStatusAction: RemedyAction<ApprovalUpdate> = {
	plan(context, itemIndex) {
		let approvalId: unknown;
		let decision: unknown;
		try {
			approvalId = context.getNodeParameter('approvalId', itemIndex);
			decision = context.getNodeParameter('approvalStatus', itemIndex);
		} catch (error) {
			return { ready: false, outcome: failedOutcome(invalidFieldFailure(`An expression failed: ${error instanceof Error ? error.message : String(error)}`, 'approval_id')) };
		}
		const id = typeof approvalId === 'number' && Number.isSafeInteger(approvalId) ? String(approvalId) : typeof approvalId === 'string' ? approvalId.trim() : '';
		if (!/^\d{1,32}$/.test(id)) {
			return {
				ready: false,
				outcome: failedOutcome(invalidFieldFailure(`Approval ID: got ${renderValue(approvalId)}; expected the numeric approval_id of a created remedy`, 'approval_id', renderValue(approvalId))),
			};
		}
		const status = DECISIONS[String(decision).trim().toLowerCase()];
		if (status === undefined) {
			return {
				ready: false,
				outcome: failedOutcome(invalidFieldFailure(`New Status: got ${renderValue(decision)}; expected "approve", "reject" or "withdraw"`, 'status', renderValue(decision))),
			};
		}
		return { ready: true, request: { body: { approval_id: id, approval_type: 'remedy', status }, input: context.getInputData()[itemIndex].json } };
	},

	async sendAll(client, items, options) {
		return await sendEach(items, options, async ({ body, input }) => {
			const result = await (client as NonNullable<typeof client>).call({ path: APPROVAL_PATH, body: { ...body } });
			if (!result.ok) {
				const failure = { ...result.failure };
				if (failure.code === 1220001) failure.hint = TRANSITION_HINT;
				if (failure.code === 1220004) failure.hint = 'Feishu has no remedy approval with this ID: use the approval_id a Create Remedy Request returned. (审批不存在)';
				return failedOutcome(failure, { ...body });
			}
			const info = (result.data.approval_info ?? {}) as IDataObject;
			const approvalInfo = { ...info, status_name: statusName(info.status) };
			// An input that is a remedy record carries the old status: it must not contradict the new one.
			const updated: IDataObject = { ...input, approval_info: approvalInfo };
			if ('status' in input) updated.status = info.status;
			if ('status_name' in input) updated.status_name = approvalInfo.status_name;
			return { success: [updated] };
		});
	},
};
