/**
 * What became of one input item, and how outcomes turn into the node's two outputs:
 * every input item lands in exactly one of them, in input order, linked to its input
 * by pairedItem. Failed items keep the input's fields so a row can be fixed and re-run.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { FailureCategory } from '../transport/errorCatalogue';

export interface ItemFailure {
	category: FailureCategory;
	code: number | null;
	msg: string;
	hint: string;
	/** True when Feishu certainly wrote nothing for this item, so sending it again cannot duplicate. */
	retrySafe: boolean;
	httpStatus: number | null;
	logId: string | null;
	/** For invalid input: the field (in Feishu's naming) and the value it held. */
	field?: string;
	value?: string;
	/** The failure concerns the whole run (credential, host, an option), not this item. */
	wholeRun?: boolean;
}

export type ItemOutcome =
	/** One input can give several success items (a query returning records). */
	| { success: IDataObject[] }
	| { failure: ItemFailure; remedy: IDataObject | null };

/** Bad input found before sending: names the field (in Feishu's naming) and the value. */
export function invalidFieldFailure(msg: string, field: string, value?: string): ItemFailure {
	return {
		category: 'invalid_input',
		code: null,
		msg,
		hint: 'Fix the value in the row (or the expression) and run the item again. Nothing was sent to Feishu.',
		retrySafe: true,
		httpStatus: null,
		logId: null,
		field,
		...(value === undefined ? {} : { value }),
	};
}

export function failedOutcome(failure: ItemFailure, remedy: IDataObject | null = null): ItemOutcome {
	return { failure, remedy };
}

export type FailedOutcome = Extract<ItemOutcome, { failure: ItemFailure }>;

/** How a failed outcome becomes its output item; the plain one keeps the input's fields. */
export type FailedItemShape = (input: INodeExecutionData, outcome: FailedOutcome, index: number) => INodeExecutionData;

export function routeOutcomes(
	items: INodeExecutionData[],
	outcomes: ItemOutcome[],
	failedItem: FailedItemShape = failedOutputItem,
): [INodeExecutionData[], INodeExecutionData[]] {
	const success: INodeExecutionData[] = [];
	const failed: INodeExecutionData[] = [];
	outcomes.forEach((outcome, index) => {
		if ('success' in outcome) {
			for (const json of outcome.success) success.push({ json, pairedItem: { item: index } });
			return;
		}
		failed.push(failedItem(items[index], outcome, index));
	});
	return [success, failed];
}

export function failedOutputItem(input: INodeExecutionData, outcome: FailedOutcome, index: number): INodeExecutionData {
	return { json: failedItemJson(input.json, outcome.failure, outcome.remedy), pairedItem: { item: index } };
}

export function failedItemJson(input: IDataObject, failure: ItemFailure, remedy: IDataObject | null): IDataObject {
	// `remedy` is always present, so the item never looks like n8n's bare { error } item, and
	// n8n's error output (Continue using error output) leaves a per-item failure on Failed.
	return { ...input, remedy, error: failureJson(failure) };
}

/** A failure as it appears in an output item's `error`. */
export function failureJson(failure: ItemFailure): IDataObject {
	const error: IDataObject = {
		category: failure.category,
		code: failure.code,
		msg: failure.msg,
		hint: failure.hint,
		retry_safe: failure.retrySafe,
		http_status: failure.httpStatus,
		log_id: failure.logId,
	};
	if (failure.field !== undefined) error.field = failure.field;
	if (failure.value !== undefined) error.value = failure.value;
	return error;
}
