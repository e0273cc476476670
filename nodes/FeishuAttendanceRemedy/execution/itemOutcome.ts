/**
 * What became of one input item, and how outcomes turn into the node's two outputs:
 * every input item lands in exactly one of them, in input order, linked to its input
 * by pairedItem. Items keep what they came with (json and binary); a Failed item adds
 * the error, and the request as built, so a row can be fixed and re-run.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ItemFailure } from './failure';

/**
 * Which request a failed item was about, under a name that says what it is (null when the
 * input could not be read). It is always present, so a Failed item never looks like n8n's
 * bare { error } item, which n8n's error output would take for its own.
 */
export type FailedRequest =
	| { remedy: IDataObject | null }
	| { approval: IDataObject | null }
	| { slot_query: IDataObject | null }
	| { records_query: IDataObject | null };

export type ItemOutcome =
	/** One input can give several success items (a query returning records); each is merged over the input or stands alone. */
	{ success: IDataObject[]; keepInput: boolean } | { failure: ItemFailure; request: FailedRequest };

/** Success items built on the input: the input's fields stay, binary included. */
export function succeeded(...json: IDataObject[]): ItemOutcome {
	return { success: json, keepInput: true };
}

/** Success items that are new data (slots, records): they keep the input's binary, not its fields. */
export function produced(json: IDataObject[]): ItemOutcome {
	return { success: json, keepInput: false };
}

export function failed(failure: ItemFailure, request: FailedRequest = { remedy: null }): ItemOutcome {
	return { failure, request };
}

export type SucceededOutcome = Extract<ItemOutcome, { success: IDataObject[] }>;
export type FailedOutcome = Extract<ItemOutcome, { failure: ItemFailure }>;

/** How a failed outcome becomes its output item (n8n's error output needs another shape). */
export type FailedItemShape = (input: INodeExecutionData, outcome: FailedOutcome, index: number) => INodeExecutionData;

export function routeOutcomes(
	items: INodeExecutionData[],
	outcomes: ItemOutcome[],
	failedItem: FailedItemShape = failedOutputItem,
): [INodeExecutionData[], INodeExecutionData[]] {
	const success: INodeExecutionData[] = [];
	const failedItems: INodeExecutionData[] = [];
	outcomes.forEach((outcome, index) => {
		const input = items[index];
		if ('success' in outcome) {
			for (const json of outcome.success)
				success.push(withInput(input, successJson(input, outcome, json), { item: index }));
			return;
		}
		failedItems.push(failedItem(input, outcome, index));
	});
	return [success, failedItems];
}

export function successJson(input: INodeExecutionData, outcome: SucceededOutcome, json: IDataObject): IDataObject {
	return outcome.keepInput ? { ...input.json, ...json } : json;
}

export function failedJson(input: INodeExecutionData, outcome: FailedOutcome): IDataObject {
	return { ...input.json, ...outcome.request, error: errorJson(outcome.failure) };
}

export function failedOutputItem(input: INodeExecutionData, outcome: FailedOutcome, index: number): INodeExecutionData {
	return withInput(input, failedJson(input, outcome), { item: index });
}

export function withInput(
	input: INodeExecutionData,
	json: IDataObject,
	pairedItem: { item: number },
): INodeExecutionData {
	return input.binary === undefined ? { json, pairedItem } : { json, binary: input.binary, pairedItem };
}

/** A failure as an output item's `error`. */
export function errorJson(failure: ItemFailure): IDataObject {
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
