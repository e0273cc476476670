/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark: runs in plain Node, never inside n8n */
/**
 * The node's phases of the benchmark: the compiled node run by n8n-core's WorkflowExecute
 * (through the test harness) over bench rows, measured from our process, and read back
 * from the sandbox's counters and request log. One phase = reset the sandbox, run, read.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

import type { INodeParameters } from 'n8n-workflow';

import type { RecordedRequest, SandboxSettings, SandboxStats } from '../sandbox';
import { runRemedyNode, sandboxCredential } from '../test/engine/runRemedyNode';
import type { RemedyRun } from '../test/engine/runRemedyNode';
import { asInputRow } from './benchRemedies';
import type { BenchRemedies } from './benchRemedies';
import { attributeCpu } from './cpuProfile';
import type { CpuAttribution } from './cpuProfile';
import { ItemTimings } from './itemTimings';
import type { ItemTiming } from './itemTimings';
import { measure, spread } from './processMeters';
import type { Measured, Spread } from './processMeters';
import type { SandboxProcess } from './sandboxProcess';

/** The create call (the sandbox's code stays out of this process: it runs as a child). */
export const CREATE_PATH = '/open-apis/attendance/v1/user_task_remedys';
/** The records query, which the re-run check asks (pending and approved, at once). */
export const RECORDS_PATH = '/open-apis/attendance/v1/user_task_remedys/query';
export const TENANT_ACCESS_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
export const RATE_LIMITED_CODE = 99991400;

export const AUTO_MAP: INodeParameters = {
	operation: 'createRemedy',
	mappingMode: 'autoMap',
	employeeType: 'employee_id',
	options: {},
};

// The node's process-wide token cache, from the same compiled module the harness loads
// (dist/ has no type declarations, hence createRequire and the cast).
const loadCompiled = createRequire(__filename);
const { processTokens } = loadCompiled('../dist/nodes/FeishuAttendanceRemedy/transport/tenantToken.js') as {
	processTokens: { invalidate(app: { baseUrl: string; appId: string; appSecret: string }, token: string): void };
};

export interface BenchContext {
	sandbox: SandboxProcess;
	settings: Partial<SandboxSettings>;
	remedies: BenchRemedies;
}

/** What the sandbox saw of one phase. */
export interface SandboxFigures {
	createRequests: number;
	/** `${status}:${code}` → count, for the create path. */
	createOutcomes: Record<string, number>;
	rateLimited: number;
	tokenRequests: number;
	/** Every API path the phase called → requests (the token endpoint and create, unless the node grows pre-checks). */
	requestsByPath: Record<string, number>;
	/** Most create requests that arrived within one wall-clock second (the sandbox's window). */
	busiestSecond: number;
}

export interface BranchCounts {
	success: number;
	failed: number;
	/** Failed items whose error is Feishu's 99991400 (frequency limit). */
	failedRateLimited: number;
	/** category → count of failed items. */
	failedByCategory: Record<string, number>;
	/** The node stopped with an error instead of routing items. */
	nodeError?: string;
}

export interface ProcessFigures {
	wallMs: number;
	/** How late timers ran in this process during the run: the limiter's sends are timers. */
	eventLoopDelayMs: { p50: number; p99: number; max: number };
	/** process.cpuUsage() over the run / items: every thread of this process. */
	cpuMsPerItem: number;
	/** The main thread's share of it (Linux only). */
	mainThreadCpuMsPerItem?: number;
	peakHeapBytesPerItem: number;
	retainedHeapBytesPerItem: number;
}

export interface TimingFigures {
	/** Items whose answer was observed (should equal the items sent). */
	timedItems: number;
	/** Node run start → the item's final answer arrived. */
	sinceRunStartMs: Spread;
	/** The item's first attempt left our process → its final answer arrived. */
	sinceFirstAttemptMs: Spread;
	/** Items sent more than once (a retry after 99991400, a stale token, …). */
	retriedItems: number;
	/** Most create requests this process sent within one wall-clock second (compare busiestSecond, by arrival). */
	busiestSecondBySendTime: number;
}

export interface NodePhaseResult {
	items: number;
	requestsPerSecond: number;
	branches: BranchCounts;
	sandbox: SandboxFigures;
	process: ProcessFigures;
	timing?: TimingFigures;
	/** Only for the stall phase: the stalls injected. */
	stalls?: { ms: number; everyMs: number; count: number };
}

/** A fresh sandbox state for the next phase, with the benchmark's settings. */
export async function freshSandbox(context: BenchContext): Promise<void> {
	await context.sandbox.reset();
	await context.sandbox.configure(context.settings);
}

export interface NodePhaseOptions {
	timeItems: boolean;
	/** The node's Options for the run (default: none set, so every default applies). */
	nodeOptions?: INodeParameters;
	/** Blocks this process's event loop for `ms` across window edges, `everyMs` apart, as other work in a busy n8n would. */
	stalls?: { ms: number; everyMs: number };
}

/**
 * Runs the node once over `items` fresh remedies. With `timeItems`, each item's request
 * and answer are timed (see itemTimings.ts); that bookkeeping is then part of the CPU
 * and heap figures, a few hundred bytes and a few µs per item.
 */
export async function runNodePhase(
	context: BenchContext,
	items: number,
	options: NodePhaseOptions,
): Promise<NodePhaseResult> {
	await freshSandbox(context);
	const rows = context.remedies.take(items).map(asInputRow);
	const credential = sandboxCredential(context.sandbox.baseUrl, context.sandbox.appId, context.sandbox.appSecret);
	const timings = new ItemTimings(CREATE_PATH);
	let itemTimings: ItemTiming[] = [];
	let runStartedAt = 0;
	let stalls = 0;
	const measured = await measure(async () => {
		runStartedAt = performance.now();
		if (options.timeItems) timings.start();
		const stopStalls = options.stalls ? stallAcrossWindowEdges(options.stalls.ms, options.stalls.everyMs) : undefined;
		try {
			return await runRemedyNode({
				items: rows,
				parameters: { ...AUTO_MAP, options: options.nodeOptions ?? {} },
				credential,
			});
		} finally {
			stalls = stopStalls?.() ?? 0;
			itemTimings = timings.stop();
		}
	});
	const sandbox = await readSandbox(context);
	return {
		items,
		requestsPerSecond: sandbox.createRequests / (measured.wallMs / 1000),
		branches: branchCounts(measured.value),
		sandbox,
		process: processFigures(measured, items),
		timing: options.timeItems ? timingFigures(itemTimings, timings.sendTimes, runStartedAt) : undefined,
		...(options.stalls ? { stalls: { ...options.stalls, count: stalls } } : {}),
	};
}

/**
 * Blocks the event loop for `ms`, at least `everyMs` apart, each stall centred on a
 * wall-clock second: the edge of the sandbox's (and, we assume, Feishu's) fixed windows.
 * That is where a stall costs: sends due before the edge go out after it, in the next
 * window. A stall at a random moment lands across an edge with probability ms / 1000.
 * Returns a stop function giving the number of stalls.
 */
function stallAcrossWindowEdges(ms: number, everyMs: number): () => number {
	let count = 0;
	let timer: NodeJS.Timeout | undefined;
	const scheduleAfter = (gapMs: number): void => {
		const now = Date.now();
		const edge = Math.ceil((now + gapMs + ms / 2) / 1000) * 1000;
		timer = setTimeout(
			() => {
				const until = performance.now() + ms;
				while (performance.now() < until) {
					// Blocking on purpose: timers due meanwhile, the limiter's included, fire late.
				}
				count++;
				scheduleAfter(everyMs);
			},
			edge - ms / 2 - now,
		);
	};
	scheduleAfter(0);
	return () => {
		clearTimeout(timer);
		return count;
	};
}

/** One more run under V8's sampling profiler, to say which component spends the CPU. */
export async function runProfiledPhase(context: BenchContext, items: number): Promise<CpuAttribution> {
	await freshSandbox(context);
	const rows = context.remedies.take(items).map(asInputRow);
	const credential = sandboxCredential(context.sandbox.baseUrl, context.sandbox.appId, context.sandbox.appSecret);
	const attribution = await attributeCpu(
		items,
		async () => await runRemedyNode({ items: rows, parameters: AUTO_MAP, credential }),
	);
	await readSandbox(context);
	return attribution;
}

export interface TwoWorkflowsResult {
	itemsPerWorkflow: number;
	wallMs: number;
	/** Create requests of both runs / wall time from their common start until both ended. */
	combinedRequestsPerSecond: number;
	/** Most create requests both runs sent within one wall-clock second, by our clock. */
	busiestSecondBySendTime: number;
	eventLoopDelayMs: { p50: number; p99: number; max: number };
	workflows: Array<{ wallMs: number; branches: BranchCounts }>;
	sandbox: SandboxFigures;
}

/** Two executions of the node at once in this process, same app: they must share one budget. */
export async function runTwoWorkflowsPhase(
	context: BenchContext,
	itemsPerWorkflow: number,
): Promise<TwoWorkflowsResult> {
	await freshSandbox(context);
	const credential = sandboxCredential(context.sandbox.baseUrl, context.sandbox.appId, context.sandbox.appSecret);
	const rowSets = [
		context.remedies.take(itemsPerWorkflow).map(asInputRow),
		context.remedies.take(itemsPerWorkflow).map(asInputRow),
	];
	const timings = new ItemTimings(CREATE_PATH);
	const measured = await measure(async () => {
		const startedAt = performance.now();
		timings.start();
		try {
			return await Promise.all(
				rowSets.map(async (rows) => {
					const run = await runRemedyNode({ items: rows, parameters: AUTO_MAP, credential });
					return { wallMs: performance.now() - startedAt, branches: branchCounts(run) };
				}),
			);
		} finally {
			timings.stop();
		}
	});
	const sandbox = await readSandbox(context);
	return {
		itemsPerWorkflow,
		wallMs: measured.wallMs,
		combinedRequestsPerSecond: sandbox.createRequests / (measured.wallMs / 1000),
		busiestSecondBySendTime: busiestSecond(timings.sendTimes),
		eventLoopDelayMs: measured.eventLoopDelayMs,
		workflows: measured.value,
		sandbox,
	};
}

/**
 * Reads the phase's counters and request log. A sandbox reset revokes every token, while
 * the node keeps its token in a process-wide cache (as in n8n, where Feishu never revokes
 * it): the node's token is dropped here, so each phase starts as a fresh n8n process would,
 * with one token exchange, instead of spending requests on a token the bench revoked.
 */
export async function readSandbox(context: BenchContext): Promise<SandboxFigures> {
	const stats = await context.sandbox.stats();
	const log = await context.sandbox.requests();
	forgetNodeTokens(context, log);
	return sandboxFigures(stats, log);
}

function forgetNodeTokens(context: BenchContext, log: RecordedRequest[]): void {
	const { baseUrl, appId, appSecret } = context.sandbox;
	const tokens = new Set(
		log
			.map((request) => /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1])
			.filter((t) => t !== undefined),
	);
	for (const token of tokens) processTokens.invalidate({ baseUrl, appId, appSecret }, token);
}

export function sandboxFigures(stats: SandboxStats, log: RecordedRequest[]): SandboxFigures {
	const createOutcomes = stats.byPath[CREATE_PATH] ?? {};
	const total = (outcomes: Record<string, number>): number =>
		Object.values(outcomes).reduce((sum, count) => sum + count, 0);
	return {
		createRequests: total(createOutcomes),
		createOutcomes,
		rateLimited: stats.rateLimited,
		tokenRequests: stats.tokenRequests,
		requestsByPath: Object.fromEntries(Object.entries(stats.byPath).map(([path, outcomes]) => [path, total(outcomes)])),
		busiestSecond: busiestSecond(log.filter((request) => request.path === CREATE_PATH).map((request) => request.at)),
	};
}

/** Most of `times` (ms since the epoch) within one wall-clock second: the sandbox's fixed windows. */
function busiestSecond(times: number[]): number {
	const perSecond = new Map<number, number>();
	for (const at of times) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
	return Math.max(0, ...perSecond.values());
}

function branchCounts(run: RemedyRun): BranchCounts {
	const failedByCategory: Record<string, number> = {};
	let failedRateLimited = 0;
	for (const item of run.failed) {
		const error = (item.json.error ?? {}) as { category?: string; code?: number };
		const category = String(error.category ?? 'unknown');
		failedByCategory[category] = (failedByCategory[category] ?? 0) + 1;
		if (error.code === RATE_LIMITED_CODE) failedRateLimited++;
	}
	return {
		success: run.success.length,
		failed: run.failed.length,
		failedRateLimited,
		failedByCategory,
		...(run.error ? { nodeError: run.error.message } : {}),
	};
}

function processFigures(measured: Measured<RemedyRun>, items: number): ProcessFigures {
	return {
		wallMs: measured.wallMs,
		eventLoopDelayMs: measured.eventLoopDelayMs,
		cpuMsPerItem: measured.cpuMs / items,
		...(measured.mainThreadCpuMs !== undefined ? { mainThreadCpuMsPerItem: measured.mainThreadCpuMs / items } : {}),
		peakHeapBytesPerItem: (measured.peakHeap - measured.baselineHeap) / items,
		retainedHeapBytesPerItem: (measured.retainedHeap - measured.baselineHeap) / items,
	};
}

function timingFigures(timings: ItemTiming[], sendTimes: number[], runStartedAt: number): TimingFigures {
	const sinceStart = timings.map((t) => t.answeredAt - runStartedAt);
	const sinceFirst = timings.map((t) => t.answeredAt - t.firstSentAt);
	return {
		timedItems: timings.length,
		sinceRunStartMs: spread(sinceStart),
		sinceFirstAttemptMs: spread(sinceFirst),
		retriedItems: timings.filter((t) => t.attempts > 1).length,
		busiestSecondBySendTime: busiestSecond(sendTimes),
	};
}
