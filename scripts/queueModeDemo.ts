/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets, no-console -- dev tool: runs in plain Node and talks on the console; the owner password is a throwaway for a loopback-only n8n */
/**
 * `npm run queue-mode`: the queue-mode end-to-end set-up, left running for a person to try —
 * Redis, PostgreSQL, the Feishu sandbox, n8n main and workers (scripts/n8n/queueMode.ts), the
 * two webhook workflows published. Prints the editor's URL, the owner login, the webhooks and
 * the environment every n8n process runs with; stops everything on Ctrl-C.
 * See docs/queue-mode.md.
 */

import { parseArgs } from 'node:util';

import type { Owner } from './n8n/n8nInstance';
import { missingServices } from './n8n/queueServices';
import { setUpQueueStack, type QueueStack, type QueueWorkflow } from './n8n/queueMode';

const OWNER: Owner = {
	email: 'queue@example.com',
	firstName: 'Queue',
	lastName: 'Mode',
	password: 'Queue-owner-password-1',
};
const WORKFLOWS: QueueWorkflow[] = [
	{ id: 'feishuQueueRowsA', name: 'Queue mode: sheet A', path: 'queue-remedies-a' },
	{ id: 'feishuQueueRowsB', name: 'Queue mode: sheet B', path: 'queue-remedies-b' },
];

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			workers: { type: 'string', default: '2' },
			keep: { type: 'boolean', default: false },
			help: { type: 'boolean', default: false },
		},
	});
	if (values.help) {
		console.log('Usage: npm run queue-mode [-- --workers <n>] [-- --keep]');
		return;
	}
	const missing = missingServices();
	if (missing) throw new Error(missing);
	const running: { stack?: QueueStack } = {};
	const stop = (): void => {
		console.log('\nstopping n8n, its workers, the sandbox, PostgreSQL and Redis…');
		(running.stack ? running.stack.close() : Promise.resolve()).then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	const stack = await setUpQueueStack({
		name: 'feishu-attendance-queue-mode',
		log: (line) => console.log(`[queue mode] ${line}`),
		workflows: WORKFLOWS,
		workers: Number(values.workers),
		workerConcurrency: 1,
		sandboxArgs: ['--latency', '50', '--jitter', '10'],
		keepWorkDir: values.keep,
		// `npm run queue-mode` built it already.
		skipBuild: true,
	});
	running.stack = stack;
	await stack.main.setupOwner(OWNER);
	console.log(`\nEditor: ${stack.main.baseUrl}  (owner ${OWNER.email} / ${OWNER.password})`);
	for (const workflow of WORKFLOWS)
		console.log(`Webhook "${workflow.name}": POST ${stack.main.webhookUrl(workflow.path)}  {"rows":[…]}`);
	console.log(`Feishu sandbox: ${stack.sandbox.baseUrl}  (request log: ${stack.sandbox.baseUrl}/__sandbox/requests)`);
	console.log(`Work directory (user folders, worker logs): ${stack.workDir}`);
	console.log('Environment of every n8n process:');
	for (const [name, value] of Object.entries(stack.queueEnv)) console.log(`  ${name}=${value}`);
	console.log('\nCtrl-C stops everything.');
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
