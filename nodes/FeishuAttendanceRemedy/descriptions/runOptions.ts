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
	],
};
