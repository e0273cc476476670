/**
 * n8n's Settings → On Error → "Continue (using error output)". n8n then gives the node a
 * third output, Error, and after the node returns it moves there every item that has
 * `item.error` or whose json holds only `error` (or `error` and `message`), merging in the
 * json of the input item it pairs with (n8n-core WorkflowExecute.handleNodeErrorOutput).
 * Whatever the node returns as a third output is replaced, so the item's shape is what routes.
 *
 * Our split: a whole-run failure (credential rejected, host unreachable, a bad option) goes
 * to Error — nothing was sent for the item; a per-item failure stays on Failed (its json also
 * carries the request it was about, e.g. `remedy`, so n8n leaves it there); Success stays
 * Success. Every item lands in exactly one output.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorJson, failedOutputItem, routeOutcomes, withInput } from './itemOutcome';
import type { FailedOutcome, ItemOutcome } from './itemOutcome';

export function usesErrorOutput(context: IExecuteFunctions): boolean {
	return context.getNode().onError === 'continueErrorOutput';
}

export function routeWithErrorOutput(items: INodeExecutionData[], outcomes: ItemOutcome[]): INodeExecutionData[][] {
	return routeOutcomes(items, outcomes, (input, outcome, index) =>
		outcome.failure.wholeRun ? errorOutputItem(input, outcome, index) : failedOutputItem(input, outcome, index),
	);
}

/** `{ error }` alone (binary kept): n8n moves it to Error and puts the input item's fields back itself. */
function errorOutputItem(input: INodeExecutionData, outcome: FailedOutcome, index: number): INodeExecutionData {
	return withInput(input, { error: errorJson(outcome.failure) }, { item: index });
}
