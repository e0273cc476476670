/**
 * The typed table of operations: the Operation selector's value → its operation. Every
 * operation has the same type (see operation.ts), so the table needs no casts, and
 * adding a name to OperationName makes the compiler ask for both its entry and its
 * option in the selector.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { createRemedyOperation } from './createRemedy.operation';
import { getAllowedSlotsOperation } from './getAllowedSlots.operation';
import { getRemedyRecordsOperation } from './getRemedyRecords.operation';
import type { RemedyOperation } from './operation';
import { remedyFields } from './shared/remedyFields';
import { optionsCollection } from './shared/runOptions';
import { updateApprovalStatusOperation } from './updateApprovalStatus.operation';

export type OperationName = 'createRemedy' | 'updateApprovalStatus' | 'getAllowedSlots' | 'getRemedyRecords';

export const OPERATIONS: Record<OperationName, RemedyOperation> = {
	createRemedy: createRemedyOperation,
	updateApprovalStatus: updateApprovalStatusOperation,
	getAllowedSlots: getAllowedSlotsOperation,
	getRemedyRecords: getRemedyRecordsOperation,
};

/** The selector's entries, alphabetical as n8n lists them. */
const SELECTOR: Record<OperationName, Omit<INodePropertyOptions, 'value'>> = {
	createRemedy: {
		name: 'Create Remedy Request',
		description: 'Write a pending punch correction into Feishu Attendance',
		action: 'Create a remedy request',
	},
	getAllowedSlots: {
		name: 'Get Allowed Remedy Slots',
		description: 'Which punches of a day may be remedied, and in which time window',
		action: 'Get allowed remedy slots',
	},
	getRemedyRecords: {
		name: 'Get Remedy Records',
		description: 'Remedies of some users in a time range, in any status',
		action: 'Get remedy records',
	},
	updateApprovalStatus: {
		name: 'Update Approval Status',
		description: 'Approve, reject or withdraw a remedy after the approval system decided',
		action: 'Update the approval status of a remedy',
	},
};

function isOperationName(value: unknown): value is OperationName {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(OPERATIONS, value);
}

/** The operation a run asked for; an unknown name is a defect of the workflow file. */
export function operationNamed(value: unknown): RemedyOperation | undefined {
	return isOperationName(value) ? OPERATIONS[value] : undefined;
}

const NAMES = Object.keys(SELECTOR).filter(isOperationName);

/** The node's properties: the selector, the shared remedy fields, each operation's own fields, the Options. */
export const operationProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: NAMES.map((value) => ({ ...SELECTOR[value], value })),
		default: 'createRemedy',
	},
	...remedyFields,
	...getAllowedSlotsOperation.properties,
	...updateApprovalStatusOperation.properties,
	...getRemedyRecordsOperation.properties,
	...createRemedyOperation.properties,
	optionsCollection(NAMES.map((operation) => ({ operation, options: OPERATIONS[operation].options }))),
];
