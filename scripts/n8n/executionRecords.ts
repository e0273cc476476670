/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tool: reads n8n's execution records over its REST API, in plain Node */
/**
 * n8n's own record of executions, read the way the editor reads them: the list
 * (GET /rest/executions) and one execution with its run data (GET /rest/executions/:id), whose
 * `data` n8n stores "flatted" (a JSON form of a graph) — parsed with n8n's own copy of flatted.
 */

import { createRequire } from 'node:module';

import type { N8nInstallation } from './install';
import type { N8nInstance } from './n8nInstance';

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	finished: boolean;
	mode: string;
}

export interface NodeOutputs {
	/** Items of each output of the node's first run, by output index. */
	outputs: Array<Array<{ json: Record<string, unknown> }>>;
}

export async function listExecutions(n8n: N8nInstance, workflowId: string): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const answer = await n8n.rest<{ results: ExecutionSummary[] }>('GET', `/rest/executions?filter=${filter}`);
	if (answer.status !== 200)
		throw new Error(`GET /rest/executions: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
	return (answer.body.data?.results ?? []).map((execution) => ({ ...execution, id: String(execution.id) }));
}

/** The outputs of `nodeName` in an execution, from n8n's stored run data. */
export async function nodeOutputs(
	n8n: N8nInstance,
	installation: N8nInstallation,
	executionId: string,
	nodeName: string,
): Promise<NodeOutputs> {
	const answer = await n8n.rest<{ data: string }>('GET', `/rest/executions/${executionId}`);
	if (answer.status !== 200 || typeof answer.body.data?.data !== 'string') {
		throw new Error(
			`GET /rest/executions/${executionId}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`,
		);
	}
	const flatted = createRequire(installation.bin)('flatted') as { parse(text: string): unknown };
	const data = flatted.parse(answer.body.data.data) as {
		resultData?: {
			runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>>;
		};
	};
	const runs = data.resultData?.runData?.[nodeName];
	if (!runs || runs.length === 0) throw new Error(`execution ${executionId} has no run of "${nodeName}"`);
	return { outputs: (runs[0].data?.main ?? []).map((items) => items ?? []) };
}
