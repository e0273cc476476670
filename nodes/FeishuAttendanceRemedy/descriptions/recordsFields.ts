/**
 * Get Remedy Records: whose remedies, in which time range, in which statuses.
 */
import type { INodeProperties } from 'n8n-workflow';

const show = { show: { operation: ['getRemedyRecords'] } };

export const recordsFields: INodeProperties[] = [
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		default: '={{ $json.user_id }}',
		required: true,
		description:
			'One or more IDs, separated by commas or new lines, or an expression returning a list. Items asking the same question are answered together, 50 users per request.',
		displayOptions: show,
	},
	{
		displayName: 'From',
		name: 'rangeFrom',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2021-07-01',
		description: 'Start of the range (a date means its 00:00), compared with the remedy time',
		displayOptions: show,
	},
	{
		displayName: 'To',
		name: 'rangeTo',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2021-07-31',
		description: 'End of the range (a date means its 23:59:59)',
		displayOptions: show,
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: [
			{ name: 'Approved', value: 'approved' },
			{ name: 'Cancelled', value: 'cancelled' },
			{ name: 'Pending', value: 'pending' },
			{ name: 'Rejected', value: 'rejected' },
			{ name: 'Withdrawn', value: 'withdrawn' },
		],
		default: ['pending', 'rejected', 'approved', 'cancelled', 'withdrawn'],
		description:
			"Which records to return. Feishu's API returns approved remedies only unless asked for a status, so each status chosen here is one request per 50 users.",
		displayOptions: show,
	},
];
