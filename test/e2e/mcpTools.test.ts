/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- e2e test, runs in jest under plain Node */
/**
 * End to end: the node as AI tools behind n8n's own MCP Server Trigger, in a running n8n
 * (`n8n start` on 127.0.0.1), called by a real MCP client (@modelcontextprotocol/sdk) the way an
 * agent's MCP connection calls it — no language model involved, the client sends the arguments a
 * model would. The workflow is the example examples/agent-tools-mcp.json, published before start.
 * What is checked is what the agent receives: the approval ID of a created remedy, and for a
 * remedy Feishu refuses or a date that does not exist, the error's code, message and hint.
 *
 * Needs the MCP Server Trigger with typeVersion 2 (Streamable HTTP at /mcp/<path>): n8n 2.x has
 * it; n8n 1.85 has no MCP Server Trigger at all, so this file cannot run there.
 */

// The SDK names these paths in its package.json "exports", which the lint's resolver does not read (tsc and jest do).
// eslint-disable-next-line import-x/no-unresolved
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
// eslint-disable-next-line import-x/no-unresolved
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { DateTime } from 'luxon';

import type { Stack } from '../../scripts/n8n/stack';
import { describeEachN8n, E2E_TIMEOUT_MS } from './realN8n';

jest.setTimeout(E2E_TIMEOUT_MS);

export const MCP_EXAMPLE = { file: 'agent-tools-mcp.json', id: 'feishuMcpTools01', path: 'feishu-attendance' } as const;
const CREATE_TOOL = 'Create_remedy_request';
const SLOTS_TOOL = 'Get_allowed_remedy_slots';

/** The JSON text an MCP tool call answered with, parsed: n8n sends the first output's items as a list. */
interface ToolAnswer {
	isError?: boolean;
	items: Array<Record<string, unknown>>;
	text: string;
}

/**
 * n8n answers its REST API before it serves webhooks and before it has activated the published
 * workflows: until then the MCP endpoint answers 404 ("Cannot POST", then "webhook is not
 * registered"). Connect as soon as it is there.
 */
async function connectWhenActive(stack: Stack, url: string, timeoutMs = 60_000): Promise<Client> {
	const started = Date.now();
	for (;;) {
		const client = new Client({ name: 'feishu-attendance-e2e', version: '1.0.0' });
		try {
			await client.connect(new StreamableHTTPClientTransport(new URL(url)));
			return client;
		} catch (error) {
			const notYet = error instanceof StreamableHTTPError && error.code === 404;
			if (!notYet || Date.now() - started > timeoutMs) {
				throw new Error(`could not connect to ${url}: ${String(error)}\nn8n said:\n${stack.n8n.startOutput()}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
}

function mcpToolSuite(stack: () => Stack): void {
	let client: Client;

	beforeAll(async () => {
		await stack().n8n.publishWorkflow(MCP_EXAMPLE.id);
		await stack().n8n.start(stack().children);
		client = await connectWhenActive(stack(), `${stack().n8n.baseUrl}/mcp/${MCP_EXAMPLE.path}`);
	}, 180_000);

	afterAll(async () => {
		await client?.close();
	});

	const daysAgo = (days: number): string =>
		DateTime.now().setZone('Asia/Shanghai').minus({ days }).toFormat('yyyy-MM-dd');

	async function callTool(name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
		const result = await client.callTool({ name, arguments: args });
		const content = result.content as Array<{ type: string; text?: string }>;
		const text = content.map((part) => part.text ?? '').join('');
		let items: ToolAnswer['items'];
		try {
			items = JSON.parse(text) as ToolAnswer['items'];
		} catch {
			throw new Error(
				`tool ${name} answered text that is not JSON (isError ${String(result.isError)}):\n${text}\nn8n said:\n${stack().n8n.startOutput()}`,
			);
		}
		return { isError: result.isError === true, items, text };
	}

	const remedyCall = (overrides: Record<string, string> = {}) => ({
		user_id: 'e1002',
		remedy_date: daysAgo(1),
		punch: '1st',
		work_type: 'on_duty',
		remedy_time: '09:00',
		reason: 'mcp: forgot to clock in',
		...overrides,
	});

	test('lists both tools with their descriptions and the fields the agent fills, each described', async () => {
		const { tools } = await client.listTools();
		expect(tools.map((tool) => tool.name).sort()).toEqual([CREATE_TOOL, SLOTS_TOOL]);
		const create = tools.find((tool) => tool.name === CREATE_TOOL);
		expect(create?.description).toMatch(/approval_id.*error\.code, error\.msg and error\.hint/);
		const properties = create?.inputSchema.properties as Record<string, { type: string; description?: string }>;
		expect(Object.keys(properties).sort()).toEqual([
			'punch',
			'reason',
			'remedy_date',
			'remedy_time',
			'user_id',
			'work_type',
		]);
		expect(properties.remedy_date).toMatchObject({
			type: 'string',
			description: expect.stringContaining('yyyy-MM-dd'),
		});
		expect(create?.inputSchema.required).toEqual(expect.arrayContaining(Object.keys(properties)));
	});

	test('a remedy Feishu accepts: the agent gets ok and the approval ID, which Feishu stores', async () => {
		const mark = await stack().sandbox.lastSeq();
		const answer = await callTool(CREATE_TOOL, remedyCall());

		expect(answer.isError).toBe(false);
		expect(answer.items).toEqual([expect.objectContaining({ ok: true, approval_id: expect.any(String) })]);
		const [created] = answer.items;
		expect(created.remedy).toMatchObject({
			user_id: 'e1002',
			punch_no: 0,
			work_type: 1,
			reason: 'mcp: forgot to clock in',
		});
		expect((await stack().sandbox.remedyRequests(mark)).length).toBe(1);
		expect((await stack().sandbox.remedies()).map((remedy) => remedy.approvalId)).toContain(created.approval_id);
	});

	test("a remedy Feishu refuses: the agent gets ok: false with Feishu's code, message and a hint", async () => {
		const answer = await callTool(CREATE_TOOL, remedyCall({ user_id: 'e1006', reason: 'mcp: group forbids' }));

		expect(answer.isError).toBe(false);
		expect(answer.items).toHaveLength(1);
		const [refused] = answer.items;
		expect(refused).toMatchObject({ ok: false, error: { category: 'not_allowed', code: 1226502 } });
		expect(refused.error).toEqual(
			expect.objectContaining({ msg: expect.any(String), hint: expect.stringContaining('does not allow remedies') }),
		);
		expect(refused).not.toHaveProperty('approval_id');
	});

	test('a date that does not exist: the agent gets the validation message naming the field, and nothing reaches Feishu', async () => {
		const mark = await stack().sandbox.lastSeq();
		const answer = await callTool(CREATE_TOOL, remedyCall({ remedy_date: '2026-02-30', reason: 'mcp: no such day' }));

		expect(answer.isError).toBe(false);
		expect(answer.items).toEqual([
			expect.objectContaining({
				ok: false,
				error: expect.objectContaining({
					category: 'invalid_input',
					field: 'remedy_date',
					msg: expect.stringContaining('Remedy Date: got "2026-02-30"; expected a date such as'),
					hint: expect.stringContaining('Nothing was sent to Feishu'),
				}),
			}),
		]);
		expect(await stack().sandbox.remedyRequests(mark)).toEqual([]);
	});

	test("the slots tool answers with the day's slots in one item, each with its window", async () => {
		const answer = await callTool(SLOTS_TOOL, { user_id: 'e1002', remedy_date: daysAgo(2) });
		expect(answer.items).toEqual([expect.objectContaining({ ok: true, user_id: 'e1002', slots: expect.any(Array) })]);
		const slots = answer.items[0].slots as Array<Record<string, unknown>>;
		expect(slots.length).toBeGreaterThan(0);
		for (const slot of slots) {
			expect(slot).toMatchObject({
				punch_no: expect.any(Number),
				work_type: expect.any(Number),
				remedy_start_time: expect.any(String),
				remedy_end_time: expect.any(String),
			});
		}
	});
}

describeEachN8n('mcp', mcpToolSuite, { only: ['2.8.4', '2.40.7'], because: 'n8n 1.85 has no MCP Server Trigger' });
