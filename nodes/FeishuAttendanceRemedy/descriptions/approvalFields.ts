/**
 * Update Approval Status: which remedy approval, and what the approval system decided.
 */
import type { INodeProperties } from 'n8n-workflow';

const show = { show: { operation: ['updateApprovalStatus'] } };

export const approvalFields: INodeProperties[] = [
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
