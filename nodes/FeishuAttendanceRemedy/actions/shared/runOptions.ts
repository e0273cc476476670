/**
 * The Options collection: the run options every operation shares (time zone, pacing,
 * retries), read once per run; an operation adds its own entries (shown for it only).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isValidTimeZone } from '../../remedy/dateTime';
import { optionsFailure } from '../../execution/runFailure';
import type { FeishuClientOptions } from '../../transport/feishuClient';

export interface RunOptions extends FeishuClientOptions {
	zone: string;
}

const SHARED_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 20 },
		default: 5,
		description:
			"How often one request is retried after a connection that could not be made, or a rate-limit refusal while none of the app's requests get through (and, with Retry Server Errors, after server errors). Refusals while other requests get through only mean the budget is shared, and are always waited out.",
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
			"The pace of this execution's requests. Feishu allows 50 per second per app and API; every execution in this n8n process shares that budget, and each also keeps to its own setting here. In queue mode, set it to 50 divided by the number of workers that may run this node at once.",
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
];

/** The collection, with each operation's own entries shown for that operation only; sorted by name as n8n lists them. */
export function optionsCollection(
	ownOptions: Array<{ operation: string; options: INodeProperties[] }>,
): INodeProperties {
	const own = ownOptions.flatMap(({ operation, options }) =>
		options.map((option) => ({ ...option, displayOptions: { show: { '/operation': [operation] } } })),
	);
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...SHARED_OPTIONS, ...own].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The Options of the run, read once (at the first item) and checked: a bad one fails the run. */
export function readOptions(context: IExecuteFunctions): IDataObject {
	try {
		return context.getNodeParameter('options', 0, {}) as IDataObject;
	} catch (error) {
		throw optionsFailure(error);
	}
}

export function readRunOptions(context: IExecuteFunctions): RunOptions {
	const options = readOptions(context);
	const zone = String(options.timeZone ?? '').trim() || context.getTimezone();
	if (!isValidTimeZone(zone)) {
		throw optionsFailure(
			new Error(`Time Zone "${zone}" is not an IANA time zone`),
			'Use a name such as Asia/Shanghai or Europe/Berlin, or leave it empty for the workflow time zone.',
		);
	}
	return {
		zone,
		requestsPerSecond: positiveNumber(options.requestsPerSecond, 50),
		maxRetries: Math.max(0, Math.floor(positiveNumber(options.maxRetries, 5, true))),
		timeoutMs: positiveNumber(options.timeoutMs, 30000),
		retryServerErrors: options.retryServerErrors === true,
	};
}

function positiveNumber(value: unknown, fallback: number, zeroAllowed = false): number {
	const number = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(number) || number < 0 || (number === 0 && !zeroAllowed)) return fallback;
	return number;
}
