import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { createRemedyAction } from './actions/createRemedy';
import { getAllowedSlotsAction } from './actions/getAllowedSlots';
import { getRemedyRecordsAction } from './actions/getRemedyRecords';
import { updateApprovalStatusAction } from './actions/updateApprovalStatus';
import { approvalFields } from './descriptions/approvalFields';
import { recordsFields } from './descriptions/recordsFields';
import { remedyFields } from './descriptions/remedyFields';
import { runOptionsField } from './descriptions/runOptions';
import { failedOutcome, invalidFieldFailure } from './execution/itemOutcome';
import { routeOutputs } from './execution/routeOutputs';
import { runAction } from './execution/runAction';
import type { RemedyAction } from './execution/runAction';
import { readRunOptions } from './execution/runOptions';
import type { RunOptions } from './execution/runOptions';
import { runFailureStops } from './execution/toolMode';

type Operation = 'createRemedy' | 'updateApprovalStatus' | 'getAllowedSlots' | 'getRemedyRecords';

// Each action plans and sends its own request type; the table only dispatches.
const ACTIONS: Record<Operation, RemedyAction<never>> = {
	createRemedy: createRemedyAction as RemedyAction<never>,
	updateApprovalStatus: updateApprovalStatusAction as RemedyAction<never>,
	getAllowedSlots: getAllowedSlotsAction as RemedyAction<never>,
	getRemedyRecords: getRemedyRecordsAction as RemedyAction<never>,
};

export class FeishuAttendanceRemedy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Feishu Attendance Remedy',
		name: 'feishuAttendanceRemedy',
		icon: { light: 'file:feishu.svg', dark: 'file:feishu.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ {"createRemedy": "Create remedy request", "updateApprovalStatus": "Update approval status", "getAllowedSlots": "Get allowed remedy slots", "getRemedyRecords": "Get remedy records"}[$parameter["operation"]] }}',
		description: 'Send punch corrections (补卡 remedies) to Feishu / Lark Attendance',
		defaults: { name: 'Feishu Attendance Remedy' },
		// As a tool, the description is what the agent reads first (unless the tool's own is set).
		usableAsTool: {
			replacements: {
				description:
					'Feishu / Lark Attendance remedies (补卡, punch corrections) for one person and day. Answers with ok: true and the result (for a created remedy its approval_id), or ok: false with error.code, error.msg and error.hint saying what to change. Dates as yyyy-MM-dd, times as HH:mm.',
			},
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Success', 'Failed'],
		credentials: [{ name: 'feishuApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Create Remedy Request',
						value: 'createRemedy',
						description: 'Write a pending punch correction into Feishu Attendance',
						action: 'Create a remedy request',
					},
					{
						name: 'Get Allowed Remedy Slots',
						value: 'getAllowedSlots',
						description: 'Which punches of a day may be remedied, and in which time window',
						action: 'Get allowed remedy slots',
					},
					{
						name: 'Get Remedy Records',
						value: 'getRemedyRecords',
						description: 'Remedies of some users in a time range, in any status',
						action: 'Get remedy records',
					},
					{
						name: 'Update Approval Status',
						value: 'updateApprovalStatus',
						description: 'Approve, reject or withdraw a remedy after the approval system decided',
						action: 'Update the approval status of a remedy',
					},
				],
				default: 'createRemedy',
			},
			...remedyFields,
			...approvalFields,
			...recordsFields,
			runOptionsField,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as Operation;
		let options: RunOptions;
		try {
			options = readRunOptions(this);
		} catch (error) {
			// A bad option fails the whole run. With continue-on-fail, n8n would pass the items
			// through to Success unsent; every item fails with the error instead.
			if (runFailureStops(this)) throw new NodeOperationError(this.getNode(), error as Error);
			const failure = invalidFieldFailure(error instanceof Error ? error.message : String(error), 'options');
			return routeOutputs(this, items, items.map(() => failedOutcome({ ...failure, wholeRun: true })));
		}
		const outcomes = await runAction(this, ACTIONS[operation], items.length, options);
		return routeOutputs(this, items, outcomes);
	}
}
