/**
 * The multi-process figure's targets (PASS / MISS, never failing the run), its terminal
 * table and the markdown table the README's queue-mode section embeds.
 */
import { int, percent, rate, ratio, seconds } from './format';
import type { MultiprocessResults, MultiprocessRun } from './multiprocess';
import type { Environment, Target } from './report';

export const SHARED_RATE_TARGET = 0.9;
export const ALONE_RATE_TARGET = 0.95;
export const REFUSED_SHARE_TARGET = 0.02;
export const RECOVERY_TARGET_MS = 10_000;

export function checkMultiprocessTargets(results: MultiprocessResults, limit: number): Target[] {
	const targets: Target[] = [];
	const alone = results.runs.find((run) => run.processes === 1);
	const shared = results.runs.filter((run) => run.processes > 1);
	if (alone) {
		targets.push({
			target: `one process alone: ≥ ${ALONE_RATE_TARGET} × the limit, no refusal`,
			status: alone.combinedPerSecond >= ALONE_RATE_TARGET * limit && alone.refused === 0 ? 'PASS' : 'MISS',
			measured: `${ratio(alone.combinedPerSecond / limit)} × (${rate(alone.combinedPerSecond)}), ${int(alone.refused)} refused`,
		});
	}
	if (shared.length > 0) {
		targets.push({
			target: `${shared.map((run) => run.processes).join(' and ')} processes: combined ≥ ${SHARED_RATE_TARGET} × the limit`,
			status: shared.every((run) => run.combinedPerSecond >= SHARED_RATE_TARGET * limit) ? 'PASS' : 'MISS',
			measured: shared.map((run) => `${run.processes}: ${ratio(run.combinedPerSecond / limit)} ×`).join('; '),
		});
		targets.push({
			target: `${shared.map((run) => run.processes).join(' and ')} processes: refused ≤ ${REFUSED_SHARE_TARGET * 100} % of requests sent`,
			status: shared.every((run) => run.refused <= REFUSED_SHARE_TARGET * run.createRequests) ? 'PASS' : 'MISS',
			measured: shared
				.map(
					(run) =>
						`${run.processes}: ${int(run.refused)} of ${int(run.createRequests)} (${percent(run.refused / run.createRequests)})`,
				)
				.join('; '),
		});
	}
	const runs = [...results.runs, ...(results.recovery ? [results.recovery.run] : [])];
	const failed = runs.reduce((sum, run) => sum + run.failedItems, 0);
	targets.push({
		target: 'no item in Failed, in any multi-process run',
		status: failed === 0 ? 'PASS' : 'MISS',
		measured: `${int(failed)} items in Failed`,
	});
	if (results.recovery) {
		const after = results.recovery.recoveredAfterMs;
		targets.push({
			target: `when one of two finishes, the other back at ≥ ${SHARED_RATE_TARGET} × the limit within ${RECOVERY_TARGET_MS / 1000} s`,
			status: after !== null && after <= RECOVERY_TARGET_MS ? 'PASS' : 'MISS',
			measured: after === null ? 'never, before it finished' : `after ${seconds(after, 1)}`,
		});
	}
	return targets;
}

export function formatMultiprocessText(results: MultiprocessResults, limit: number, targets: Target[]): string {
	const lines: string[] = [];
	lines.push(`Independent n8n engine processes, one app, one sandbox (${int(results.itemsPerProcess)} items each)`);
	lines.push(
		`  ${'processes'.padEnd(10)} ${'combined'.padEnd(22)} ${'while all ran'.padEnd(14)} ${'refused'.padEnd(18)} ${'failed'.padEnd(7)} share per process (req/s)`,
	);
	for (const run of results.runs) lines.push(`  ${runLine(run, limit)}`);
	if (results.recovery) {
		const recovery = results.recovery;
		const [short, long] = recovery.run.perProcess;
		lines.push(`Recovery: ${int(short.items)} and ${int(long.items)} items in two processes`);
		lines.push(`  ${runLine(recovery.run, limit)}`);
		lines.push(
			`  the other back at ≥ ${SHARED_RATE_TARGET} × the limit ${recovery.recoveredAfterMs === null ? 'never' : `${seconds(recovery.recoveredAfterMs, 1)} after the first finished`}; ${rate(recovery.rateInTenSecondsAfter)} over the 10 s after`,
		);
	}
	lines.push('Targets (reported, never failing the run)');
	for (const t of targets) lines.push(`  ${t.status.padEnd(4)}  ${t.target}: ${t.measured}`);
	return lines.join('\n');
}

export function formatMultiprocessMarkdown(
	results: MultiprocessResults,
	limit: number,
	targets: Target[],
	measured: { startedAt: string; environment: Environment; latencyMs: number; jitterMs: number },
): string {
	const { environment } = measured;
	const out: string[] = [];
	out.push(
		`Measured ${measured.startedAt.slice(0, 10)} with \`npm run bench -- --only multiprocess\` (commit ${environment.source.commit}): ` +
			`each process is its own Node.js process running the compiled node in n8n-core's WorkflowExecute, ${int(results.itemsPerProcess)} items each, ` +
			`all started at once against one sandbox (limit ${limit} req/s, latency ${measured.latencyMs} ms + 0–${measured.jitterMs} ms). ` +
			`${environment.cpus} × ${environment.cpu}, load average ${environment.loadAverageAtStart.toFixed(2)}${environment.loadAverageAtEnd === undefined ? '' : ` → ${environment.loadAverageAtEnd.toFixed(2)}`}${Math.max(environment.loadAverageAtStart, environment.loadAverageAtEnd ?? 0) > environment.cpus ? ' (the machine was busy with other work)' : ''}.`,
	);
	out.push('');
	out.push(
		'| Processes | Combined | While all ran | Refused (of sent) | Items in Failed | Share per process (req/s) |',
	);
	out.push('|---:|---:|---:|---:|---:|---|');
	for (const run of results.runs) {
		out.push(
			`| ${run.processes} | ${rate(run.combinedPerSecond)} (${ratio(run.combinedPerSecond / limit)} ×) | ${rate(run.combinedWhileAllRanPerSecond, false)} | ${int(run.refused)} of ${int(run.createRequests)} (${percent(run.refused / run.createRequests)}) | ${int(run.failedItems)} | ${shares(run)} |`,
		);
	}
	if (results.recovery) {
		const recovery = results.recovery;
		const [short, long] = recovery.run.perProcess;
		out.push('');
		out.push(
			`Recovery (${int(short.items)} and ${int(long.items)} items in two processes): when the first finished, the other was back at ≥ ${SHARED_RATE_TARGET} × the limit ` +
				`${recovery.recoveredAfterMs === null ? 'never' : `after ${seconds(recovery.recoveredAfterMs, 1)}`} (${rate(recovery.rateInTenSecondsAfter)} over the 10 s after); ` +
				`${int(recovery.run.refused)} refused of ${int(recovery.run.createRequests)}, ${int(recovery.run.failedItems)} items in Failed.`,
		);
	}
	out.push('');
	out.push('| Target | Result | Measured |');
	out.push('|---|---|---|');
	for (const t of targets) out.push(`| ${t.target} | ${t.status} | ${t.measured} |`);
	return `${out.join('\n')}\n`;
}

function runLine(run: MultiprocessRun, limit: number): string {
	return [
		String(run.processes).padEnd(10),
		`${rate(run.combinedPerSecond)} (${ratio(run.combinedPerSecond / limit)} ×)`.padEnd(22),
		rate(run.combinedWhileAllRanPerSecond).padEnd(14),
		`${int(run.refused)} (${percent(run.refused / run.createRequests)})`.padEnd(18),
		String(run.failedItems).padEnd(7),
		shares(run),
	].join(' ');
}

function shares(run: MultiprocessRun): string {
	return run.perProcess.map((p) => p.sharePerSecond.toFixed(1)).join(' · ');
}
