/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark: runs in plain Node, never inside n8n */
/**
 * The multi-process figure: 1, 2 and 4 independent n8n engine processes (each its own
 * node module, limiter and token cache, as n8n queue-mode workers are) sending one app's
 * remedies to one sandbox at once, and how fast one process is back at the limit when the
 * other of two finishes. Every figure is read from the sandbox's request log: which
 * process sent a request is told by its remedy (each process has its own rows).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import type { RecordedRequest } from '../sandbox';
import { asInputRow } from './benchRemedies';
import { CREATE_PATH, RATE_LIMITED_CODE, freshSandbox } from './nodeRuns';
import type { BenchContext } from './nodeRuns';
import type { WorkerJob, WorkerResult } from './multiprocessWorker';

const WORKER = join(__dirname, 'multiprocessWorker.ts');
/** Loading n8n-core and the node takes a few seconds per process on a loaded machine. */
const READY_TIMEOUT_MS = 120_000;
/** At 50/s, 4,000 items take 80 s: any run is over well within this. */
const RUN_TIMEOUT_MS = 15 * 60_000;
/** Recovered: back at this share of the limit over one second. */
const RECOVERED_AT = 0.9;

export interface ProcessFigures {
	items: number;
	success: number;
	failed: number;
	failedByCategory: Record<string, number>;
	/** Its create requests Feishu accepted / refused with 99991400. */
	accepted: number;
	refused: number;
	/** Its accepted requests per second while every process was sending. */
	sharePerSecond: number;
	nodeError?: string;
}

export interface MultiprocessRun {
	processes: number;
	/** First create request's arrival → last one's, at the sandbox. */
	spanMs: number;
	createRequests: number;
	refused: number;
	/** Accepted create requests / span. */
	combinedPerSecond: number;
	/** Accepted create requests per second while every process was sending (first arrival of the last to start → last arrival of the first to end). */
	combinedWhileAllRanPerSecond: number;
	failedItems: number;
	busiestSecond: number;
	tokenRequests: number;
	perProcess: ProcessFigures[];
}

export interface RecoveryFigures {
	run: MultiprocessRun;
	/** From the short run's last accepted request until the long run was back at 0.9 × the limit over one second; null if it never was. */
	recoveredAfterMs: number | null;
	/** The long run's accepted requests per second in the 10 s after the short one finished. */
	rateInTenSecondsAfter: number;
}

export interface MultiprocessResults {
	itemsPerProcess: number;
	runs: MultiprocessRun[];
	recovery?: RecoveryFigures;
}

export interface MultiprocessOptions {
	counts: number[];
	itemsPerProcess: number;
	/** Items of the two processes of the recovery run (short, long); undefined skips it. */
	recoveryItems?: [number, number];
	log: (line: string) => void;
}

export async function runMultiprocessPhase(
	context: BenchContext,
	options: MultiprocessOptions,
): Promise<MultiprocessResults> {
	const runs: MultiprocessRun[] = [];
	for (const count of options.counts) {
		options.log(
			`multi-process: ${count} × ${options.itemsPerProcess} items in ${count} n8n engine process${count === 1 ? '' : 'es'}…`,
		);
		runs.push(
			(
				await runProcesses(
					context,
					Array.from({ length: count }, () => options.itemsPerProcess),
				)
			).run,
		);
	}
	let recovery: RecoveryFigures | undefined;
	if (options.recoveryItems) {
		const [short, long] = options.recoveryItems;
		options.log(`multi-process: recovery, ${short} and ${long} items in two processes…`);
		const { run, acceptedAt } = await runProcesses(context, [short, long]);
		recovery = recoveryFigures(run, acceptedAt, context.settings.rateLimitPerSecond ?? 50);
	}
	return { itemsPerProcess: options.itemsPerProcess, runs, recovery };
}

/** Starts one engine process per entry of `items`, lets them all go at once, and reads the sandbox. */
async function runProcesses(
	context: BenchContext,
	items: number[],
): Promise<{ run: MultiprocessRun; acceptedAt: number[][] }> {
	await freshSandbox(context);
	const remedies = items.map((count) => context.remedies.take(count));
	const owner = new Map<string, number>();
	remedies.forEach((list, index) =>
		list.forEach((remedy) => owner.set(remedyKey(remedy.employeeId, remedy.remedyDate), index)),
	);
	const directory = mkdtempSync(join(tmpdir(), 'feishu-bench-multiprocess-'));
	const workers: ChildProcess[] = [];
	try {
		const ready: Array<Promise<void>> = [];
		const results: Array<Promise<WorkerResult>> = [];
		remedies.forEach((list, index) => {
			const job: WorkerJob = {
				baseUrl: context.sandbox.baseUrl,
				appId: context.sandbox.appId,
				appSecret: context.sandbox.appSecret,
				rows: list.map(asInputRow),
			};
			const file = join(directory, `job-${index}.json`);
			writeFileSync(file, JSON.stringify(job));
			// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- the benchmark's own worker script, fixed arguments
			const child = spawn(process.execPath, ['--import', 'tsx', WORKER, file], {
				cwd: join(__dirname, '..'),
				stdio: ['pipe', 'pipe', 'pipe'],
			});
			workers.push(child);
			const lines = readLines(child, index);
			ready.push(lines.ready);
			results.push(lines.result);
		});
		await withTimeout(Promise.all(ready), READY_TIMEOUT_MS, 'the engine processes did not get ready');
		for (const child of workers) child.stdin?.write('go\n');
		const finished = await withTimeout(Promise.all(results), RUN_TIMEOUT_MS, 'the engine processes did not finish');
		const stats = await context.sandbox.stats();
		const log = (await context.sandbox.requests()).filter((request) => request.path === CREATE_PATH);
		return figures(items, finished, log, owner, stats.tokenRequests);
	} finally {
		for (const child of workers) if (child.exitCode === null) child.kill('SIGKILL');
		rmSync(directory, { recursive: true, force: true });
	}
}

function figures(
	items: number[],
	results: WorkerResult[],
	log: RecordedRequest[],
	owner: Map<string, number>,
	tokenRequests: number,
): { run: MultiprocessRun; acceptedAt: number[][] } {
	const acceptedAt: number[][] = items.map(() => []);
	const refused = items.map(() => 0);
	const allAccepted: number[] = [];
	for (const request of log) {
		const index = owner.get(requestKey(request.body));
		if (index === undefined) continue;
		if (request.outcome.code === RATE_LIMITED_CODE) refused[index]++;
		else if (request.outcome.code === 0) {
			acceptedAt[index].push(request.at);
			allAccepted.push(request.at);
		}
	}
	const arrivals = log.map((request) => request.at);
	const first = Math.min(...arrivals);
	const last = Math.max(...arrivals);
	const overlapFrom = Math.max(...acceptedAt.map((times) => times[0] ?? first));
	const overlapTo = Math.min(...acceptedAt.map((times) => times[times.length - 1] ?? last));
	const perSecond = (times: number[], from: number, to: number): number =>
		to > from ? times.filter((t) => t >= from && t <= to).length / ((to - from) / 1000) : Number.NaN;
	const perProcess = items.map(
		(count, index): ProcessFigures => ({
			items: count,
			success: results[index].success,
			failed: results[index].failed,
			failedByCategory: results[index].failedByCategory,
			accepted: acceptedAt[index].length,
			refused: refused[index],
			sharePerSecond: perSecond(acceptedAt[index], overlapFrom, overlapTo),
			...(results[index].nodeError ? { nodeError: results[index].nodeError } : {}),
		}),
	);
	const run: MultiprocessRun = {
		processes: items.length,
		spanMs: last - first,
		createRequests: log.length,
		refused: refused.reduce((sum, n) => sum + n, 0),
		combinedPerSecond: allAccepted.length / ((last - first) / 1000),
		combinedWhileAllRanPerSecond: perSecond(allAccepted, overlapFrom, overlapTo),
		failedItems: results.reduce((sum, r) => sum + r.failed, 0),
		busiestSecond: busiestSecond(arrivals),
		tokenRequests,
		perProcess,
	};
	return { run, acceptedAt };
}

function recoveryFigures(run: MultiprocessRun, acceptedAt: number[][], limit: number): RecoveryFigures {
	const [short, long] = acceptedAt;
	const shortEnd = short[short.length - 1];
	const longEnd = long[long.length - 1];
	const inSecond = (from: number): number => long.filter((t) => t >= from && t < from + 1000).length;
	let recoveredAfterMs: number | null = null;
	for (let from = shortEnd; from + 1000 <= longEnd; from += 50) {
		if (inSecond(from) >= RECOVERED_AT * limit) {
			recoveredAfterMs = from + 1000 - shortEnd;
			break;
		}
	}
	const tenSeconds = Math.min(10_000, longEnd - shortEnd);
	return {
		run,
		recoveredAfterMs,
		rateInTenSecondsAfter: long.filter((t) => t > shortEnd && t <= shortEnd + tenSeconds).length / (tenSeconds / 1000),
	};
}

function remedyKey(employeeId: string, remedyDate: number): string {
	return `${employeeId}|${remedyDate}`;
}

function requestKey(body: unknown): string {
	const fields = (typeof body === 'object' && body !== null ? body : {}) as {
		user_id?: unknown;
		remedy_date?: unknown;
	};
	return remedyKey(String(fields.user_id), Number(fields.remedy_date));
}

function busiestSecond(times: number[]): number {
	const perSecond = new Map<number, number>();
	for (const at of times) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
	return Math.max(0, ...perSecond.values());
}

/** The worker's ready line and its result line; rejects if it exits first. */
function readLines(child: ChildProcess, index: number): { ready: Promise<void>; result: Promise<WorkerResult> } {
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr = (stderr + chunk.toString('utf8')).slice(-4000);
	});
	const lines = createInterface({ input: child.stdout! });
	let markReady: () => void = () => undefined;
	let deliver: (result: WorkerResult) => void = () => undefined;
	let fail: (error: Error) => void = () => undefined;
	const ready = new Promise<void>((resolve, reject) => {
		markReady = resolve;
		child.once('exit', (code) =>
			reject(new Error(`engine process ${index + 1} exited (code ${code}) before it was ready\n${stderr}`)),
		);
	});
	const result = new Promise<WorkerResult>((resolve, reject) => {
		deliver = resolve;
		fail = reject;
	});
	child.once('exit', (code) =>
		fail(new Error(`engine process ${index + 1} exited (code ${code}) without a result\n${stderr}`)),
	);
	lines.on('line', (line) => {
		if (!line.startsWith('{')) return;
		const message = JSON.parse(line) as { ready?: boolean; result?: WorkerResult };
		if (message.ready) markReady();
		if (message.result) deliver(message.result);
	});
	// Neither rejection may go unhandled while the other is awaited.
	ready.catch(() => undefined);
	result.catch(() => undefined);
	return { ready, result };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}
