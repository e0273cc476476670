/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark: runs in plain Node, never inside n8n */
/**
 * One independent n8n engine process of the multi-process figure: its own node module, so
 * its own rate limiter and token cache, as an n8n queue-mode worker has. Reads its job (a
 * JSON file named by argv[2]), loads n8n-core and the compiled node, prints a ready line,
 * waits for a line on stdin (so all processes start together), runs the node once over its
 * rows, and prints one result line.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runRemedyNode, sandboxCredential } from '../test/engine/runRemedyNode';

export interface WorkerJob {
	baseUrl: string;
	appId: string;
	appSecret: string;
	rows: IDataObject[];
}

export interface WorkerResult {
	success: number;
	failed: number;
	/** category → failed items */
	failedByCategory: Record<string, number>;
	startedAt: number;
	finishedAt: number;
	nodeError?: string;
}

const AUTO_MAP: INodeParameters = {
	operation: 'createRemedy',
	mappingMode: 'autoMap',
	employeeType: 'employee_id',
	options: {},
};

async function main(): Promise<void> {
	const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as WorkerJob;
	const credential = sandboxCredential(job.baseUrl, job.appId, job.appSecret);
	const lines = createInterface({ input: process.stdin });
	const go = new Promise<void>((resolve) => lines.once('line', () => resolve()));
	process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
	await go;
	lines.close();
	const startedAt = Date.now();
	const run = await runRemedyNode({ items: job.rows, parameters: AUTO_MAP, credential });
	const failedByCategory: Record<string, number> = {};
	for (const item of run.failed) {
		const category = String((item.json.error as { category?: string } | undefined)?.category ?? 'unknown');
		failedByCategory[category] = (failedByCategory[category] ?? 0) + 1;
	}
	const result: WorkerResult = {
		success: run.success.length,
		failed: run.failed.length,
		failedByCategory,
		startedAt,
		finishedAt: Date.now(),
		...(run.error ? { nodeError: run.error.message } : {}),
	};
	process.stdout.write(`${JSON.stringify({ result })}\n`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);
