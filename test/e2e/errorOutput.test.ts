/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- e2e test, runs in jest under plain Node: reads its workflow file from disk */
/**
 * End to end, in a real n8n with this package installed as a community node: Settings → On Error →
 * "Continue (using error output)" on the node, run by `n8n execute`. One node has a credential
 * whose App Secret Feishu rejects (a whole-run failure), one the sandbox's own; both get the same
 * three rows, one of them with a day that does not exist. Read from n8n's own record of the run.
 */

import { join } from 'node:path';

import { sandboxCredential } from '../../scripts/n8n/examples';
import { outputItems, type ExecutedItem, type WorkflowRun } from '../../scripts/n8n/executionResult';
import type { Stack } from '../../scripts/n8n/stack';
import { describeEachN8n, E2E_TIMEOUT_MS } from './realN8n';

jest.setTimeout(E2E_TIMEOUT_MS);

const WORKFLOW = { file: join(__dirname, 'workflows', 'error-output.json'), id: 'feishuErrOutput1' } as const;
const WRONG_SECRET_CREDENTIAL = { id: 'FeishuWrongSecr1', name: 'Feishu sandbox, wrong secret' } as const;
const WRONG = 'With the wrong secret';
const GOOD = 'With the sandbox credential';
const [SUCCESS, FAILED, ERROR] = [0, 1, 2];

const pairedIndexes = (items: ExecutedItem[]) => items.map((item) => (item.pairedItem as { item: number }).item);
const errorOf = (item: ExecutedItem) => item.json.error as Record<string, unknown>;

function errorOutputSuite(stack: () => Stack): void {
	let run: WorkflowRun;

	beforeAll(async () => {
		const wrong = sandboxCredential(stack().sandbox.app, 'not-the-secret-0123456789abcdef');
		await stack().n8n.importCredentials([{ ...wrong, ...WRONG_SECRET_CREDENTIAL }]);
		await stack().n8n.importWorkflow(WORKFLOW.file);
		run = await stack().n8n.execute(WORKFLOW.id);
	}, 300_000);

	test('the run finishes: neither node stops it', () => {
		expect(run.data.resultData.error).toBeUndefined();
		expect(run.data.resultData.runData[WRONG][0].executionStatus).toBe('success');
	});

	test('a rejected App Secret sends each row that would have been sent to Error, with its own fields and code 10014', () => {
		const toError = outputItems(run, WRONG, ERROR);
		expect(pairedIndexes(toError)).toEqual([0, 2]);
		expect(toError.map((item) => item.json.row)).toEqual([1, 3]);
		expect(toError[0].json).toMatchObject({
			user_id: 'e1001',
			work_type: 'on',
			reason: 'error output: forgot to clock in',
		});
		expect(errorOf(toError[0])).toMatchObject({
			category: 'auth',
			code: 10014,
			retry_safe: true,
			hint: expect.stringContaining('credential'),
		});
		expect(JSON.stringify(run)).not.toContain('not-the-secret');
	});

	test('the row with a day that does not exist stays on Failed, and nothing is on Success', () => {
		expect(outputItems(run, WRONG, SUCCESS)).toEqual([]);
		const failed = outputItems(run, WRONG, FAILED);
		expect(pairedIndexes(failed)).toEqual([1]);
		expect(errorOf(failed[0])).toMatchObject({ category: 'invalid_input', field: 'remedy_date' });
		expect(outputItems(run, 'Error (wrong secret)')).toHaveLength(2);
		expect(outputItems(run, 'Failed (wrong secret)')).toHaveLength(1);
	});

	test('with a credential Feishu accepts, Success and Failed are as ever and Error stays empty', () => {
		expect(pairedIndexes(outputItems(run, GOOD, SUCCESS))).toEqual([0, 2]);
		expect(outputItems(run, GOOD, SUCCESS).every((item) => typeof item.json.approval_id === 'string')).toBe(true);
		expect(pairedIndexes(outputItems(run, GOOD, FAILED))).toEqual([1]);
		expect(outputItems(run, GOOD, ERROR)).toEqual([]);
	});

	test('only the rows of the good run reached Feishu', async () => {
		const reasons = (await stack().sandbox.remedyRequests())
			.map((request) => (request.body as { reason: string }).reason)
			.sort();
		expect(reasons).toEqual(['error output: forgot to clock in', 'error output: forgot to clock out']);
	});
}

describeEachN8n('error-output', errorOutputSuite);
