/**
 * Failures of a whole run rather than of one item: a bad option, a credential that is
 * refused, a host that cannot be reached. Whoever finds one throws a RunFailure; the node
 * handles it in one place, `settleRunFailure`.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invalidFieldFailure, messageOf } from './failure';
import type { ItemFailure } from './failure';
import { failed } from './itemOutcome';
import type { ItemOutcome } from './itemOutcome';
import { routeOutputs } from './routeOutputs';
import { runFailureStops } from './toolMode';

export class RunFailure extends Error {
	/** Items already settled before the run failed (bad items found while planning keep their own failure). */
	settled: Array<ItemOutcome | undefined> = [];

	constructor(readonly failure: ItemFailure) {
		super(failure.msg);
		this.name = 'RunFailure';
	}
}

/** A run option (or its expression) that cannot be used: the whole run is invalid input. */
export function optionsFailure(error: unknown, hint?: string): RunFailure {
	const failure = invalidFieldFailure(messageOf(error), 'options');
	return new RunFailure(hint === undefined ? failure : { ...failure, hint });
}

/**
 * Stops the node with an n8n error; with Continue On Fail, n8n would pass the items
 * through to Success unsent, so every item not settled before fails with the run's failure
 * instead (to n8n's Error output when that is on). As an AI tool the node never stops: the
 * failure is the call's answer.
 */
export function settleRunFailure(context: IExecuteFunctions, error: RunFailure): INodeExecutionData[][] {
	if (runFailureStops(context)) {
		throw new NodeOperationError(context.getNode(), error.failure.msg, { description: error.failure.hint });
	}
	const items = context.getInputData();
	const wholeRun = { ...error.failure, wholeRun: true };
	return routeOutputs(
		context,
		items,
		items.map((_, index) => error.settled[index] ?? failed(wholeRun)),
	);
}
