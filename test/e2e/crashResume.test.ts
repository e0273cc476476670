/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- e2e test: runs in jest under plain Node, never inside n8n */
/**
 * Crash and resume, in a real n8n 2.8.4: a 600-row sheet (a csv read with n8n's own Read/Write
 * Files from Disk and Extract From File) is run with `n8n execute`; the n8n process is killed
 * with SIGKILL after about 200 remedies were stored; the same workflow is run again. The
 * sandbox must then hold exactly one remedy per row — none lost, none twice — and the second
 * run's Success output all 600 rows, the ones stored before the crash marked `existing`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { StoredRemedy } from '../../sandbox';
import { SANDBOX_CREDENTIAL_ID, SANDBOX_CREDENTIAL_NAME } from '../../scripts/n8n/examples';
import { outputItems, type WorkflowRun } from '../../scripts/n8n/executionResult';
import { delay, killGroup } from '../../scripts/n8n/processes';
import { E2E_TIMEOUT_MS, useRealN8n } from './realN8n';

jest.setTimeout(E2E_TIMEOUT_MS);

const stack = useRealN8n('crash');

const ROWS = 600;
const KILL_AFTER_STORED = 200;
const WORKFLOW_ID = 'feishuCrash600001';
const REMEDY_NODE = 'Feishu Attendance Remedy';

// n8n reads files only in the folder the stack gives it (N8N_RESTRICT_FILE_ACCESS_TO).
const csvPath = (): string => join(stack().filesDir, 'month-end.csv');

function sheet(): string {
	const lines = ['user_id,remedy_date,punch_no,work_type,remedy_time,reason'];
	for (let row = 1; row <= ROWS; row++) {
		const day = `2025-${String(1 + (row % 12)).padStart(2, '0')}-${String(1 + (row % 28)).padStart(2, '0')}`;
		lines.push(
			`bench-${row},${day},0,${row % 2 === 0 ? 'on_duty' : 'off_duty'},${row % 2 === 0 ? '09:00' : '18:00'},row ${row}`,
		);
	}
	return `${lines.join('\n')}\n`;
}

function workflow(): object {
	const node = (
		name: string,
		type: string,
		typeVersion: number,
		parameters: object,
		x: number,
		extra: object = {},
	) => ({
		id: `crash-${x}`,
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
		...extra,
	});
	return {
		id: WORKFLOW_ID,
		name: 'Crash and resume: 600 rows',
		active: false,
		settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai' },
		nodes: [
			node('Run', 'n8n-nodes-base.manualTrigger', 1, {}, 0),
			node('Read sheet', 'n8n-nodes-base.readWriteFile', 1, { fileSelector: csvPath() }, 200),
			node('Extract rows', 'n8n-nodes-base.extractFromFile', 1, { operation: 'csv' }, 400),
			node(
				REMEDY_NODE,
				'n8n-nodes-feishu-attendance.feishuAttendanceRemedy',
				1,
				{ operation: 'createRemedy', mappingMode: 'autoMap', options: {} },
				600,
				{
					credentials: { feishuApi: { id: SANDBOX_CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME } },
				},
			),
		],
		connections: {
			Run: { main: [[{ node: 'Read sheet', type: 'main', index: 0 }]] },
			'Read sheet': { main: [[{ node: 'Extract rows', type: 'main', index: 0 }]] },
			'Extract rows': { main: [[{ node: REMEDY_NODE, type: 'main', index: 0 }]] },
		},
		pinData: {},
	};
}

let storedAtKill = 0;
let afterCrash: StoredRemedy[] = [];
let resumed: WorkflowRun;
let stored: StoredRemedy[];

beforeAll(async () => {
	mkdirSync(stack().filesDir, { recursive: true });
	writeFileSync(csvPath(), sheet());
	const file = join(stack().workDir, 'crash-workflow.json');
	writeFileSync(file, JSON.stringify(workflow()));
	await stack().n8n.importWorkflow(file);

	// The first run, killed mid-way: `n8n execute` is the n8n process running the workflow.
	const n8n = stack().n8n;
	const child = stack().children.spawn(
		process.execPath,
		[n8n.installation.bin, 'execute', `--id=${WORKFLOW_ID}`, '--rawOutput'],
		{
			cwd: n8n.userFolder,
			env: n8n.env(),
		},
	);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const deadline = Date.now() + 5 * 60_000;
	for (;;) {
		storedAtKill = (await stack().sandbox.remedies()).length;
		if (storedAtKill >= KILL_AFTER_STORED) break;
		if (child.exitCode !== null || Date.now() > deadline)
			throw new Error(`n8n ended (or took too long) before ${KILL_AFTER_STORED} remedies were stored: ${storedAtKill}`);
		await delay(50);
	}
	killGroup(child, 'SIGKILL');
	await exited;
	// Requests already on the wire are still processed by Feishu: let them land.
	await delay(1000);
	afterCrash = await stack().sandbox.remedies();

	resumed = await stack().n8n.execute(WORKFLOW_ID);
	stored = await stack().sandbox.remedies();
}, E2E_TIMEOUT_MS);

const rowOf = (remedy: StoredRemedy): number => Number(/^row (\d+)$/.exec(remedy.reason)?.[1]);

describe('a 600-row run killed with SIGKILL after about 200 remedies, then run again', () => {
	test('was killed part-way: some rows stored, not all', () => {
		expect(storedAtKill).toBeGreaterThanOrEqual(KILL_AFTER_STORED);
		expect(afterCrash.length).toBeLessThan(ROWS);
	});

	test('the sandbox holds exactly one remedy per row: none lost, none twice', () => {
		expect(stored).toHaveLength(ROWS);
		expect(new Set(stored.map(rowOf)).size).toBe(ROWS);
		expect(stored.map(rowOf).sort((a, b) => a - b)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
	});

	test("the second run's Success holds all 600 rows, each with its one stored remedy's approval_id", () => {
		expect(resumed.status).toBe('success');
		const success = outputItems(resumed, REMEDY_NODE, 0);
		expect(outputItems(resumed, REMEDY_NODE, 1)).toHaveLength(0);
		expect(success).toHaveLength(ROWS);
		const approvalOfRow = new Map(stored.map((remedy) => [rowOf(remedy), remedy.approvalId]));
		for (const item of success)
			expect(item.json.approval_id).toBe(approvalOfRow.get(Number(String(item.json.reason).slice(4))));
	});

	test('the rows stored before the crash are marked existing; the rest were created by the second run', () => {
		const success = outputItems(resumed, REMEDY_NODE, 0);
		const before = new Set(afterCrash.map((remedy) => remedy.approvalId));
		for (const item of success) expect(item.json.existing === true).toBe(before.has(String(item.json.approval_id)));
		expect(success.filter((item) => item.json.existing === true)).toHaveLength(afterCrash.length);
	});
});
