/**
 * The fields of a remedy: who, which day, which punch, when and why. Create Remedy
 * Request uses them all; Get Allowed Remedy Slots only who and which day (and Get Remedy
 * Records the Employee ID Type). Every field
 * takes expressions; "Map Automatically" reads them from the item's columns instead.
 */
import type { INodeProperties } from 'n8n-workflow';

import { FROM_COLUMN_NAMES } from '../../remedy/employeeTypeChoice';

const CREATE = 'createRemedy';
const SLOTS = 'getAllowedSlots';

const EMPLOYEE_ID = {
	name: 'Employee ID',
	value: 'employee_id',
	description: 'The user ID shown in Feishu Admin > Organization > Members (员工 ID)',
};
const EMPLOYEE_NUMBER = {
	name: 'Employee Number',
	value: 'employee_no',
	description: 'The employee number (工号) shown in the member details',
};
// Looked up with Feishu's contacts first: needs the scopes contact:user.id:readonly and contact:user.employee_id:readonly.
const EMAIL = {
	name: 'Email',
	value: 'email',
	description: "The person's email in Feishu, looked up to their employee ID first (needs the app's contact scopes)",
};
const MOBILE_NUMBER = {
	name: 'Mobile Number',
	value: 'mobile',
	description:
		"The person's mobile in Feishu, looked up to their employee ID first; outside mainland China with + and the country code",
};

const defineBelow = (operations: string[]) => ({ show: { operation: operations, mappingMode: ['defineBelow'] } });

export const remedyFields: INodeProperties[] = [
	{
		displayName: 'Mapping',
		name: 'mappingMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Define Below',
				value: 'defineBelow',
				description: 'Set each field, with expressions where the values come from the item',
			},
			{
				name: 'Map Automatically',
				value: 'autoMap',
				description:
					'Read the fields from columns such as user_id, remedy_date, punch_no, work_type, remedy_time, reason (also camelCase and 工号, 补卡日期, 补卡时间, 补卡原因)',
			},
		],
		default: 'defineBelow',
		displayOptions: { show: { operation: [CREATE, SLOTS] } },
	},
	{
		displayName: 'Employee ID Type',
		name: 'employeeType',
		type: 'options',
		options: [EMPLOYEE_ID, EMPLOYEE_NUMBER, EMAIL, MOBILE_NUMBER],
		default: 'employee_id',
		description: 'Which ID the user IDs are',
		displayOptions: { show: { operation: [CREATE, SLOTS, 'getRemedyRecords'] }, hide: { mappingMode: ['autoMap'] } },
	},
	{
		// The same parameter under Map Automatically, where it may also be read from the row.
		displayName: 'Employee ID Type',
		name: 'employeeType',
		type: 'options',
		options: [
			{
				name: 'From Column Names',
				value: FROM_COLUMN_NAMES,
				description:
					"An employee_type column, else the user ID column's name: employee_no / 工号 hold employee numbers, employee_id / user_id employee IDs, email / 邮箱 emails and mobile / 手机号 mobile numbers",
			},
			EMPLOYEE_ID,
			EMPLOYEE_NUMBER,
			EMAIL,
			MOBILE_NUMBER,
		],
		default: FROM_COLUMN_NAMES,
		description: 'Which ID the user IDs are. An explicit choice is never overridden by a column.',
		displayOptions: { show: { operation: [CREATE, SLOTS], mappingMode: ['autoMap'] } },
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'abd754f7',
		description:
			'The employee ID, employee number, email or mobile number of the person, as chosen in Employee ID Type',
		displayOptions: defineBelow([CREATE, SLOTS]),
	},
	{
		displayName: 'Remedy Date',
		name: 'remedyDate',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2021-07-01',
		description:
			'The attendance day: 2021-07-01, 20210701, 2021/7/1, 2021年7月1日, Jul 1, 2021, an Excel date number, an ISO date-time or epoch milliseconds. 01/02/2021 (day and month unclear) is refused.',
		displayOptions: defineBelow([CREATE, SLOTS]),
	},
	{
		displayName: 'Punch',
		name: 'punch',
		type: 'options',
		options: [
			{ name: '1st On/Off Duty Pair', value: '0' },
			{ name: '2nd On/Off Duty Pair', value: '1' },
			{ name: '3rd On/Off Duty Pair', value: '2' },
			{
				name: 'Free Schedule',
				value: 'free',
				description: 'Groups without fixed punch times; sends punch 0 and work type 0',
			},
			{
				name: 'From Allowed Slots',
				value: 'auto',
				description:
					'Take punch and work type from the one allowed slot whose window holds the remedy time (needs Check Allowed Slots First)',
			},
		],
		default: '0',
		description: 'Which punch of the day to correct: shifts have up to three on/off duty pairs',
		displayOptions: defineBelow([CREATE]),
	},
	{
		displayName: 'Work Type',
		name: 'workType',
		type: 'options',
		options: [
			{ name: 'On Duty (Clock In)', value: 'on_duty' },
			{ name: 'Off Duty (Clock Out)', value: 'off_duty' },
		],
		default: 'on_duty',
		displayOptions: { ...defineBelow([CREATE]), hide: { punch: ['free', 'auto'] } },
	},
	{
		displayName: 'Remedy Time',
		name: 'remedyTime',
		type: 'string',
		default: '',
		required: true,
		placeholder: '08:00',
		description:
			'The punch time to record: 08:00, 6:30 PM, 下午6:30 or an Excel time (on the remedy date), or a full date-time such as 2021-07-02 02:00 (the next day, for overnight shifts)',
		displayOptions: defineBelow([CREATE]),
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Forgot to clock in',
		description: 'Why the punch is corrected; shown to approvers in Feishu',
		displayOptions: defineBelow([CREATE]),
	},
];
