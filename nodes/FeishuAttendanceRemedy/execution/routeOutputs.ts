/**
 * Which outputs the node's outcomes go to, by how n8n runs it: as an AI tool (one answer per
 * item on the first output), with n8n's error output (whole-run failures to Error), or
 * plainly (Success / Failed).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeWithErrorOutput, usesErrorOutput } from './errorOutput';
import { routeOutcomes } from './itemOutcome';
import type { ItemOutcome } from './itemOutcome';
import { routeAsToolResults, runsAsTool } from './toolMode';

export function routeOutputs(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	outcomes: ItemOutcome[],
): INodeExecutionData[][] {
	if (runsAsTool(context)) return routeAsToolResults(items, outcomes);
	if (usesErrorOutput(context)) return routeWithErrorOutput(items, outcomes);
	return routeOutcomes(items, outcomes);
}
