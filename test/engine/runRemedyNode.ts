/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test harness: runs in jest under plain Node, never inside n8n */
/**
 * Runs the compiled Feishu Attendance Remedy node inside n8n-core's real WorkflowExecute:
 * a "Rows" node emits the fixture items, the remedy node receives them, and the run's
 * own result data is returned — both outputs, errors and pairedItem as n8n recorded them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core reads its user folder when first loaded: give it a private one.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-remedy-test-'));

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IBinaryKeyData,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { InMemoryCredentialsHelper } from './credentialsHelper';

export const REMEDY_NODE_TYPE = 'n8n-nodes-feishu-attendance.feishuAttendanceRemedy';
export const REMEDY_NODE_NAME = 'Feishu Attendance Remedy';

// The compiled package, exactly as n8n loads it (run `npm run build` first); dist has no typings.
/* eslint-disable @typescript-eslint/no-require-imports */
const { FeishuAttendanceRemedy } =
	require('../../dist/nodes/FeishuAttendanceRemedy/FeishuAttendanceRemedy.node.js') as {
		FeishuAttendanceRemedy: new () => INodeType;
	};
const { FeishuApi } = require('../../dist/credentials/FeishuApi.credentials.js') as {
	FeishuApi: new () => ICredentialType;
};
/* eslint-enable @typescript-eslint/no-require-imports */

export interface FeishuCredentialData extends ICredentialDataDecryptedObject {
	region: string;
	baseUrl: string;
	appId: string;
	appSecret: string;
}

export function sandboxCredential(baseUrl: string, appId: string, appSecret: string): FeishuCredentialData {
	return { region: 'custom', baseUrl, appId, appSecret };
}

export interface RunOptions {
	items: IDataObject[];
	/** Binary data of the items, by position (an upload of a form, a file read from disk). */
	binaries?: Array<IBinaryKeyData | undefined>;
	parameters: INodeParameters;
	credential: FeishuCredentialData;
	continueOnFail?: boolean;
	/** Settings → On Error; `continueOnFail` is the same as 'continueRegularOutput'. */
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	timezone?: string;
}

export interface RemedyRun {
	success: INodeExecutionData[];
	failed: INodeExecutionData[];
	/** n8n's own Error output (third), there with On Error → Continue (using error output). */
	errorOutput: INodeExecutionData[];
	/** The node's error when the run stopped, as n8n recorded it. */
	error?: { message: string; description?: string | null };
	run: IRun;
	credentialsHelper: InMemoryCredentialsHelper;
}

/** Emits the fixture rows, like a sheet or a Code node would. */
function rowsNodeType(rows: IDataObject[], binaries: Array<IBinaryKeyData | undefined> = []): INodeType {
	return {
		description: {
			displayName: 'Rows',
			name: 'rows',
			group: ['input'],
			version: 1,
			description: 'Emits fixture rows',
			defaults: { name: 'Rows' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			return [
				rows.map((json, index) => {
					const binary = binaries[index];
					return binary === undefined
						? { json: structuredClone(json) }
						: { json: structuredClone(json), binary: structuredClone(binary) };
				}),
			];
		},
	};
}

/** A fresh instance of the compiled node type. */
export function remedyNodeType(): INodeType {
	return new FeishuAttendanceRemedy();
}

export function nodeTypesFor(extra: Record<string, INodeType>): INodeTypes {
	const registry: Record<string, INodeType> = { [REMEDY_NODE_TYPE]: new FeishuAttendanceRemedy(), ...extra };
	return {
		getByName: (type) => registry[type],
		getByNameAndVersion: (type) => registry[type],
		getKnownTypes: () => ({}),
	};
}

export function additionalDataFor(
	credentialsHelper: InMemoryCredentialsHelper,
	workflow: Workflow,
): IWorkflowExecuteAdditionalData {
	const workflowData = {
		id: workflow.id,
		name: workflow.name ?? '',
		active: false,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	};
	return {
		hooks: new ExecutionLifecycleHooks('manual', 'test-execution', workflowData as never),
		credentialsHelper,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: '',
		instanceBaseUrl: '',
		formWaitingBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('the task runner is not used in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function credentialsHelperFor(credential: FeishuCredentialData): InMemoryCredentialsHelper {
	return new InMemoryCredentialsHelper(
		{ feishuApi: new FeishuApi() },
		{ 'cred-1': { ...credential, tenantAccessToken: '' } },
	);
}

export interface StepResult {
	success: INodeExecutionData[];
	failed: INodeExecutionData[];
	errorOutput: INodeExecutionData[];
	error?: { message: string; description?: string | null };
}

/**
 * Runs Rows → step 1 → step 2 …, each step a Feishu Attendance Remedy node fed by the
 * Success output of the one before: a whole lifecycle (create → approve → query) in one
 * execution of n8n's engine.
 */
export async function runRemedyWorkflow(options: Omit<RunOptions, 'parameters'> & { steps: INodeParameters[] }) {
	const credentialsHelper = credentialsHelperFor(options.credential);
	const stepNodes: INode[] = options.steps.map((parameters, index) => ({
		id: `remedy-${index}`,
		name: index === 0 ? REMEDY_NODE_NAME : `${REMEDY_NODE_NAME} ${index + 1}`,
		type: REMEDY_NODE_TYPE,
		typeVersion: 1,
		position: [200 * (index + 1), 0],
		parameters,
		credentials: { feishuApi: { id: 'cred-1', name: 'Feishu sandbox' } },
		...(options.onError
			? { onError: options.onError }
			: options.continueOnFail
				? { onError: 'continueRegularOutput' as const }
				: {}),
	}));
	const rowsNode: INode = {
		id: 'rows',
		name: 'Rows',
		type: 'test.rows',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const names = ['Rows', ...stepNodes.map((node) => node.name)];
	const connections = Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, index) => [name, { main: [[{ node: names[index + 1], type: 'main' as const, index: 0 }]] }]),
	);
	const workflow = new Workflow({
		id: 'remedy-test',
		name: 'Remedy test',
		nodes: [rowsNode, ...stepNodes],
		connections,
		active: false,
		nodeTypes: nodeTypesFor({ 'test.rows': rowsNodeType(options.items, options.binaries) }),
		settings: { timezone: options.timezone ?? 'Asia/Shanghai' },
	});

	const run = await new WorkflowExecute(additionalDataFor(credentialsHelper, workflow), 'manual').run({
		workflow,
		startNode: rowsNode,
	});
	const steps: StepResult[] = stepNodes.map((node) => {
		const taskData = run.data.resultData.runData[node.name]?.[0];
		const outputs = taskData?.data?.main ?? [];
		const error = taskData?.error;
		return {
			success: outputs[0] ?? [],
			failed: outputs[1] ?? [],
			errorOutput: outputs[2] ?? [],
			error: error
				? { message: error.message, description: (error as { description?: string | null }).description }
				: undefined,
		};
	});
	return { steps, run, credentialsHelper };
}

export async function runRemedyNode(options: RunOptions): Promise<RemedyRun> {
	const { steps, run, credentialsHelper } = await runRemedyWorkflow({ ...options, steps: [options.parameters] });
	const error =
		steps[0].error ?? (run.data.resultData.error ? { message: run.data.resultData.error.message } : undefined);
	return { ...steps[0], error, run, credentialsHelper };
}
