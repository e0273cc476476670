/**
 * Reads the node's Options once per run and checks them: a bad time zone is a
 * configuration error of the whole run, not of an item.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isValidTimeZone } from '../remedy/dateTime';
import type { FeishuClientOptions } from '../transport/feishuClient';

export interface RunOptions extends FeishuClientOptions {
	zone: string;
}

export function readRunOptions(context: IExecuteFunctions): RunOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const zone = String(options.timeZone ?? '').trim() || context.getTimezone();
	if (!isValidTimeZone(zone)) {
		throw new NodeOperationError(context.getNode(), `Time Zone "${zone}" is not an IANA time zone`, {
			description: 'Use a name such as Asia/Shanghai or Europe/Berlin, or leave it empty for the workflow time zone.',
		});
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
