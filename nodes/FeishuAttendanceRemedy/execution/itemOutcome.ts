/**
 * What became of one input item, and how outcomes turn into the node's two outputs:
 * every input item lands in exactly one of them, in input order, linked to its input
 * by pairedItem. Items keep what they came with (json and binary); a Failed item adds
 * the error, and the request as built, so a row can be fixed and re-run.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ItemFailure } from './failure';

/**
 * Which request a failed item was about, under a name that says what it is. `remedy` is
 * always present for Create (null when the input could not be read), so the item never
 * looks like n8n's bare { error } item.
 */
export type FailedRequest =
	| { remedy: IDataObject | null }
	| { approval: IDataObject }
	| { slot_query: IDataObject }
	| { records_query: IDataObject }
	/** A query that could not even be read. */
	| Record<string, never>;

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

export function routeOutcomes(
	items: INodeExecutionData[],
	outcomes: ItemOutcome[],
): [INodeExecutionData[], INodeExecutionData[]] {
	const success: INodeExecutionData[] = [];
	const failedItems: INodeExecutionData[] = [];
	outcomes.forEach((outcome, index) => {
		const input = items[index];
		const pairedItem = { item: index };
		if ('success' in outcome) {
			for (const json of outcome.success) {
				success.push(withInput(input, outcome.keepInput ? { ...input.json, ...json } : json, pairedItem));
			}
			return;
		}
		failedItems.push(
			withInput(input, { ...input.json, ...outcome.request, error: errorJson(outcome.failure) }, pairedItem),
		);
	});
	return [success, failedItems];
}

function withInput(input: INodeExecutionData, json: IDataObject, pairedItem: { item: number }): INodeExecutionData {
	return input.binary === undefined ? { json, pairedItem } : { json, binary: input.binary, pairedItem };
}

function errorJson(failure: ItemFailure): IDataObject {
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
