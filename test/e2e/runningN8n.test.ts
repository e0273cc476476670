/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-restricted-globals -- e2e test, runs in jest under plain Node: a throwaway owner password and a deliberately wrong app secret for a loopback-only n8n */
/**
 * End to end against a running n8n (`n8n start` on 127.0.0.1, every version of the e2e matrix) with this package installed as a
 * community node: the webhook example called over HTTP, the credential test the editor's "Test"
 * button makes, and the node as the editor loads it.
 */

import { DateTime } from 'luxon';

import { EditorBrowser, findChromium } from '../../scripts/n8n/editorBrowser';
import {
	SANDBOX_CREDENTIAL_ID,
	SANDBOX_CREDENTIAL_NAME,
	SHEET_EXAMPLE,
	WEBHOOK_EXAMPLE,
	sandboxCredential,
} from '../../scripts/n8n/examples';
import type { Owner } from '../../scripts/n8n/n8nInstance';
import { REMEDY_NODE_NAME } from '../../scripts/n8n/sheetOutcome';
import { describeEachN8n, E2E_TIMEOUT_MS } from './realN8n';

jest.setTimeout(E2E_TIMEOUT_MS);

const OWNER: Owner = {
	email: 'e2e@example.com',
	firstName: 'End',
	lastName: 'ToEnd',
	password: 'E2e-owner-password-1',
};

// Debian's chromium (apt-get install chromium); without it these tests are skipped, and say so.
const chromiumPath = findChromium();
const describeInBrowser = chromiumPath ? describe : describe.skip;
if (!chromiumPath)
	process.stderr.write('[e2e running] no Chromium (apt-get install chromium): the editor tests are skipped\n');

describeEachN8n('running', (stack) => {
	beforeAll(async () => {
		await stack().n8n.start(stack().children);
		await stack().n8n.setupOwner(OWNER);
	}, 180_000);

	const daysAgo = (days: number): string =>
		DateTime.now().setZone('Asia/Shanghai').minus({ days }).toFormat('yyyy-MM-dd');

	interface WebhookAnswer {
		success: number;
		failed: number;
		created: Array<{ user_id: string; remedy_date: number; approval_id: string }>;
		failures: Array<{ item: number | null; category: string; code: number | null; msg: string; field: string | null }>;
	}

	async function postRows(rows: Array<Record<string, unknown>>): Promise<{ status: number; body: WebhookAnswer }> {
		const response = await fetch(stack().n8n.webhookUrl(WEBHOOK_EXAMPLE.path), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ rows }),
		});
		const text = await response.text();
		try {
			return { status: response.status, body: JSON.parse(text) as WebhookAnswer };
		} catch {
			throw new Error(
				`the webhook answered ${response.status} with no JSON: ${text}\nn8n said:\n${stack().n8n.startOutput()}`,
			);
		}
	}

	describe('the published webhook example', () => {
		test('answers with the count of each branch, and only the well-formed rows reach Feishu', async () => {
			const mark = await stack().sandbox.lastSeq();
			const answer = await postRows([
				{
					user_id: 'e1002',
					remedy_date: daysAgo(1),
					punch_no: 0,
					work_type: 'on',
					remedy_time: '09:00',
					reason: 'webhook: forgot (in)',
				},
				{
					user_id: 'e1002',
					remedy_date: daysAgo(1),
					punch_no: 0,
					work_type: 'off',
					remedy_time: '18:00',
					reason: 'webhook: forgot (out)',
				},
				{
					user_id: 'e1006',
					remedy_date: daysAgo(1),
					punch_no: 0,
					work_type: 'on',
					remedy_time: '09:00',
					reason: 'webhook: group forbids',
				},
				{
					user_id: 'e1002',
					remedy_date: '2026-02-30',
					punch_no: 0,
					work_type: 'on',
					remedy_time: '09:00',
					reason: 'webhook: no such day',
				},
			]);

			expect(answer.status).toBe(200);
			expect(answer.body).toMatchObject({ success: 2, failed: 2 });
			expect(answer.body.created.map((remedy) => remedy.user_id)).toEqual(['e1002', 'e1002']);
			expect(answer.body.failures).toEqual([
				expect.objectContaining({ item: 2, category: 'not_allowed', code: 1226502 }),
				expect.objectContaining({ item: 3, category: 'invalid_input', code: null, field: 'remedy_date' }),
			]);

			const received = await stack().sandbox.remedyRequests(mark);
			expect(received.map((request) => (request.body as { reason: string }).reason).sort()).toEqual([
				'webhook: forgot (in)',
				'webhook: forgot (out)',
				'webhook: group forbids',
			]);
			const stored = (await stack().sandbox.remedies()).map((remedy) => remedy.approvalId);
			for (const remedy of answer.body.created) expect(stored).toContain(remedy.approval_id);
		});

		test('still answers when every row fails, and then sends Feishu nothing', async () => {
			const mark = await stack().sandbox.lastSeq();
			const answer = await postRows([
				{
					user_id: 'e1002',
					remedy_date: daysAgo(2),
					punch_no: 0,
					work_type: 'on',
					remedy_time: '25:00',
					reason: 'no such hour',
				},
				{ user_id: 'e1002', remedy_date: daysAgo(2), punch_no: 0, work_type: 'on', remedy_time: '09:00' },
			]);
			expect(answer.status).toBe(200);
			expect(answer.body).toMatchObject({ success: 0, failed: 2, created: [] });
			expect(answer.body.failures.map((failure) => failure.field)).toEqual(['remedy_time', 'reason']);
			expect(await stack().sandbox.remedyRequests(mark)).toEqual([]);
		});
	});

	describe("the credential test behind the editor's Test button (POST /rest/credentials/test)", () => {
		async function testCredential(appSecret: string) {
			const credential = sandboxCredential(stack().sandbox.app, appSecret);
			const answer = await stack().n8n.rest<{ status: string; message: string }>('POST', '/rest/credentials/test', {
				credentials: {
					id: SANDBOX_CREDENTIAL_ID,
					name: SANDBOX_CREDENTIAL_NAME,
					type: credential.type,
					data: credential.data,
				},
			});
			expect(answer.status).toBe(200);
			return answer.body.data;
		}

		test('passes with the app secret the sandbox issued', async () => {
			expect(await testCredential(stack().sandbox.app.appSecret)).toMatchObject({ status: 'OK' });
		});

		test("fails with a wrong app secret, naming Feishu's code 10014", async () => {
			const result = await testCredential('not-the-secret-0123456789abcdef');
			expect(result?.status).toBe('Error');
			expect(result?.message).toMatch(/10014/);
		});
	});

	describe('the node as the editor loads it', () => {
		test('is listed as a community node with its two named outputs, Success and Failed', async () => {
			const answer = await stack().n8n.rest('GET', '/types/nodes.json');
			expect(answer.status).toBe(200);
			const types = answer.body as unknown as Array<{
				name: string;
				outputs: unknown;
				outputNames?: string[];
				credentials?: Array<{ name: string }>;
			}>;
			const node = types.find((type) => type.name === 'n8n-nodes-feishu-attendance.feishuAttendanceRemedy');
			expect(node).toBeDefined();
			expect(node?.outputNames).toEqual(['Success', 'Failed']);
			expect(node?.outputs).toEqual(['main', 'main']);
			expect(node?.credentials?.map((credential) => credential.name)).toEqual(['feishuApi']);
		});
	});

	describeInBrowser('the editor in Chromium, signed in as the owner', () => {
		let editor: EditorBrowser;

		beforeAll(async () => {
			editor = await EditorBrowser.launch(stack().n8n.baseUrl, chromiumPath as string);
			await editor.signIn(OWNER);
			await editor.openWorkflow(SHEET_EXAMPLE.id);
		}, 180_000);

		afterAll(async () => {
			await editor?.close();
		});

		test('draws the node from the community package with its two named outputs, Success and Failed', async () => {
			expect(await editor.nodeType(REMEDY_NODE_NAME)).toBe('n8n-nodes-feishu-attendance.feishuAttendanceRemedy');
			expect(await editor.outputLabels(REMEDY_NODE_NAME)).toEqual(['Success', 'Failed']);
		});

		test('runs the sheet example from the canvas, both branches receiving items', async () => {
			await editor.executeWorkflow(['Remedies created', 'Rows to fix']);
			expect(await editor.connectionLabels()).toContain('13 items');
		});
	});
});
