/**
 * The one failure value of the node: what the Failed output shows for an item (and what
 * a whole-run failure says). Every failure is built by `failure()`, which fills the
 * defaults, so a new kind of failure states only what is particular to it.
 */
import type { FailureCategory } from '../transport/errorCatalogue';

export interface ItemFailure {
	category: FailureCategory;
	/** Feishu's code, when Feishu answered with one. */
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
	/** The failure is the whole run's (credential, host, an option), not this item's. */
	wholeRun?: boolean;
}

type FailureParts = Pick<ItemFailure, 'category' | 'msg' | 'hint'> & Partial<ItemFailure>;

/** A failure with the defaults of one nobody answered for: no code, no HTTP status, no log id, safe to retry. */
export function failure(parts: FailureParts): ItemFailure {
	const { field, value, ...rest } = parts;
	return {
		code: null,
		httpStatus: null,
		logId: null,
		retrySafe: true,
		...rest,
		...(field === undefined ? {} : { field }),
		...(value === undefined ? {} : { value }),
	};
}

/** Bad input found before sending: names the field (in Feishu's naming) and the value. */
export function invalidFieldFailure(msg: string, field: string, value?: string): ItemFailure {
	return failure({
		category: 'invalid_input',
		msg,
		hint: 'Fix the value in the row (or the expression) and run the item again. Nothing was sent to Feishu.',
		field,
		value,
	});
}

/** A parameter's expression threw for this item. */
export function expressionFailure(parameter: string, field: string, error: unknown): ItemFailure {
	return invalidFieldFailure(`The expression of ${parameter} failed: ${messageOf(error)}`, field);
}

/** A defect of ours, not Feishu's answer: the item may or may not have been sent. */
export function unexpectedFailure(error: unknown): ItemFailure {
	return failure({
		category: 'server',
		msg: messageOf(error),
		hint: 'Unexpected error in the node. Check Feishu for this item before sending it again, and report the message.',
		retrySafe: false,
	});
}

export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
