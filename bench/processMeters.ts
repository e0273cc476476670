/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark: runs in plain Node, never inside n8n */
/**
 * What the benchmark reads off its own process while the node runs: wall time, CPU time
 * (`process.cpuUsage()`, user + system) and heap (`process.memoryUsage().heapUsed`,
 * sampled every 25 ms for the peak, and after a forced GC for what stays).
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const HEAP_SAMPLE_MS = 25;
/** The event-loop monitor's timer period; its histogram holds whole periods, so this is subtracted. */
const LOOP_DELAY_RESOLUTION_MS = 10;
/** Linux reports thread CPU in clock ticks of 1/100 s (CLK_TCK). */
const TICK_MS = 10;

/** V8's gc(), without starting node with --expose-gc (the npm script runs plain `tsx`). */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap in use after full collections: the live objects only. */
export function settledHeap(): number {
	for (let i = 0; i < 3; i++) gc();
	return process.memoryUsage().heapUsed;
}

/**
 * CPU of the main (JavaScript) thread alone, from /proc on Linux; undefined elsewhere.
 * process.cpuUsage() also counts V8's GC and compiler threads and libuv's pool.
 */
export function mainThreadCpuMs(): number | undefined {
	try {
		const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// utime and stime are fields 14 and 15 of stat(5); fields[0] here is field 3.
		return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
	} catch {
		return undefined;
	}
}

export interface Measured<T> {
	value: T;
	wallMs: number;
	/** Whole process: user + system, every thread. */
	cpuMs: number;
	/** Main thread only (10 ms resolution); undefined off Linux. */
	mainThreadCpuMs?: number;
	/** Heap in use after a forced GC just before the run. */
	baselineHeap: number;
	/** Highest heapUsed sampled during the run (every 25 ms and at its end): live objects plus garbage not yet collected. */
	peakHeap: number;
	/** Heap in use after a forced GC right after the run, while its result is still held. */
	retainedHeap: number;
	/** How late this process's event loop ran timers during the run (10 ms resolution): late timers mean late sends. */
	eventLoopDelayMs: { p50: number; p99: number; max: number };
}

/** Runs `task` once, measuring it; nothing else should run in this process meanwhile. */
export async function measure<T>(task: () => Promise<T>): Promise<Measured<T>> {
	const baselineHeap = settledHeap();
	let peakHeap = process.memoryUsage().heapUsed;
	const sample = (): void => {
		peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
	};
	const sampler = setInterval(sample, HEAP_SAMPLE_MS);
	const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
	loopDelay.enable();
	const cpuBefore = process.cpuUsage();
	const mainBefore = mainThreadCpuMs();
	const startedAt = performance.now();
	let value: T;
	try {
		value = await task();
	} finally {
		clearInterval(sampler);
		loopDelay.disable();
	}
	const wallMs = performance.now() - startedAt;
	const cpu = process.cpuUsage(cpuBefore);
	const mainAfter = mainThreadCpuMs();
	sample();
	const retainedHeap = settledHeap();
	return {
		value,
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		...(mainBefore !== undefined && mainAfter !== undefined ? { mainThreadCpuMs: mainAfter - mainBefore } : {}),
		baselineHeap,
		peakHeap,
		retainedHeap,
		eventLoopDelayMs: {
			p50: lateBy(loopDelay.percentile(50)),
			p99: lateBy(loopDelay.percentile(99)),
			max: lateBy(loopDelay.max),
		},
	};
}

/** A monitor period (ns) as how late the timer fired (ms). */
function lateBy(periodNs: number): number {
	return Math.max(0, periodNs / 1e6 - LOOP_DELAY_RESOLUTION_MS);
}

/** The middle, the tail and the worst of a set of timings. */
export interface Spread {
	p50: number;
	p95: number;
	max: number;
}

export function spread(values: readonly number[]): Spread {
	return { p50: percentile(values, 50), p95: percentile(values, 95), max: percentile(values, 100) };
}

/** The p-th percentile (0–100) by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
	return sorted[rank - 1];
}
