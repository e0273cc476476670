/**
 * What `n8n execute --id=<id> --rawOutput` prints, read back: the run's JSON sits among log lines,
 * from the first line that is exactly `{` to the next line that is exactly `}`. A run that printed
 * no such JSON ran nothing — n8n's CLI can exit 0 then — and is an error, never an empty success.
 */

export interface ExecutedItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number; input?: number }> | number;
}

export interface NodeRun {
	executionStatus?: string;
	error?: { message?: string; description?: string };
	data?: { main?: Array<ExecutedItem[] | null> };
}

export interface WorkflowRun {
	status?: string;
	finished?: boolean;
	mode?: string;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: { message?: string; description?: string };
			lastNodeExecuted?: string;
		};
	};
}

export function parseExecuteOutput(stdout: string): WorkflowRun {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	const end = start < 0 ? -1 : lines.findIndex((line, index) => index > start && line === '}');
	if (start < 0 || end < 0) {
		throw new Error(`n8n execute printed no execution result: it ran nothing. Its output:\n${tail(stdout)}`);
	}
	const run = JSON.parse(lines.slice(start, end + 1).join('\n')) as WorkflowRun;
	if (typeof run?.data?.resultData?.runData !== 'object') {
		throw new Error(`n8n execute printed JSON without resultData.runData:\n${tail(stdout)}`);
	}
	return run;
}

/** Items one node put on one of its outputs in its first run; [] when it sent nothing there. */
export function outputItems(run: WorkflowRun, nodeName: string, outputIndex = 0): ExecutedItem[] {
	const nodeRuns = run.data.resultData.runData[nodeName];
	if (!nodeRuns)
		throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(run.data.resultData.runData).join(', ')}`);
	return nodeRuns[0]?.data?.main?.[outputIndex] ?? [];
}

export function nodeRan(run: WorkflowRun, nodeName: string): boolean {
	return (run.data.resultData.runData[nodeName]?.length ?? 0) > 0;
}

function tail(text: string, lines = 40): string {
	return text.trim().split('\n').slice(-lines).join('\n');
}
