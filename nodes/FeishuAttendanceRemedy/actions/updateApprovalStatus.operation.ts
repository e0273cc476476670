/**
 * Update Approval Status (通知审批状态更新): `POST /open-apis/attendance/v1/approval_infos/process`
 * tells Feishu what the third-party approval system decided about a remedy.
 * Only a pending remedy can be approved or rejected; only an approved one withdrawn.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { expressionFailure, invalidFieldFailure } from '../execution/failure';
import { renderValue } from '../remedy/remedyValidation';
import { objectAt } from '../transport/envelope';
import { defineOperation, settleEach } from './operation';
import { statusName } from './shared/remedyRecords';

export const APPROVAL_PATH = '/open-apis/attendance/v1/approval_infos/process';

const show = { show: { operation: ['updateApprovalStatus'] } };

const approvalFields: INodeProperties[] = [
	{
		displayName: 'Approval ID',
		name: 'approvalId',
		type: 'string',
		default: '={{ $json.approval_id }}',
		required: true,
		description: 'The approval_id a Create Remedy Request returned (the default reads it from the incoming item)',
		displayOptions: show,
	},
	{
		displayName: 'New Status',
		name: 'approvalStatus',
		type: 'options',
		options: [
			{ name: 'Approve', value: 'approve', description: 'A pending remedy was approved (status 2)' },
			{ name: 'Reject', value: 'reject', description: 'A pending remedy was rejected (status 1)' },
			{ name: 'Withdraw', value: 'withdraw', description: 'An approved remedy was withdrawn (status 4)' },
		],
		default: 'approve',
		description: 'Only a pending remedy can be approved or rejected; only an approved one withdrawn',
		displayOptions: show,
	},
];

/** Feishu's status numbers for a remedy approval decision. */
const DECISIONS: Record<string, 1 | 2 | 4> = { reject: 1, approve: 2, withdraw: 4, '1': 1, '2': 2, '4': 4 };

interface ApprovalUpdate {
	approval_id: string;
	approval_type: 'remedy';
	status: 1 | 2 | 4;
}

const TRANSITION_HINT =
	'Feishu refused the change. Only a pending remedy can be approved or rejected, and only an approved one withdrawn: check its current status with Get Remedy Records. (状态流转不允许)';

const UNKNOWN_APPROVAL_HINT =
	'Feishu has no remedy approval with this ID: use the approval_id a Create Remedy Request returned. (审批不存在)';

export const updateApprovalStatusOperation = defineOperation<null, ApprovalUpdate>({
	properties: approvalFields,
	unplanned: { approval: null },

	readSettings: () => null,

	plan(context, itemIndex) {
		let approvalId: unknown;
		try {
			approvalId = context.getNodeParameter('approvalId', itemIndex);
		} catch (error) {
			return { ready: false, failure: expressionFailure('approvalId', 'approval_id', error) };
		}
		let decision: unknown;
		try {
			decision = context.getNodeParameter('approvalStatus', itemIndex);
		} catch (error) {
			return { ready: false, failure: expressionFailure('approvalStatus', 'status', error) };
		}
		const id =
			typeof approvalId === 'number' && Number.isSafeInteger(approvalId)
				? String(approvalId)
				: typeof approvalId === 'string'
					? approvalId.trim()
					: '';
		if (!/^\d{1,32}$/.test(id)) {
			return {
				ready: false,
				failure: invalidFieldFailure(
					`Approval ID: got ${renderValue(approvalId)}; expected the numeric approval_id of a created remedy`,
					'approval_id',
					renderValue(approvalId),
				),
			};
		}
		const status = DECISIONS[String(decision).trim().toLowerCase()];
		if (status === undefined) {
			return {
				ready: false,
				failure: invalidFieldFailure(
					`New Status: got ${renderValue(decision)}; expected "approve", "reject" or "withdraw"`,
					'status',
					renderValue(decision),
				),
			};
		}
		return { ready: true, plan: { approval_id: id, approval_type: 'remedy', status } };
	},

	async run(batch, feishu, _settings, options) {
		if (!feishu) return;
		await settleEach(batch, options, async (record) => {
			const result = await feishu.call({ path: APPROVAL_PATH, body: { ...record.plan } });
			if (!result.ok) {
				const failure = { ...result.failure };
				if (failure.code === 1220001) failure.hint = TRANSITION_HINT;
				if (failure.code === 1220004) failure.hint = UNKNOWN_APPROVAL_HINT;
				return record.fail(failure, { approval: { ...record.plan } });
			}
			const info = objectAt(result.data, 'approval_info');
			const approvalInfo = { ...info, status_name: statusName(info.status) };
			// An input that is a remedy record carries the old status: it must not contradict the new one.
			const updated: IDataObject = { approval_info: approvalInfo };
			if ('status' in record.input) updated.status = info.status;
			if ('status_name' in record.input) updated.status_name = approvalInfo.status_name;
			record.succeed(updated);
		});
	},
});
