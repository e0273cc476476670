/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- e2e test, runs in jest under plain Node: a throwaway owner password for a loopback-only n8n */
/**
 * n8n's queue mode, for real: Redis and PostgreSQL (Debian's packages, started by the test on
 * free 127.0.0.1 ports), one main and two `n8n worker` processes (one execution at a time each),
 * this package installed in each. Two workflows of 1,000 rows each for one Feishu app are started
 * at once through their webhooks, so each worker runs one with its own limiter: the two must
 * share the app's 50/s by themselves. Checked from n8n's executions and the sandbox's log.
 *
 * n8n 2.8.4 only (the harness's default target): queue mode is the same code in every version
 * we support, and a second Redis + PostgreSQL + three n8n processes per version would double
 * the suite's longest test without testing anything of ours the others do not.
 */

import { BenchRemedies, asInputRow } from '../../bench/benchRemedies';
import { listExecutions, nodeOutputs, type ExecutionSummary } from '../../scripts/n8n/executionRecords';
import { installedN8n } from '../../scripts/n8n/install';
import type { Owner } from '../../scripts/n8n/n8nInstance';
import { delay } from '../../scripts/n8n/processes';
import { missingServices } from '../../scripts/n8n/queueServices';
import { requireBuiltPackage } from '../../scripts/n8n/communityPackage';
import { setUpQueueStack, type QueueStack, type QueueWorkflow } from '../../scripts/n8n/queueMode';
import { E2E_TIMEOUT_MS } from './realN8n';

jest.setTimeout(E2E_TIMEOUT_MS);

const OWNER: Owner = {
	email: 'queue@example.com',
	firstName: 'Queue',
	lastName: 'Mode',
	password: 'Queue-owner-password-1',
};
const TODAY = 20260115;
const ROWS_PER_WORKFLOW = 1000;
const LIMIT = 50;
const RATE_LIMITED = 99991400;
const WORKFLOWS: QueueWorkflow[] = [
	{ id: 'feishuQueueRowsA', name: 'Queue mode: sheet A', path: 'queue-remedies-a' },
	{ id: 'feishuQueueRowsB', name: 'Queue mode: sheet B', path: 'queue-remedies-b' },
];
const REMEDY_NODE_NAME = 'Feishu Attendance Remedy';

const log = (line: string): void => {
	process.stderr.write(`[e2e queue mode] ${line}\n`);
};

let stack: QueueStack | undefined;
const queue = (): QueueStack => {
	if (!stack) throw new Error('the queue-mode set-up failed (see the beforeAll error above)');
	return stack;
};

beforeAll(async () => {
	const missing = missingServices();
	if (missing) throw new Error(`queue mode needs Redis and PostgreSQL: ${missing}`);
	stack = await setUpQueueStack({
		name: 'feishu-attendance-e2e-queue',
		log,
		workflows: WORKFLOWS,
		workers: 2,
		workerConcurrency: 1,
		sandboxArgs: ['--today', String(TODAY), '--latency', '50', '--jitter', '10'],
		keepWorkDir: Boolean(process.env.E2E_KEEP),
		skipBuild: requireBuiltPackage(),
	});
	await queue().main.setupOwner(OWNER);
}, E2E_TIMEOUT_MS);

afterAll(async () => {
	await stack?.close();
}, 120_000);

/** The execution of `workflowId` once it has finished, polling n8n's list (the workers write it to PostgreSQL). */
async function finishedExecution(workflowId: string, timeoutMs: number): Promise<ExecutionSummary> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const executions = await listExecutions(queue().main, workflowId);
		const done = executions.find(
			(execution) => execution.finished || ['success', 'error', 'crashed', 'canceled'].includes(execution.status),
		);
		if (done) return done;
		if (Date.now() > until) {
			const workers = queue()
				.workers.map((worker) => `${worker.name}:\n${worker.output(30)}`)
				.join('\n');
			throw new Error(
				`no finished execution of ${workflowId} within ${timeoutMs / 1000} s (${JSON.stringify(executions)})\n${workers}`,
			);
		}
		await delay(1000);
	}
}

const rowKey = (row: { employee_id?: unknown; user_id?: unknown; remedy_date?: unknown }): string =>
	`${String(row.employee_id ?? row.user_id)}|${String(row.remedy_date)}`;

test('two workflows of 1,000 rows at once on two workers share one app’s 50/s: every row in one output, each remedy stored once', async () => {
	const remedies = new BenchRemedies(TODAY);
	const rows = WORKFLOWS.map(() => remedies.take(ROWS_PER_WORKFLOW).map(asInputRow));
	const mark = await queue().sandbox.lastSeq();

	// Both at once: the main queues each execution, and each worker takes one.
	const answers = await Promise.all(
		WORKFLOWS.map(async (workflow, index) => {
			const response = await fetch(queue().main.webhookUrl(workflow.path), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ rows: rows[index] }),
			});
			return { status: response.status, text: await response.text() };
		}),
	);
	for (const answer of answers) expect(answer).toMatchObject({ status: 200 });

	await queue().main.login(OWNER);
	const executions = [];
	for (const workflow of WORKFLOWS) executions.push(await finishedExecution(workflow.id, 6 * 60_000));
	expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);

	// Each execution ran on a different worker.
	const ranOn = executions.map((execution) =>
		queue()
			.workers.filter((worker) => worker.startedExecutions().includes(execution.id))
			.map((worker) => worker.name),
	);
	expect(ranOn.every((names) => names.length === 1)).toBe(true);
	expect(new Set(ranOn.flat()).size).toBe(2);

	// Every row in exactly one output of its execution, in input order on Success.
	const installation = installedN8n();
	if (!installation) throw new Error('n8n is not installed');
	const successItems = [];
	for (const [index, execution] of executions.entries()) {
		const { outputs } = await nodeOutputs(queue().main, installation, execution.id, REMEDY_NODE_NAME);
		const [success = [], failed = []] = outputs;
		expect(failed.map((item) => item.json.error)).toEqual([]);
		expect(success).toHaveLength(ROWS_PER_WORKFLOW);
		expect(success.map((item) => rowKey(item.json))).toEqual(rows[index].map(rowKey));
		successItems.push(...success);
	}

	// Each remedy stored once, and it is the one the Success item names.
	const stored = (await queue().sandbox.remedies()).filter((remedy) => remedy.userId.startsWith('bench-'));
	expect(stored).toHaveLength(2 * ROWS_PER_WORKFLOW);
	const storedKeys = stored.map((remedy) => `${remedy.userId}|${remedy.remedyDate}|${remedy.workType}`);
	expect(new Set(storedKeys).size).toBe(storedKeys.length);
	const approvalIds = successItems.map((item) => String(item.json.approval_id));
	expect(new Set(approvalIds).size).toBe(approvalIds.length);
	expect(new Set(stored.map((remedy) => remedy.approvalId))).toEqual(new Set(approvalIds));

	// The sandbox's view: how fast both went together, and how many requests Feishu refused.
	const creates = await queue().sandbox.remedyRequests(mark);
	const refused = creates.filter((request) => request.outcome.code === RATE_LIMITED).length;
	const accepted = creates.filter((request) => request.outcome.code === 0);
	const spanSeconds = (accepted[accepted.length - 1].at - accepted[0].at) / 1000;
	const combined = accepted.length / spanSeconds;
	log(
		`combined ${combined.toFixed(1)} req/s (${(combined / LIMIT).toFixed(3)} × the limit) over ${spanSeconds.toFixed(1)} s; ` +
			`${refused} of ${creates.length} create requests refused with ${RATE_LIMITED} (${((refused / creates.length) * 100).toFixed(2)} %); ` +
			`executions ${executions.map((execution, index) => `${execution.id} on ${ranOn[index][0]}`).join(', ')}`,
	);
	expect(accepted).toHaveLength(2 * ROWS_PER_WORKFLOW);
	// Few refusals: without sharing, two workers at 50/s each would see about half refused.
	expect(refused).toBeLessThanOrEqual(0.05 * creates.length);
});
