/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tool: reads the example workflows from disk, in plain Node */
/**
 * The example workflows in examples/ and the one credential they share, as the demo and the
 * end-to-end tests import them. Every example names the credential by the fixed id below, so a
 * credential created with that id (pointing at the local sandbox) makes all of them runnable.
 * A new example (say a create → approve → query lifecycle) is one more JSON file: it is found,
 * imported and, when it starts with a webhook, published with the others.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from './communityPackage';
import type { CredentialImport } from './n8nInstance';
import type { SandboxApp } from './sandboxProcess';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

export const SANDBOX_CREDENTIAL_ID = 'FeishuSandbox001';
export const SANDBOX_CREDENTIAL_NAME = 'Feishu sandbox (local)';

/** The examples the demo and the tests refer to by name. */
export const SHEET_EXAMPLE = { file: 'sheet-rows-to-remedies.json', id: 'feishuSheetRows1' } as const;
export const WEBHOOK_EXAMPLE = { file: 'webhook-remedy.json', id: 'feishuWebhook001', path: 'feishu-remedies' } as const;
export const LIFECYCLE_EXAMPLE = { file: 'remedy-lifecycle.json', id: 'feishuLifecycle1' } as const;

export interface ExampleWorkflow {
	file: string;
	id: string;
	name: string;
	/** The webhook path when the workflow starts with a Webhook node: it is published on import. */
	webhookPath?: string;
}

interface WorkflowJson {
	id?: string;
	name?: string;
	nodes?: Array<{ type?: string; parameters?: { path?: string } }>;
}

export function listExamples(): ExampleWorkflow[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
			if (typeof workflow.id !== 'string' || workflow.id === '') throw new Error(`examples/${file} has no "id"`);
			const webhook = workflow.nodes?.find((node) => node.type === 'n8n-nodes-base.webhook');
			return { file, id: workflow.id, name: workflow.name ?? file, webhookPath: webhook?.parameters?.path };
		});
}

/** The credential every example uses: the sandbox's demo app at the sandbox's loopback URL. */
export function sandboxCredential(app: SandboxApp, appSecret = app.appSecret): CredentialImport {
	return {
		id: SANDBOX_CREDENTIAL_ID,
		name: SANDBOX_CREDENTIAL_NAME,
		type: 'feishuApi',
		data: { region: 'custom', baseUrl: app.baseUrl, appId: app.appId, appSecret },
	};
}
