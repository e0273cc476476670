/**
 * The node as an AI tool (usableAsTool): an AI Agent or n8n's MCP Server Trigger calls it
 * with the arguments its `$fromAI()` expressions ask for, and hands back to the agent only
 * the node's first output (n8n-core get-input-connection-data; the agent's engine requests
 * read the same). With two outputs, a refused remedy would come back as an empty answer.
 * So in tool mode every input item gives exactly one item on the first output: `ok: true`
 * with what Success would hold (the approval ID), or `ok: false` with the error's code,
 * message and hint. A whole-run failure (credential, host, option) is such an answer too:
 * thrown, it reaches an MCP client as an exception text with n8n's stack trace.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { failedJson, successJson } from './itemOutcome';
import type { ItemOutcome } from './itemOutcome';

/**
 * n8n runs a node as a tool under its own type name plus "Tool"
 * (`…feishuAttendanceRemedyTool`): the rule n8n's `@tool` display option uses too. It holds
 * for both ways a tool runs (supplied to the agent, or executed on the agent's request).
 */
export function runsAsTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** Whether a whole-run failure stops the node with an n8n error (else each item fails with it). */
export function runFailureStops(context: IExecuteFunctions): boolean {
	return !context.continueOnFail() && !runsAsTool(context);
}

export function routeAsToolResults(items: INodeExecutionData[], outcomes: ItemOutcome[]): INodeExecutionData[][] {
	// Binary stays out: n8n drops it from a tool's answer anyway, with a warning.
	const results = outcomes.map((outcome, index) => ({
		json: toolResult(items[index], outcome),
		pairedItem: { item: index },
	}));
	return [results, []];
}

function toolResult(input: INodeExecutionData, outcome: ItemOutcome): IDataObject {
	if ('failure' in outcome) return { ok: false, ...failedJson(input, outcome) };
	const answers = outcome.success.map((json) => successJson(input, outcome, json));
	// A query can answer with several items (or none): the agent gets them as one list.
	if (answers.length === 1) return { ok: true, ...answers[0] };
	return { ok: true, count: answers.length, results: answers };
}
