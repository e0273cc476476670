import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createRemedyAction } from './actions/createRemedy';
import { createRemedyFields } from './descriptions/createRemedyFields';
import { runOptionsField } from './descriptions/runOptions';
import { routeOutcomes } from './execution/itemOutcome';
import { runAction } from './execution/runAction';
import type { RemedyAction } from './execution/runAction';
import { readRunOptions } from './execution/runOptions';

type Operation = 'createRemedy';

// Each action plans and sends its own request type; the table only dispatches.
const ACTIONS: Record<Operation, RemedyAction<never>> = {
	createRemedy: createRemedyAction as RemedyAction<never>,
};

export class FeishuAttendanceRemedy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Feishu Attendance Remedy',
		name: 'feishuAttendanceRemedy',
		icon: { light: 'file:feishu.svg', dark: 'file:feishu.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ {"createRemedy": "Create remedy request"}[$parameter["operation"]] }}',
		description: 'Send punch corrections (补卡 remedies) to Feishu / Lark Attendance',
		defaults: { name: 'Feishu Attendance Remedy' },
		usableAsTool: true,
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
				],
				default: 'createRemedy',
			},
			...createRemedyFields,
			runOptionsField,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as Operation;
		const options = readRunOptions(this);
		const outcomes = await runAction(this, ACTIONS[operation], items.length, options);
		return routeOutcomes(items, outcomes);
	}
}
