/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark: runs in plain Node, never inside n8n */
/**
 * The form-like load of issue 16: one item per execution, executions one after another, the
 * token cached (a warm n8n process), with the default re-run check and without it. The target
 * reads "p50 ≤ 2 × the sandbox latency + 20 ms", so the judged series run with the sandbox
 * answering after exactly `--latency` ms (no jitter: "the latency" is one number). Beside them,
 * in the same run: a plain client doing the same three requests by hand (both status queries
 * at once, then the create), which is the floor the sandbox and loopback allow; and the node
 * again at the bench's jitter, where the check waits for the slower of its two queries.
 */
import { performance } from 'node:perf_hooks';

import { DateTime } from 'luxon';
import type { INodeParameters } from 'n8n-workflow';

import type { RecordedRequest } from '../sandbox';
import { REMEDY_NODE_NAME, runRemedyNode, sandboxCredential } from '../test/engine/runRemedyNode';
import type { RemedyRun } from '../test/engine/runRemedyNode';
import { asInputRow, asRequestBody } from './benchRemedies';
import type { BenchRemedy } from './benchRemedies';
import type { BenchContext } from './nodeRuns';
import { AUTO_MAP, CREATE_PATH, RECORDS_PATH, TENANT_ACCESS_PATH, freshSandbox, readSandbox } from './nodeRuns';
import { spread } from './processMeters';
import type { Spread } from './processMeters';
import { postJson } from './sequentialBaseline';

/** The sandbox's time zone for the bench users: the day a query asks starts at its midnight. */
const BENCH_ZONE = 'Asia/Shanghai';
/** The statuses the re-run check asks: pending and approved. */
const LIVE_STATUSES = [0, 2];

export interface FormLikeSeries {
	/**
	 * Execution start → the item's answer, by n8n's own records: from the run's `startedAt` to
	 * the end of the remedy node's task (its `startTime` + `executionTime`), per execution.
	 */
	answered: Spread;
	/** The whole harness call per execution (building the workflow and n8n's bookkeeping after the node included). */
	wholeCall: Spread;
}

export interface FormLikeResult {
	executions: number;
	/** The sandbox latency of the judged series (ms, no jitter). */
	latencyMs: number;
	withCheck: FormLikeSeries;
	withoutCheck: FormLikeSeries;
	/** A plain client's start → answer for the same requests: both queries at once, then the create. */
	plainWithCheck: Spread;
	/** Requests per path of the executions with the check (warm-up included): the round trips it costs. */
	requestsByPathWithCheck: Record<string, number>;
	/** Per execution with the check: records queries sent, and how far apart their arrivals were. */
	queriesPerExecution: number;
	queryArrivalGapMaxMs: number;
	/** The node at the bench's jitter (latency + 0..jitter ms per answer); absent with no jitter. */
	withJitter?: { jitterMs: number; withCheck: Spread; withoutCheck: Spread };
}

export async function runFormLikePhase(context: BenchContext, executions: number): Promise<FormLikeResult> {
	const fixed: BenchContext = { ...context, settings: { ...context.settings, jitterMs: 0 } };
	const checked = await nodeSeries(fixed, executions, {});
	const queryLog = (await context.sandbox.requests()).filter((request) => request.path === RECORDS_PATH);
	const withoutCheck = await nodeSeries(fixed, executions, { checkExistingRemedies: false });
	const plainWithCheck = await plainClientSeries(fixed, executions);
	const jitterMs = context.settings.jitterMs ?? 0;
	const withJitter =
		jitterMs > 0
			? {
					jitterMs,
					withCheck: (await nodeSeries(context, executions, {})).series.answered,
					withoutCheck: (await nodeSeries(context, executions, { checkExistingRemedies: false })).series.answered,
				}
			: undefined;
	return {
		executions,
		latencyMs: context.settings.latencyMs ?? 0,
		withCheck: checked.series,
		withoutCheck: withoutCheck.series,
		plainWithCheck,
		requestsByPathWithCheck: checked.sandbox.requestsByPath,
		queriesPerExecution: queryLog.length / (executions + 1),
		queryArrivalGapMaxMs: largestPairGap(queryLog),
		...(withJitter ? { withJitter } : {}),
	};
}

async function nodeSeries(context: BenchContext, executions: number, nodeOptions: INodeParameters) {
	const credential = sandboxCredential(context.sandbox.baseUrl, context.sandbox.appId, context.sandbox.appSecret);
	const parameters = { ...AUTO_MAP, options: nodeOptions };
	await freshSandbox(context);
	// Warm-up: the token exchange and the first connection are not part of a form's answer time.
	await runRemedyNode({ items: context.remedies.take(1).map(asInputRow), parameters, credential });
	const answered: number[] = [];
	const wholeCalls: number[] = [];
	for (let n = 0; n < executions; n++) {
		const items = context.remedies.take(1).map(asInputRow);
		const startedAt = performance.now();
		const run = await runRemedyNode({ items, parameters, credential });
		wholeCalls.push(performance.now() - startedAt);
		answered.push(answeredAfterStart(run));
	}
	const sandbox = await readSandbox(context);
	return { series: { answered: spread(answered), wholeCall: spread(wholeCalls) }, sandbox };
}

/** When the remedy node of a run answered, in ms after the execution started (n8n's own figures). */
function answeredAfterStart(run: RemedyRun): number {
	const task = run.run.data.resultData.runData[REMEDY_NODE_NAME]?.[0];
	if (!task) throw new Error('the remedy node did not run');
	return task.startTime + task.executionTime - run.run.startedAt.getTime();
}

/** What a hand-written client does for one form answer with the same check: two queries at once, then the create. */
async function plainClientSeries(context: BenchContext, executions: number): Promise<Spread> {
	await freshSandbox(context);
	const { baseUrl, appId, appSecret } = context.sandbox;
	const tokenAnswer = await postJson(`${baseUrl}${TENANT_ACCESS_PATH}`, { app_id: appId, app_secret: appSecret });
	const token = tokenAnswer.tenant_access_token;
	if (typeof token !== 'string')
		throw new Error(`form-like baseline: no tenant token (${JSON.stringify(tokenAnswer)})`);
	const query = `?employee_type=employee_id`;
	const answered: number[] = [];
	// One warm-up, as for the node: the first connection is not part of an answer.
	for (let n = -1; n < executions; n++) {
		const [remedy] = context.remedies.take(1);
		const startedAt = performance.now();
		const answers = await Promise.all(
			LIVE_STATUSES.map(
				async (status) => await postJson(`${baseUrl}${RECORDS_PATH}${query}`, { ...dayRange(remedy), status }, token),
			),
		);
		if (answers.some((answer) => answer.code !== 0)) throw new Error('form-like baseline: a records query failed');
		const created = await postJson(`${baseUrl}${CREATE_PATH}${query}`, asRequestBody(remedy), token);
		if (created.code !== 0) throw new Error(`form-like baseline: create answered ${String(created.code)}`);
		if (n >= 0) answered.push(performance.now() - startedAt);
	}
	await readSandbox(context);
	return spread(answered);
}

/** The records query of one remedy's user and day (and the next, for overnight remedies), as the node asks it. */
function dayRange(remedy: BenchRemedy) {
	const day = DateTime.fromFormat(String(remedy.remedyDate), 'yyyyMMdd', { zone: BENCH_ZONE });
	return {
		user_ids: [remedy.employeeId],
		check_time_from: String(day.toSeconds()),
		check_time_to: String(day.plus({ days: 2 }).toSeconds() - 1),
	};
}

/** The largest arrival gap within consecutive pairs of queries (one pair per execution). */
function largestPairGap(queries: RecordedRequest[]): number {
	let largest = 0;
	for (let i = 0; i + 1 < queries.length; i += 2) largest = Math.max(largest, queries[i + 1].at - queries[i].at);
	return largest;
}
