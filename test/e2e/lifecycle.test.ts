/**
 * End to end, on every n8n of the e2e matrix with this package installed as a community node: the example
 * `examples/remedy-lifecycle.json` (create → approve → query → withdraw one → query) run by
 * `n8n execute`, checked in n8n's own record of the run (outputs, approval ids from node to node,
 * statuses, pairedItem) and in what the Feishu sandbox received and stored.
 */

import { DateTime } from 'luxon';

import lifecycleJson from '../../examples/remedy-lifecycle.json';
import { PATHS, type RecordedRequest, type StoredRemedy } from '../../sandbox';
import { REMEDY_NODE_TYPE } from '../../scripts/n8n/communityPackage';
import { LIFECYCLE_EXAMPLE, SANDBOX_CREDENTIAL_ID } from '../../scripts/n8n/examples';
import { nodeRan, outputItems, type ExecutedItem, type WorkflowRun } from '../../scripts/n8n/executionResult';
import { describeEachN8n, E2E_TIMEOUT_MS } from './realN8n';

jest.setTimeout(E2E_TIMEOUT_MS);

const ZONE = 'Asia/Shanghai';

/** The example's node names, as the test reads them from n8n's record of the run. */
const NODE = {
	trigger: 'Run example',
	rows: 'Remedy rows',
	create: 'Create remedies',
	approve: 'Approve remedies',
	recordsAfterApproval: 'Records after approval',
	approvedRecords: 'Approved records',
	pickOne: 'Pick one to withdraw',
	withdraw: 'Withdraw remedy',
	recordsAfterWithdrawal: 'Records after withdrawal',
	finalRecords: 'Records with one withdrawn',
} as const;
/** Each Feishu node's Failed output ends in one of these: none of them should receive an item. */
const FAILED_ENDS = [
	'Rows not created',
	'Approvals refused',
	'Query failed after approval',
	'Withdrawal refused',
	'Query failed after withdrawal',
];

describeEachN8n('lifecycle', (stack) => {
	let run: WorkflowRun;
	let rows: ExecutedItem[];
	let created: ExecutedItem[];
	let approved: ExecutedItem[];
	let afterApproval: ExecutedItem[];
	let picked: ExecutedItem[];
	let withdrawn: ExecutedItem[];
	let afterWithdrawal: ExecutedItem[];
	let received: RecordedRequest[];
	let stored: StoredRemedy[];

	beforeAll(async () => {
		run = await stack().n8n.execute(LIFECYCLE_EXAMPLE.id);
		// A run that stopped early has no runData for the later nodes: read what there is, let the tests say what is missing.
		const read = (node: string, output = 0): ExecutedItem[] =>
			nodeRan(run, node) ? outputItems(run, node, output) : [];
		rows = read(NODE.rows);
		created = read(NODE.create);
		approved = read(NODE.approve);
		afterApproval = read(NODE.recordsAfterApproval);
		picked = read(NODE.pickOne);
		withdrawn = read(NODE.withdraw);
		afterWithdrawal = read(NODE.recordsAfterWithdrawal);
		received = await stack().sandbox.requests();
		stored = await stack().sandbox.remedies();
	});

	const json = <T = unknown>(item: ExecutedItem, field: string): T => item.json[field] as T;
	const approvalIdOf = (item: ExecutedItem): string => String(item.json.approval_id);
	const approvalInfoOf = (item: ExecutedItem) => item.json.approval_info as Record<string, unknown>;
	/** The input item an output item says it came from: a single `{ item }` on every output here. */
	const pairedIndex = (item: ExecutedItem): number => {
		expect(item.pairedItem).toEqual({ item: expect.any(Number) });
		return (item.pairedItem as { item: number }).item;
	};
	const createdIds = (): string[] => created.map(approvalIdOf);
	const withdrawnId = (): string => approvalIdOf(picked[0]);
	const statusNamesById = (records: ExecutedItem[]): Record<string, unknown> =>
		Object.fromEntries(records.map((record) => [approvalIdOf(record), record.json.status_name]));
	const requestsTo = (path: string): RecordedRequest[] => received.filter((request) => request.path === path);

	describe('the lifecycle example as a file', () => {
		interface WorkflowNode {
			name: string;
			type: string;
			parameters: Record<string, unknown>;
			credentials?: { feishuApi?: { id: string } };
		}
		const workflow = lifecycleJson as unknown as {
			id: string;
			nodes: WorkflowNode[];
			connections: Record<string, { main: Array<Array<{ node: string }>> }>;
		};
		const typeOf = (name: string) => workflow.nodes.find((node) => node.name === name)?.type;

		test('has its own id, was imported with the other examples, and uses the shared sandbox credential', () => {
			expect(workflow.id).toBe(LIFECYCLE_EXAMPLE.id);
			expect(stack().examples.map((example) => example.id)).toEqual(
				expect.arrayContaining([LIFECYCLE_EXAMPLE.id, 'feishuSheetRows1']),
			);
			const feishuNodes = workflow.nodes.filter((node) => node.type === REMEDY_NODE_TYPE);
			expect(feishuNodes.map((node) => node.name)).toEqual([
				NODE.create,
				NODE.approve,
				NODE.recordsAfterApproval,
				NODE.withdraw,
				NODE.recordsAfterWithdrawal,
			]);
			for (const node of feishuNodes) expect(node.credentials?.feishuApi?.id).toBe(SANDBOX_CREDENTIAL_ID);
			expect(workflow.nodes.some((node) => node.type === 'n8n-nodes-base.stickyNote')).toBe(false);
		});

		test('ends every Failed output of a Feishu node in a NoOp of its own', () => {
			const failedEnds = workflow.nodes
				.filter((node) => node.type === REMEDY_NODE_TYPE)
				.map((node) => workflow.connections[node.name]?.main[1]?.map((target) => target.node) ?? []);
			expect(failedEnds).toEqual(FAILED_ENDS.map((name) => [name]));
			for (const name of FAILED_ENDS) expect(typeOf(name)).toBe('n8n-nodes-base.noOp');
		});
	});

	describe('the lifecycle example run by `n8n execute`', () => {
		test('finishes with status success; every node on the happy path ran and nothing reached a Failed output', () => {
			expect(run.status).toBe('success');
			expect(run.data.resultData.error).toBeUndefined();
			for (const node of Object.values(NODE)) expect(nodeRan(run, node)).toBe(true);
			for (const node of FAILED_ENDS) expect(nodeRan(run, node)).toBe(false);
			for (const node of [
				NODE.create,
				NODE.approve,
				NODE.recordsAfterApproval,
				NODE.withdraw,
				NODE.recordsAfterWithdrawal,
			]) {
				expect(outputItems(run, node, 1)).toEqual([]);
			}
		});

		test('moves 3 rows → 3 created → 3 approved → 3 records → 1 withdrawn → 3 records', () => {
			expect(rows).toHaveLength(3);
			expect(created).toHaveLength(3);
			expect(approved).toHaveLength(3);
			expect(afterApproval).toHaveLength(3);
			expect(outputItems(run, NODE.approvedRecords)).toHaveLength(3);
			expect(picked).toHaveLength(1);
			expect(withdrawn).toHaveLength(1);
			expect(afterWithdrawal).toHaveLength(3);
			expect(outputItems(run, NODE.finalRecords)).toHaveLength(3);
		});

		test('creates one remedy per row with a fresh approval id, paired with its row', () => {
			expect(new Set(createdIds()).size).toBe(3);
			created.forEach((item, index) => {
				expect(approvalIdOf(item)).toMatch(/^\d{19}$/);
				expect(pairedIndex(item)).toBe(index);
				expect(item.json).toMatchObject(rows[index].json);
				expect(item.json.remedy).toMatchObject({
					employee_type: 'employee_id',
					user_id: rows[index].json.user_id,
					remedy_date: Number(String(rows[index].json.remedy_date).replace(/-/g, '')),
					remedy_time: `${String(rows[index].json.remedy_date)} ${String(rows[index].json.remedy_time)}`,
				});
			});
		});

		test('approves exactly the approval ids the create node returned, item by item', () => {
			approved.forEach((item, index) => {
				expect(pairedIndex(item)).toBe(index);
				expect(approvalInfoOf(item)).toEqual({
					approval_id: createdIds()[index],
					approval_type: 'remedy',
					status: 2,
					status_name: 'approved',
				});
				// The incoming item goes through untouched, approval_info added.
				expect(item.json).toMatchObject(created[index].json);
			});
		});

		test('then finds those remedies approved, each record paired with the item that asked for its user', () => {
			expect(statusNamesById(afterApproval)).toEqual(Object.fromEntries(createdIds().map((id) => [id, 'approved'])));
			for (const record of afterApproval) {
				expect(record.json).toMatchObject({
					status: 2,
					status_name: 'approved',
					employee_type: 'employee_id',
					time_zone: ZONE,
				});
				const asker = approved[pairedIndex(record)];
				expect(record.json.user_id).toBe(asker.json.user_id);
				expect(approvalIdOf(record)).toBe(approvalIdOf(asker));
				expect(record.json.remedy_time).toBe(json<{ remedy_time: string }>(asker, 'remedy').remedy_time);
			}
			expect(outputItems(run, NODE.approvedRecords).map((item) => item.json)).toEqual(
				afterApproval.map((item) => item.json),
			);
		});

		test('withdraws the one approved remedy picked, by the approval id the records carry', () => {
			expect(createdIds()).toContain(withdrawnId());
			expect(picked[0].json).toEqual(afterApproval[0].json);
			expect(pairedIndex(withdrawn[0])).toBe(0);
			expect(approvalInfoOf(withdrawn[0])).toEqual({
				approval_id: withdrawnId(),
				approval_type: 'remedy',
				status: 4,
				status_name: 'withdrawn',
			});
		});

		test('then finds that remedy withdrawn and the other two still approved', () => {
			const expected = Object.fromEntries(
				createdIds().map((id) => [id, id === withdrawnId() ? 'withdrawn' : 'approved']),
			);
			expect(statusNamesById(afterWithdrawal)).toEqual(expected);
			for (const record of afterWithdrawal) {
				expect(record.json.status).toBe(record.json.status_name === 'withdrawn' ? 4 : 2);
				// All users were asked in the one item that reached the node.
				expect(pairedIndex(record)).toBe(0);
			}
			expect(outputItems(run, NODE.finalRecords).map((item) => item.json)).toEqual(
				afterWithdrawal.map((item) => item.json),
			);
		});
	});

	describe('what the Feishu sandbox received and stored from that run', () => {
		test('stored the three remedies under the ids n8n saw: the withdrawn one with status 4, the others 2', () => {
			expect(stored.map((remedy) => remedy.approvalId).sort()).toEqual([...createdIds()].sort());
			for (const remedy of stored) expect(remedy.status).toBe(remedy.approvalId === withdrawnId() ? 4 : 2);
			expect(stored.filter((remedy) => remedy.status === 4)).toHaveLength(1);
		});

		test('got three creates, then approval_infos/process with approval_type remedy: status 2 per id, then 4 for one', () => {
			expect(requestsTo(PATHS.createRemedy)).toHaveLength(3);
			const processed = requestsTo(PATHS.processApproval);
			expect(processed.map((request) => request.body)).toEqual([
				...createdIds().map((approval_id) => ({ approval_id, approval_type: 'remedy', status: 2 })),
				{ approval_id: withdrawnId(), approval_type: 'remedy', status: 4 },
			]);
			for (const request of processed) {
				expect(request.outcome).toEqual({ status: 200, code: 0 });
				expect(request.headers.authorization).toMatch(/^Bearer \S+$/);
			}
		});

		test('queried every status for the three users around the remedy dates, before and after the withdrawal', () => {
			// Create asks first whether each slot already holds a live remedy (pending and approved): those come before any create.
			const firstCreate = requestsTo(PATHS.createRemedy)[0];
			const checks = requestsTo(PATHS.queryRemedies).filter((request) => request.seq < firstCreate.seq);
			expect(checks.map((request) => (request.body as { status: number }).status).sort()).toEqual([0, 2]);
			for (const check of checks)
				expect((check.body as { user_ids: string[] }).user_ids).toEqual(rows.map((row) => row.json.user_id));
			const queries = requestsTo(PATHS.queryRemedies).filter((request) => request.seq > firstCreate.seq);
			const withdrawal = requestsTo(PATHS.processApproval).find(
				(request) => (request.body as { status: number }).status === 4,
			);
			expect(queries.map((request) => (request.body as { status: number }).status)).toEqual([
				0, 1, 2, 3, 4, 0, 1, 2, 3, 4,
			]);
			expect(queries.slice(0, 5).every((request) => request.seq < (withdrawal?.seq ?? 0))).toBe(true);
			expect(queries.slice(5).every((request) => request.seq > (withdrawal?.seq ?? Infinity))).toBe(true);

			// The rows are 1 and 2 days ago; the query covers the last 7 days up to the end of today, in Shanghai.
			const today = DateTime.fromISO(String(rows[0].json.remedy_date), { zone: ZONE }).plus({ days: 1 });
			expect(Math.abs(today.diff(DateTime.now().setZone(ZONE).startOf('day'), 'days').days)).toBeLessThanOrEqual(1);
			const users = rows.map((row) => row.json.user_id);
			for (const request of queries) {
				expect(request.query.employee_type).toBe('employee_id');
				expect(request.body).toMatchObject({
					user_ids: users,
					check_time_from: String(today.minus({ days: 7 }).startOf('day').toSeconds()),
					check_time_to: String(Math.floor(today.endOf('day').toSeconds())),
				});
				expect(request.outcome).toEqual({ status: 200, code: 0 });
			}
		});

		test('got nothing else but the one token exchange', () => {
			const known = new Set<string>([PATHS.createRemedy, PATHS.processApproval, PATHS.queryRemedies]);
			expect(received.filter((request) => !known.has(request.path)).map((request) => request.path)).toEqual([
				PATHS.tenantToken,
			]);
		});
	});
});
