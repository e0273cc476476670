/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets, no-console -- dev tool: the local demo runs in plain Node and talks on the console; the owner password is a throwaway for a loopback-only n8n */
/**
 * `npm start`: the whole thing on this machine in one command. Builds the package, installs n8n
 * 2.8.4 if this machine has none, starts the Feishu sandbox and n8n on 127.0.0.1 with the package
 * installed as a community node, the sandbox credential created and the example workflows imported,
 * runs the sheet example once and prints what became of each row, then leaves the editor open
 * until Ctrl-C.
 *
 * `npm start -- --headless` stops after the run: exit 0 when every row ended where the example
 * says it should, 1 otherwise. `--keep` leaves the work directory (n8n's user folder, logs).
 */

import { parseArgs } from 'node:util';

import { SHEET_EXAMPLE, WEBHOOK_EXAMPLE } from './n8n/examples';
import type { Owner } from './n8n/n8nInstance';
import { formatDuration, isPortFree } from './n8n/processes';
import { formatOutcomeTable, readSheetOutcome, unexpectedRows } from './n8n/sheetOutcome';
import { setUpStack, type Stack } from './n8n/stack';

const OWNER: Owner = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Feishu-demo-2026',
};

/** n8n's usual port, so the editor's URL is the familiar one when nothing else holds it. */
const PREFERRED_N8N_PORT = 5678;

const started = Date.now();
const log = (line: string): void => console.log(`[demo ${formatDuration(Date.now() - started).padStart(6)}] ${line}`);

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			headless: { type: 'boolean', default: false },
			keep: { type: 'boolean', default: false },
			port: { type: 'string' },
			help: { type: 'boolean', default: false },
		},
	});
	if (values.help) {
		console.log('Usage: npm start [-- --headless] [-- --keep] [-- --port <n8n port>]');
		return 0;
	}

	// Set once the stack is up; a signal before that only exits (children die with this process).
	const running: { stack?: Stack } = {};
	let stopping = false;
	const shutdown = (signal: NodeJS.Signals): void => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping n8n and the sandbox…`);
		const close = running.stack ? running.stack.close() : Promise.resolve();
		close.then(
			() => process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as Record<string, number>)[signal]),
			() => process.exit(1),
		);
	};
	// Ctrl-C, `kill`, or the terminal closing: n8n and the sandbox run in process groups of their own
	// (so n8n's task runner goes with it), which no terminal signal reaches, so they are stopped here.
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
	process.on('SIGHUP', shutdown);

	const stack = await setUpStack({
		name: 'feishu-attendance-demo',
		log,
		keepWorkDir: values.keep,
		n8nPort:
			values.port !== undefined
				? Number(values.port)
				: (await isPortFree(PREFERRED_N8N_PORT))
					? PREFERRED_N8N_PORT
					: undefined,
	});
	running.stack = stack;
	const { n8n, sandbox } = stack;

	log(`running "${SHEET_EXAMPLE.file}" once (n8n execute --id=${SHEET_EXAMPLE.id})`);
	const run = await n8n.execute(SHEET_EXAMPLE.id);
	const outcome = readSheetOutcome(run);
	const reached = await sandbox.remedyRequests();
	console.log('');
	console.log(
		`Run status: ${outcome.status}. ${outcome.success.length} rows went to Success, ${outcome.failed.length} to Failed.`,
	);
	console.log(`The sandbox received ${reached.length} remedy requests (rows that passed the node's own checks).`);
	console.log('');
	console.log(formatOutcomeTable(outcome.rows));
	console.log('');
	const problems = unexpectedRows(outcome.rows);
	const invalidRows = outcome.rows.filter((row) => row.category === 'invalid_input' && row.code === null).length;
	if (reached.length !== outcome.rows.length - invalidRows) {
		problems.push(
			`the sandbox received ${reached.length} remedy requests, expected ${outcome.rows.length - invalidRows}`,
		);
	}
	if (outcome.status !== 'success') problems.push(`the run's status is ${outcome.status}`);
	if (problems.length > 0) {
		console.log(`Unexpected:\n  ${problems.join('\n  ')}`);
	} else {
		console.log('Every row ended where the example says it should.');
	}

	if (values.headless) {
		await stack.close();
		log(problems.length === 0 ? 'done' : 'done, with the problems above');
		return problems.length === 0 ? 0 : 1;
	}

	await n8n.start(stack.children);
	await n8n.setupOwner(OWNER);
	console.log('');
	console.log(`n8n editor:  ${n8n.baseUrl}/`);
	console.log(`  sign in:   ${OWNER.email} / ${OWNER.password}`);
	console.log(`  workflows: "${SHEET_EXAMPLE.file}" ${n8n.baseUrl}/workflow/${SHEET_EXAMPLE.id}`);
	console.log(`             "${WEBHOOK_EXAMPLE.file}" ${n8n.baseUrl}/workflow/${WEBHOOK_EXAMPLE.id} (published)`);
	console.log(`Feishu sandbox: ${sandbox.baseUrl} (what it received: ${sandbox.baseUrl}/__sandbox/requests)`);
	console.log('Try the webhook:');
	console.log(
		`  curl -s -X POST ${n8n.webhookUrl(WEBHOOK_EXAMPLE.path)} -H 'content-type: application/json' \\\n` +
			`    -d '{"rows":[{"user_id":"e1002","remedy_date":"${yesterdayInShanghai()}","punch_no":0,"work_type":"on","remedy_time":"09:00","reason":"Forgot"}]}'`,
	);
	if (values.keep) console.log(`Work directory (kept): ${stack.workDir}`);
	console.log('Ctrl-C stops n8n and the sandbox.');
	// The children's pipes keep this process alive until a signal arrives.
	return -1;
}

function yesterdayInShanghai(): string {
	const now = new Date(Date.now() + 8 * 3600_000 - 24 * 3600_000);
	return now.toISOString().slice(0, 10);
}

main().then(
	(code) => {
		if (code >= 0) process.exit(code);
	},
	(error: unknown) => {
		console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	},
);
