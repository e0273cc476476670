/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tool: reads the example workflows from disk, in plain Node */
/**
 * The example workflows in examples/ and the one credential they share, as the demo and the
 * end-to-end tests import them. Every example names the credential by the fixed id below, so a
 * credential created with that id (pointing at the local sandbox) makes all of them runnable.
 * A new example (say a create → approve → query lifecycle) is one more JSON file: it is found,
 * imported and, when it starts with a webhook, published with the others.
 */

import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from './communityPackage';
import type { CredentialImport } from './n8nInstance';
import type { SandboxApp } from './sandboxProcess';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

export const SANDBOX_CREDENTIAL_ID = 'FeishuSandbox001';
export const SANDBOX_CREDENTIAL_NAME = 'Feishu sandbox (local)';

/** The examples the demo and the tests refer to by name. */
export const SHEET_EXAMPLE = { file: 'sheet-rows-to-remedies.json', id: 'feishuSheetRows1' } as const;
export const WEBHOOK_EXAMPLE = {
	file: 'webhook-remedy.json',
	id: 'feishuWebhook001',
	path: 'feishu-remedies',
} as const;
export const LIFECYCLE_EXAMPLE = { file: 'remedy-lifecycle.json', id: 'feishuLifecycle1' } as const;
export const XLSX_SHEET_EXAMPLE = {
	file: 'xlsx-sheet-to-remedies.json',
	id: 'feishuSheetXlsx1',
	rowsToFix: 'remedy-requests-to-fix.xlsx',
} as const;
export const CSV_SHEET_EXAMPLE = {
	file: 'csv-sheet-to-remedies.json',
	id: 'feishuSheetCsv01',
	rowsToFix: 'remedy-requests-csv-to-fix.xlsx',
} as const;
export const FORM_EXAMPLE = { file: 'form-remedy.json', id: 'feishuRemedyForm', path: 'feishu-remedy' } as const;

/**
 * Where the examples read and write files: n8n 2.x lets Read/Write Files from Disk reach only
 * `N8N_RESTRICT_FILE_ACCESS_TO`, by default ~/.n8n-files — /home/node/.n8n-files in n8n's Docker
 * image. The files they read are in examples/files/.
 */
export const EXAMPLE_FILES_DIR = '/home/node/.n8n-files';
export const EXAMPLE_INPUT_FILES_DIR = join(EXAMPLES_DIR, 'files');

export interface ExampleWorkflow {
	file: string;
	id: string;
	name: string;
	/** The webhook path when the workflow starts with a Webhook node: it is published on import. */
	webhookPath?: string;
	/** The form path when the workflow starts with a Form Trigger (`/form/<path>`): published too. */
	formPath?: string;
}

interface WorkflowJson {
	id?: string;
	name?: string;
	nodes?: Array<{ type?: string; parameters?: { path?: string; options?: { path?: string } } }>;
}

export function listExamples(): ExampleWorkflow[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
			if (typeof workflow.id !== 'string' || workflow.id === '') throw new Error(`examples/${file} has no "id"`);
			const webhook = workflow.nodes?.find((node) => node.type === 'n8n-nodes-base.webhook');
			const form = workflow.nodes?.find((node) => node.type === 'n8n-nodes-base.formTrigger');
			const formPath = form?.parameters?.path ?? form?.parameters?.options?.path;
			return { file, id: workflow.id, name: workflow.name ?? file, webhookPath: webhook?.parameters?.path, formPath };
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

/** A workflow that runs by itself once imported: its trigger is live after `n8n publish:workflow`. */
export function isPublished(example: ExampleWorkflow): boolean {
	return example.webhookPath !== undefined || example.formPath !== undefined;
}

/**
 * The examples as a user sets them up on this machine: examples/files/ copied into n8n's files
 * folder `filesDir`, and the workflows, with their file paths pointing there, written to
 * `workflowsDir` for `n8n import:workflow --separate`.
 */
export function prepareExamples(workflowsDir: string, filesDir: string): string {
	mkdirSync(workflowsDir, { recursive: true });
	mkdirSync(filesDir, { recursive: true });
	for (const file of readdirSync(EXAMPLE_INPUT_FILES_DIR))
		copyFileSync(join(EXAMPLE_INPUT_FILES_DIR, file), join(filesDir, file));
	const inJson = JSON.stringify(filesDir).slice(1, -1);
	for (const { file } of listExamples()) {
		const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8');
		writeFileSync(join(workflowsDir, file), text.split(EXAMPLE_FILES_DIR).join(inJson));
	}
	return workflowsDir;
}
