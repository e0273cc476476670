/**
 * Options shared by every operation: time zone, pacing and retries.
 */
import type { INodeProperties } from 'n8n-workflow';

export const runOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Catch Duplicate Rows',
			name: 'catchDuplicateRows',
			type: 'boolean',
			default: true,
			description:
				'Whether an item for the same user, day, punch and work type as an earlier item of the run goes to Failed as its duplicate instead of being sent',
			displayOptions: { show: { '/operation': ['createRemedy'] } },
		},
		{
			displayName: 'Check Allowed Slots First',
			name: 'checkAllowedSlots',
			type: 'boolean',
			default: false,
			description:
				"Whether to ask Feishu for the day's allowed remedy slots before creating: a remedy time outside every allowed window goes to Failed with the windows, and Punch \"From Allowed Slots\" is filled from the one slot that fits. Costs one extra request per user and day.",
			displayOptions: { show: { '/operation': ['createRemedy'] } },
		},
		{
			displayName: 'Check Existing Remedies',
			name: 'checkExistingRemedies',
			type: 'boolean',
			default: false,
			description:
				'Whether to look up pending and approved remedies already in Feishu for the same users and days, and send nothing for a slot that has one',
			displayOptions: { show: { '/operation': ['createRemedy'] } },
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 5,
			description:
				'How often one request is retried after a rate-limit refusal or a connection that could not be made (and, with Retry Server Errors, after server errors)',
		},
		{
			displayName: 'Request Timeout (Ms)',
			name: 'timeoutMs',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 30000,
			description: 'How long to wait for Feishu to answer one request',
		},
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 50,
			description:
				"Feishu allows 50 per second per app; every execution in this n8n process shares the budget. In queue mode, set it to 50 divided by the number of workers that may run this node at once.",
		},
		{
			displayName: 'Retry Server Errors',
			name: 'retryServerErrors',
			type: 'boolean',
			default: false,
			description:
				'Whether to also retry server errors (HTTP 5xx), timeouts and connections broken after sending. Risk: Feishu may already have written the remedy, and a retry can create a second pending remedy for the same punch.',
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: '',
			placeholder: 'Asia/Shanghai',
			description: "IANA time zone in which dates and times are read; empty uses the workflow's time zone",
		},
		{
			displayName: 'Validate Only (Dry Run)',
			name: 'validateOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether to map, validate and check (allowed slots and duplicates, when on) without creating anything. Items are routed as in a real run and marked dry_run.',
			displayOptions: { show: { '/operation': ['createRemedy'] } },
		},
	],
};
