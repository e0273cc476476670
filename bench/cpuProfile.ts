/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark: runs in plain Node, never inside n8n */
/**
 * Where the CPU of a node run goes: V8's sampling profiler (through node:inspector, in
 * this process) over one run, each sample's self time charged to the component whose
 * code was running. Native frames (a socket connect, a write) are charged to the nearest
 * JavaScript caller's component, so `connect` counts as Node's TCP stack, not "other".
 * It runs separately from the measured phases: profiling slows what it watches.
 */
import { Session } from 'node:inspector';
import type { Profiler } from 'node:inspector';

export type Component =
	| 'node: our code (dist/)'
	| 'node: luxon date parsing'
	| 'n8n engine + helpers (n8n-core, n8n-workflow)'
	| 'credential helper (test/engine stand-in for n8n’s)'
	| 'HTTP client libraries (axios, follow-redirects, proxy-from-env)'
	| 'Node.js runtime (net, http, streams, timers)'
	| 'garbage collector'
	| 'V8 internals (compiler, runtime)'
	| 'benchmark instrumentation'
	| 'other';

export interface CpuShare {
	component: Component;
	/** Share of the main thread's sampled busy time. */
	share: number;
	msPerItem: number;
}

export interface CpuAttribution {
	items: number;
	/** Sampled busy time of the main thread (idle excluded), inflated somewhat by profiling. */
	busyMs: number;
	shares: CpuShare[];
}

const SAMPLING_INTERVAL_US = 500;

function componentOf(url: string, functionName: string): Component | undefined {
	if (functionName === '(garbage collector)') return 'garbage collector';
	if (functionName === '(program)') return 'V8 internals (compiler, runtime)';
	if (url === '') return undefined;
	if (url.includes('/node_modules/luxon/')) return 'node: luxon date parsing';
	if (url.includes('/dist/nodes/') || url.includes('/dist/credentials/')) return 'node: our code (dist/)';
	if (/\/node_modules\/(n8n-core|n8n-workflow|@n8n)\//.test(url))
		return 'n8n engine + helpers (n8n-core, n8n-workflow)';
	if (url.includes('/test/engine/')) return 'credential helper (test/engine stand-in for n8n’s)';
	if (/\/node_modules\/(axios|follow-redirects|proxy-from-env|form-data|combined-stream)\//.test(url)) {
		return 'HTTP client libraries (axios, follow-redirects, proxy-from-env)';
	}
	if (url.startsWith('node:')) return 'Node.js runtime (net, http, streams, timers)';
	if (url.includes('/bench/')) return 'benchmark instrumentation';
	return 'other';
}

/** Profiles `task` (one node run over `items` items) and charges its CPU to components. */
export async function attributeCpu(items: number, task: () => Promise<unknown>): Promise<CpuAttribution> {
	const session = new Session();
	session.connect();
	const post = async <T>(method: string, params: object = {}): Promise<T> =>
		await new Promise<T>((resolve, reject) => {
			session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T)));
		});
	try {
		await post('Profiler.enable');
		await post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
		await post('Profiler.start');
		let stopped: { profile: Profiler.Profile };
		try {
			await task();
		} finally {
			stopped = await post<{ profile: Profiler.Profile }>('Profiler.stop');
		}
		return attribute(stopped.profile, items);
	} finally {
		session.disconnect();
	}
}

function attribute(profile: Profiler.Profile, items: number): CpuAttribution {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parentOf = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

	const componentCache = new Map<number, Component>();
	const componentOfNode = (id: number): Component => {
		const cached = componentCache.get(id);
		if (cached) return cached;
		// Walk up to the first frame with code of its own; bounded by the tree's depth.
		let current: number | undefined = id;
		let component: Component = 'other';
		for (let depth = 0; current !== undefined && depth < 10_000; depth++) {
			const frame = byId.get(current)!.callFrame;
			const found = componentOf(frame.url, frame.functionName);
			if (found) {
				component = found;
				break;
			}
			current = parentOf.get(current);
		}
		componentCache.set(id, component);
		return component;
	};

	const totals = new Map<Component, number>();
	let busyUs = 0;
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	for (let i = 0; i < samples.length; i++) {
		const frame = byId.get(samples[i])!.callFrame;
		if (frame.functionName === '(idle)' || frame.functionName === '(root)') continue;
		// A sample's time is the gap to the next one.
		const us = deltas[i + 1] ?? 0;
		busyUs += us;
		const component = componentOfNode(samples[i]);
		totals.set(component, (totals.get(component) ?? 0) + us);
	}
	const shares = [...totals.entries()]
		.map(([component, us]) => ({ component, share: busyUs > 0 ? us / busyUs : 0, msPerItem: us / 1000 / items }))
		.sort((a, b) => b.share - a.share);
	return { items, busyMs: busyUs / 1000, shares };
}
