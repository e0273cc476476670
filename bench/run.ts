/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark: runs in plain Node, never inside n8n */
/**
 * `npm run bench [-- options]`: the compiled node inside n8n's WorkflowExecute against the
 * Feishu sandbox (a child process with Feishu's 50 requests/s limit and injected latency),
 * next to the sequential loop users write without it. Prints a table and writes the
 * figures to bench/results/. See bench/README.md for what each figure means.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { mkdirSync, writeFileSync } from 'node:fs';

import { BenchRemedies } from './benchRemedies';
import { runMultiprocessPhase } from './multiprocess';
import type { MultiprocessOptions, MultiprocessResults } from './multiprocess';
import { checkMultiprocessTargets, formatMultiprocessMarkdown, formatMultiprocessText } from './multiprocessReport';
import { runFormLikePhase } from './formLike';
import { runNodePhase, runProfiledPhase, runTwoWorkflowsPhase } from './nodeRuns';
import type { BenchContext, NodePhaseResult } from './nodeRuns';
import { checkTargets, formatText, writeResults } from './report';
import type { BenchResults, BenchSettings, Environment } from './report';
import { startSandboxProcess } from './sandboxProcess';
import { runSequentialBaseline } from './sequentialBaseline';

const USAGE = `Usage: npm run bench -- [options]

  --items <n>                 items of the main node run (default 2000; quick 300)
  --baseline-items <n>        items of the sequential baseline (default 200; quick 50)
  --latency <ms>              latency the sandbox adds to every answer (default 50)
  --jitter <ms>               random extra latency in [0, ms) (default 10)
  --rate-limit <n>            the sandbox's limit, requests/s per app per API (default 50)
  --sweep / --no-sweep        run the size sweep (default on)
  --sweep-sizes <a,b,…>       sizes of the sweep (default 100,1000,5000; quick 100,300)
  --two-workflows / --no-two-workflows
                              two node runs at once for the same app (default on)
  --two-workflows-items <n>   items of each of the two runs (default 500; quick 150)
  --stalls / --no-stalls      a run with this process's event loop blocked across window edges, as a busy n8n
                              would now and then (default on; an investigation, not a target)
  --stall-ms <ms>             length of each stall (default 200)
  --stall-items <n>           items of the stall run (default 500; quick 200)
  --profile / --no-profile    one more run under V8's sampling profiler: whose code spends the CPU (default on)
  --profile-items <n>         items of the profiled run (default 500; quick 150)
  --multiprocess / --no-multiprocess
                              1, 2 and 4 independent n8n engine processes at once against one sandbox, and
                              the recovery when one of two finishes (default on)
  --multiprocess-items <n>    items of each process (default 1000; quick 200)
  --multiprocess-counts <a,…> how many processes in each run (default 1,2,4)
  --recovery-items <a,b>      items of the two processes of the recovery run (default 400,1600; quick 150,600)
  --only multiprocess         run just the multi-process figure (writes bench/results/multiprocess.{json,md})
  --check-cost / --no-check-cost
                              the main run again without the default re-run check (Check Existing
                              Remedies off): its cost as a wall-time ratio (default on)
  --form-executions <n>       a form-like load: n one-item executions one after another, with and
                              without the re-run check; p50 execution start → answer (default 100; quick 30; 0 off)
  --quick                     a short smoke run; writes only a timestamped -quick.json
  --help                      this text
`;

/** The sandbox's "today", so every bench date is valid whatever the wall clock says. */
const SANDBOX_TODAY = 20260115;
/** However the run goes, the process ends within this. */
const WATCHDOG_MS = 30 * 60 * 1000;
const RESULTS_DIRECTORY = join(__dirname, 'results');
/** Least time between two injected stalls (each is placed across a one-second window edge). */
const STALL_EVERY_MS = 1500;

function readSettings(): BenchSettings | undefined {
	const { values } = parseArgs({
		options: {
			items: { type: 'string' },
			'baseline-items': { type: 'string' },
			latency: { type: 'string' },
			jitter: { type: 'string' },
			'rate-limit': { type: 'string' },
			sweep: { type: 'boolean' },
			'no-sweep': { type: 'boolean' },
			'sweep-sizes': { type: 'string' },
			'two-workflows': { type: 'boolean' },
			'no-two-workflows': { type: 'boolean' },
			'two-workflows-items': { type: 'string' },
			stalls: { type: 'boolean' },
			'no-stalls': { type: 'boolean' },
			'stall-ms': { type: 'string' },
			'stall-items': { type: 'string' },
			profile: { type: 'boolean' },
			'no-profile': { type: 'boolean' },
			'profile-items': { type: 'string' },
			multiprocess: { type: 'boolean' },
			'no-multiprocess': { type: 'boolean' },
			'multiprocess-items': { type: 'string' },
			'multiprocess-counts': { type: 'string' },
			'recovery-items': { type: 'string' },
			only: { type: 'string' },
			'check-cost': { type: 'boolean' },
			'no-check-cost': { type: 'boolean' },
			'form-executions': { type: 'string' },
			quick: { type: 'boolean', default: false },
			help: { type: 'boolean', default: false },
		},
	});
	if (values.help) {
		process.stdout.write(USAGE);
		return undefined;
	}
	const quick = values.quick === true;
	const count = (name: string, text: string | undefined, fallback: number, min: number, max: number): number => {
		if (text === undefined) return fallback;
		const value = Number(text);
		if (!Number.isInteger(value) || value < min || value > max)
			throw new RangeError(`--${name} takes a whole number in ${min}..${max}, got ${text}`);
		return value;
	};
	if (values.only !== undefined && values.only !== 'multiprocess')
		throw new RangeError(`--only takes "multiprocess", got ${values.only}`);
	const sweepOn = values['no-sweep'] !== true;
	const twoOn = values['no-two-workflows'] !== true;
	const sweepSizes = sweepOn
		? (values['sweep-sizes'] ?? (quick ? '100,300' : '100,1000,5000'))
				.split(',')
				.map((size) => count('sweep-sizes', size.trim(), 0, 1, 20_000))
		: [];
	return {
		mode: quick ? 'quick' : 'full',
		items: count('items', values.items, quick ? 300 : 2000, 1, 20_000),
		baselineItems: count('baseline-items', values['baseline-items'], quick ? 50 : 200, 0, 5_000),
		latencyMs: count('latency', values.latency, 50, 0, 5_000),
		jitterMs: count('jitter', values.jitter, 10, 0, 5_000),
		rateLimitPerSecond: count('rate-limit', values['rate-limit'], 50, 1, 1_000),
		today: SANDBOX_TODAY,
		sweepSizes,
		twoWorkflowsItems: twoOn
			? count('two-workflows-items', values['two-workflows-items'], quick ? 150 : 500, 1, 5_000)
			: 0,
		stallItems:
			values['no-stalls'] === true ? 0 : count('stall-items', values['stall-items'], quick ? 200 : 500, 1, 5_000),
		stallMs: count('stall-ms', values['stall-ms'], 200, 1, 2_000),
		stallEveryMs: STALL_EVERY_MS,
		profileItems:
			values['no-profile'] === true ? 0 : count('profile-items', values['profile-items'], quick ? 150 : 500, 1, 5_000),
		only: values.only === 'multiprocess' ? 'multiprocess' : undefined,
		multiprocessItems:
			values['no-multiprocess'] === true
				? 0
				: count('multiprocess-items', values['multiprocess-items'], quick ? 200 : 1000, 1, 5_000),
		multiprocessCounts: (values['multiprocess-counts'] ?? '1,2,4')
			.split(',')
			.map((n) => count('multiprocess-counts', n.trim(), 1, 1, 8)),
		recoveryItems: pair(values['recovery-items'] ?? (quick ? '150,600' : '400,1600'), (text) =>
			count('recovery-items', text.trim(), 1, 1, 10_000),
		),
		checkCost: values['no-check-cost'] !== true,
		formExecutions: count('form-executions', values['form-executions'], quick ? 30 : 100, 0, 2_000),
	};
}

function pair(text: string, read: (text: string) => number): [number, number] {
	const [first, second, ...rest] = text.split(',');
	if (second === undefined || rest.length > 0)
		throw new RangeError(`--recovery-items takes two counts such as 400,1600, got ${text}`);
	return [read(first), read(second)];
}

function environment(): Environment {
	const n8nCore = (createRequire(__filename)('n8n-core/package.json') as { version: string }).version;
	const processors = cpus();
	return {
		node: process.version,
		platform: `${process.platform}-${process.arch}`,
		cpu: processors[0]?.model.trim() ?? 'unknown CPU',
		cpus: processors.length,
		n8nCore,
		source: sourceVersion(),
		loadAverageAtStart: loadavg()[0],
	};
}

/** Which node code was measured: the commit, and the node's files that differ from it. */
function sourceVersion(): Environment['source'] {
	const git = (...args: string[]): string =>
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- fixed git arguments, to record which code was measured
		execFileSync('git', args, {
			cwd: join(__dirname, '..'),
			encoding: 'utf8',
			timeout: 10_000,
			stdio: ['ignore', 'pipe', 'ignore'],
		}).trimEnd();
	try {
		const changed = git('status', '--porcelain', '--', 'nodes', 'credentials', 'package.json');
		const uncommittedNodeFiles = changed === '' ? [] : changed.split('\n').map((line) => line.slice(3));
		return { commit: git('rev-parse', '--short', 'HEAD'), uncommittedNodeFiles };
	} catch {
		return { commit: 'unknown', uncommittedNodeFiles: [] };
	}
}

function progress(message: string): void {
	process.stderr.write(`[bench] ${message}\n`);
}

async function main(): Promise<void> {
	const settings = readSettings();
	if (!settings) return;
	// Everything goes to 127.0.0.1: make sure no proxy setting routes it elsewhere.
	process.env.NO_PROXY = ['127.0.0.1', process.env.NO_PROXY].filter(Boolean).join(',');
	process.env.no_proxy = process.env.NO_PROXY;

	const startedAt = new Date().toISOString();
	const measuredOn = environment();
	const sandboxSettings = {
		rateLimitPerSecond: settings.rateLimitPerSecond,
		latencyMs: settings.latencyMs,
		jitterMs: settings.jitterMs,
		today: settings.today,
	};
	progress('starting the sandbox (child process)…');
	const sandbox = await startSandboxProcess({
		'rate-limit': settings.rateLimitPerSecond,
		latency: settings.latencyMs,
		jitter: settings.jitterMs,
		today: settings.today,
	});
	const context: BenchContext = { sandbox, settings: sandboxSettings, remedies: new BenchRemedies(settings.today) };
	if (settings.only === 'multiprocess') {
		try {
			await onlyMultiprocess(context, settings, startedAt, measuredOn);
		} finally {
			await sandbox.stop();
		}
		return;
	}
	let results: BenchResults;
	try {
		progress(`node run: ${settings.items} items…`);
		const node = await runNodePhase(context, settings.items, { timeItems: true });

		// The same load without the default re-run check (Check Existing Remedies off), for its cost:
		// with, without, without, with (ABBA), so a load that drifts during the bench weighs on both alike.
		let withoutCheck;
		let checkCost;
		if (settings.checkCost) {
			const off = { timeItems: false, nodeOptions: { checkExistingRemedies: false } };
			progress(`node runs without the re-run check: 2 × ${settings.items} items…`);
			withoutCheck = await runNodePhase(context, settings.items, off);
			const withoutAgain = await runNodePhase(context, settings.items, off);
			progress(`node run with the re-run check again: ${settings.items} items…`);
			const withAgain = await runNodePhase(context, settings.items, { timeItems: false });
			checkCost =
				(node.process.wallMs + withAgain.process.wallMs) / (withoutCheck.process.wallMs + withoutAgain.process.wallMs);
		}

		let formLike;
		if (settings.formExecutions > 0) {
			progress(`form-like load: ${settings.formExecutions} one-item executions, with and without the re-run check…`);
			formLike = await runFormLikePhase(context, settings.formExecutions);
		}

		let baseline;
		if (settings.baselineItems > 0) {
			progress(`baseline (sequential loop): ${settings.baselineItems} items…`);
			baseline = await runSequentialBaseline(context, settings.baselineItems);
		}

		const sweep: NodePhaseResult[] = [];
		for (const size of settings.sweepSizes) {
			progress(`sweep: ${size} items…`);
			sweep.push(await runNodePhase(context, size, { timeItems: false }));
		}

		let twoWorkflows;
		if (settings.twoWorkflowsItems > 0) {
			progress(`two workflows at once: 2 × ${settings.twoWorkflowsItems} items…`);
			twoWorkflows = await runTwoWorkflowsPhase(context, settings.twoWorkflowsItems);
		}

		let stalled;
		if (settings.stallItems > 0) {
			progress(`event-loop stalls: ${settings.stallItems} items, ${settings.stallMs} ms stalls across window edges…`);
			stalled = await runNodePhase(context, settings.stallItems, {
				timeItems: true,
				stalls: { ms: settings.stallMs, everyMs: settings.stallEveryMs },
			});
		}

		let multiprocess;
		if (settings.multiprocessItems > 0)
			multiprocess = await runMultiprocessPhase(context, multiprocessOptions(settings));

		let cpuProfile;
		if (settings.profileItems > 0) {
			progress(`CPU profile: ${settings.profileItems} items under the sampling profiler…`);
			cpuProfile = await runProfiledPhase(context, settings.profileItems);
		}

		const partial = {
			startedAt,
			environment: { ...measuredOn, loadAverageAtEnd: loadavg()[0] },
			settings,
			node,
			...(withoutCheck && checkCost !== undefined ? { withoutCheck, checkCost } : {}),
			...(formLike ? { formLike } : {}),
			...(baseline ? { baseline, nodeOverBaseline: node.requestsPerSecond / baseline.requestsPerSecond } : {}),
			...(sweep.length > 0 ? { sweep } : {}),
			...(twoWorkflows ? { twoWorkflows } : {}),
			...(stalled ? { stalled } : {}),
			...(cpuProfile ? { cpuProfile } : {}),
			...(multiprocess ? { multiprocess } : {}),
		};
		results = { ...partial, finishedAt: new Date().toISOString(), targets: checkTargets(partial) };
	} finally {
		await sandbox.stop();
	}

	process.stdout.write(`\n${formatText(results)}\n\n`);
	const written = writeResults(RESULTS_DIRECTORY, results, settings.mode === 'full');
	if (results.multiprocess && settings.mode === 'full')
		written.push(...writeMultiprocess(results.multiprocess, settings, results.startedAt, results.environment));
	process.stdout.write(`Wrote ${written.map((path) => path.slice(join(__dirname, '..').length + 1)).join(', ')}\n`);
}

function multiprocessOptions(settings: BenchSettings): MultiprocessOptions {
	return {
		counts: settings.multiprocessCounts,
		itemsPerProcess: settings.multiprocessItems,
		recoveryItems: settings.recoveryItems,
		log: progress,
	};
}

/** `--only multiprocess`: that figure alone, printed and written beside the full run's results. */
async function onlyMultiprocess(
	context: BenchContext,
	settings: BenchSettings,
	startedAt: string,
	measuredOn: Environment,
): Promise<void> {
	const results = await runMultiprocessPhase(context, multiprocessOptions(settings));
	const environment = { ...measuredOn, loadAverageAtEnd: loadavg()[0] };
	const targets = checkMultiprocessTargets(results, settings.rateLimitPerSecond);
	process.stdout.write(`\n${formatMultiprocessText(results, settings.rateLimitPerSecond, targets)}\n\n`);
	const written = writeMultiprocess(results, settings, startedAt, environment, settings.mode === 'quick');
	process.stdout.write(`Wrote ${written.map((path) => path.slice(join(__dirname, '..').length + 1)).join(', ')}\n`);
}

/** `<timestamp>-multiprocess.json`, and unless quick `multiprocess.json` / `multiprocess.md` (the README's queue-mode table). */
function writeMultiprocess(
	results: MultiprocessResults,
	settings: BenchSettings,
	startedAt: string,
	environment: Environment,
	quick = false,
): string[] {
	const targets = checkMultiprocessTargets(results, settings.rateLimitPerSecond);
	const document = {
		startedAt,
		finishedAt: new Date().toISOString(),
		environment,
		settings,
		multiprocess: results,
		targets,
	};
	const json = `${JSON.stringify(document, null, '\t')}\n`;
	mkdirSync(RESULTS_DIRECTORY, { recursive: true });
	const stamped = join(RESULTS_DIRECTORY, `${startedAt.replace(/:/g, '-')}-multiprocess${quick ? '-quick' : ''}.json`);
	writeFileSync(stamped, json);
	if (quick) return [stamped];
	const latestJson = join(RESULTS_DIRECTORY, 'multiprocess.json');
	const latestMd = join(RESULTS_DIRECTORY, 'multiprocess.md');
	writeFileSync(latestJson, json);
	writeFileSync(
		latestMd,
		formatMultiprocessMarkdown(results, settings.rateLimitPerSecond, targets, {
			startedAt,
			environment,
			latencyMs: settings.latencyMs,
			jitterMs: settings.jitterMs,
		}),
	);
	return [stamped, latestJson, latestMd];
}

const watchdog = setTimeout(() => {
	process.stderr.write(`[bench] still running after ${WATCHDOG_MS / 60000} minutes: giving up\n`);
	process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(
			`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		process.exit(1);
	},
);
