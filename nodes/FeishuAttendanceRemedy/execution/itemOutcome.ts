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

export function routeOutcomes(items: INodeExecutionData[], outcomes: ItemOutcome[]): [INodeExecutionData[], INodeExecutionData[]] {
	const success: INodeExecutionData[] = [];
	const failed: INodeExecutionData[] = [];
	outcomes.forEach((outcome, index) => {
		const pairedItem = { item: index };
		if ('success' in outcome) {
			for (const json of outcome.success) success.push({ json, pairedItem });
			return;
		}
		failed.push({ json: failedItemJson(items[index].json, outcome.failure, outcome.remedy), pairedItem });
	});
	return [success, failed];
}

function failedItemJson(input: IDataObject, failure: ItemFailure, remedy: IDataObject | null): IDataObject {
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
	// `remedy` is always present, so the item never looks like n8n's bare { error } item.
	return { ...input, remedy, error };
}
