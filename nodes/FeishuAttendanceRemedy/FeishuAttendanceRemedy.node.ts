import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { operationNamed, operationProperties } from './actions/router';
import { readRunOptions } from './actions/shared/runOptions';
import { routeOutputs } from './execution/routeOutputs';
import { RunFailure, settleRunFailure } from './execution/runFailure';
import { testFeishuCredential } from './transport/credentialTest';

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
		credentials: [{ name: 'feishuApi', required: true, testedBy: 'feishuApiTenantToken' }],
		properties: operationProperties,
	};

	methods = { credentialTest: { feishuApiTenantToken: testFeishuCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = operationNamed(this.getNodeParameter('operation', 0));
		if (!operation)
			throw new NodeOperationError(
				this.getNode(),
				`Unknown operation "${String(this.getNodeParameter('operation', 0))}"`,
			);
		try {
			const outcomes = await operation.execute(this, readRunOptions(this));
			return routeOutputs(this, this.getInputData(), outcomes);
		} catch (error) {
			// Bad options, a refused credential, an unreachable host: the run's failure, handled in one place.
			if (error instanceof RunFailure) return settleRunFailure(this, error);
			throw new NodeOperationError(this.getNode(), error instanceof Error ? error : String(error));
		}
	}
}
