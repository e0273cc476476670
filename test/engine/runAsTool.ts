/**
 * Runs the compiled node the way an AI Agent uses it, inside n8n-core's real WorkflowExecute:
 * the node hangs off an "Agent" node's ai_tool input under its tool type
 * (`…feishuAttendanceRemedyTool`), the agent asks n8n-core for its tools
 * (getInputConnectionData → createNodeAsTool) and calls them with the arguments given. What
 * each call returned — the text the agent (or an MCP client) receives — is handed back.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes, Workflow } from 'n8n-workflow';
import { WorkflowExecute } from 'n8n-core';

import {
	additionalDataFor,
	credentialsHelperFor,
	nodeTypesFor,
	REMEDY_NODE_TYPE,
	remedyNodeType,
} from './runRemedyNode';
import type { FeishuCredentialData } from './runRemedyNode';

export const REMEDY_TOOL_TYPE = `${REMEDY_NODE_TYPE}Tool`;

/** What n8n's createNodeAsTool builds from the node, as the agent sees it. */
interface AgentTool {
	name: string;
	description: string;
	schema: unknown;
	invoke(args: IDataObject): Promise<string>;
}

export interface ToolCallRun {
	tool: { name: string; description: string };
	/** Per call: the text the tool returned, or the message it threw. */
	answers: Array<{ text: string } | { thrown: string }>;
}

/**
 * The node type n8n registers for a `usableAsTool` node (n8n's createAiTools and
 * convertNodeToAiTool, in the n8n package, not n8n-core): the node's description with the
 * tool replacements applied, under `<name>Tool`, no main input, one ai_tool output.
 */
function asToolType(node: INodeType): INodeType {
	const { usableAsTool } = node.description;
	const replacements = typeof usableAsTool === 'object' ? usableAsTool.replacements : {};
	return {
		description: {
			...node.description,
			...replacements,
			name: `${node.description.name}Tool`,
			displayName: `${node.description.displayName} Tool`,
			inputs: [],
			outputs: [NodeConnectionTypes.AiTool],
		},
		execute: node.execute,
	};
}

const startNodeType: INodeType = {
	description: {
		displayName: 'Start',
		name: 'start',
		group: ['trigger'],
		version: 1,
		description: 'Starts the run',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	execute: async () => [[{ json: {} }]],
};

function agentNodeType(calls: IDataObject[], sink: (run: ToolCallRun) => void): INodeType {
	return {
		description: {
			displayName: 'Agent',
			name: 'agent',
			group: ['transform'],
			version: 1,
			description: 'Calls its tools with fixed arguments, as a model would',
			defaults: { name: 'Agent' },
			inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tools' }],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const [tool] = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as AgentTool[];
			const answers: ToolCallRun['answers'] = [];
			for (const args of calls) {
				try {
					answers.push({ text: await tool.invoke(args) });
				} catch (error) {
					answers.push({ thrown: error instanceof Error ? error.message : String(error) });
				}
			}
			sink({ tool: { name: tool.name, description: tool.description }, answers });
			return [[{ json: {} }]];
		},
	};
}

export async function callRemedyTool(options: {
	parameters: INodeParameters;
	credential: FeishuCredentialData;
	calls: IDataObject[];
}): Promise<ToolCallRun> {
	let result: ToolCallRun | undefined;
	const nodeTypes = nodeTypesFor({
		[REMEDY_TOOL_TYPE]: asToolType(remedyNodeType()),
		'test.agent': agentNodeType(options.calls, (run) => (result = run)),
		'test.start': startNodeType,
	});
	const start: INode = {
		id: 'start',
		name: 'Start',
		type: 'test.start',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const agent: INode = {
		id: 'agent',
		name: 'Agent',
		type: 'test.agent',
		typeVersion: 1,
		position: [200, 0],
		parameters: {},
	};
	const tool: INode = {
		id: 'tool',
		name: 'Create remedy',
		type: REMEDY_TOOL_TYPE,
		typeVersion: 1,
		position: [200, 200],
		parameters: options.parameters,
		credentials: { feishuApi: { id: 'cred-1', name: 'Feishu sandbox' } },
	};
	const workflow = new Workflow({
		id: 'remedy-tool-test',
		name: 'Remedy tool test',
		nodes: [start, agent, tool],
		connections: {
			Start: { main: [[{ node: 'Agent', type: NodeConnectionTypes.Main, index: 0 }]] },
			[tool.name]: { ai_tool: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] },
		},
		active: false,
		nodeTypes,
		settings: { timezone: 'Asia/Shanghai' },
	});
	const credentialsHelper = credentialsHelperFor(options.credential);
	const run = await new WorkflowExecute(additionalDataFor(credentialsHelper, workflow), 'manual').run({
		workflow,
		startNode: start,
	});
	if (!result)
		throw new Error(
			`the agent never ran: ${JSON.stringify(run.data.resultData.error ?? run.data.resultData.runData.Agent)}`,
		);
	return result;
}
