/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev tool: sets up sandbox + real n8n for the demo and e2e tests, in plain Node */
/**
 * The whole local setup the demo and the end-to-end tests share, in the order a user meets it:
 * n8n installed; this package built, packed and installed as a community package; the Feishu
 * sandbox running; the sandbox credential created and the example workflows imported (webhook
 * ones published). Starting the editor (`n8n start`) is left to the caller.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildPackage, installIntoUserFolder, packPackage } from './communityPackage';
import { isPublished, listExamples, prepareExamples, sandboxCredential, type ExampleWorkflow } from './examples';
import { ensureN8n } from './install';
import { DEFAULT_TARGET, type N8nTarget } from './matrix';
import { N8nInstance } from './n8nInstance';
import { ChildGroup, type Log } from './processes';
import { SandboxProcess } from './sandboxProcess';

export interface Stack {
	workDir: string;
	children: ChildGroup;
	sandbox: SandboxProcess;
	n8n: N8nInstance;
	examples: ExampleWorkflow[];
	/** n8n's files folder (N8N_RESTRICT_FILE_ACCESS_TO): what the examples read and write on disk. */
	filesDir: string;
	/** Stops n8n and the sandbox and removes the work directory (unless kept). */
	close(): Promise<void>;
}

export interface StackOptions {
	log: Log;
	/** Prefix of the temporary work directory. */
	name: string;
	/** Leave the work directory (user folder, logs) in place after close. */
	keepWorkDir?: boolean;
	/** Skip `npm run build` (the caller built already). */
	skipBuild?: boolean;
	/** The port for `n8n start`; default: a free one. */
	n8nPort?: number;
	/** Which n8n of the matrix (scripts/n8n/matrix.ts); default: 2.8.4 on the host's Node. */
	target?: N8nTarget;
}

/** One build per process: a test file that sets up a stack per n8n version builds the package once. */
let built: Promise<void> | undefined;

export async function setUpStack(options: StackOptions): Promise<Stack> {
	const { log } = options;
	const workDir = mkdtempSync(join(tmpdir(), `${options.name}-`));
	const children = new ChildGroup();
	let sandbox: SandboxProcess | undefined;
	try {
		const installation = await ensureN8n(log, options.target ?? DEFAULT_TARGET);
		if (!options.skipBuild) {
			built ??= buildPackage(log);
			// A failed build is not kept: the next stack tries again.
			await built.catch((error: unknown) => {
				built = undefined;
				throw error;
			});
		}
		const tarball = await packPackage(join(workDir, 'pack'));
		const n8n = await N8nInstance.create(installation, join(workDir, 'user'), log, options.n8nPort);
		const filesDir = join(workDir, 'n8n-files');
		n8n.restrictFileAccessTo(filesDir);
		await installIntoUserFolder(n8n.userFolder, tarball, log);

		sandbox = await SandboxProcess.start(children);
		log(`Feishu sandbox on ${sandbox.baseUrl} (app ${sandbox.app.appId})`);

		const started = Date.now();
		await n8n.importCredentials([sandboxCredential(sandbox.app)]);
		const examples = listExamples();
		await n8n.importWorkflowDirectory(prepareExamples(join(workDir, 'examples'), filesDir), examples.length);
		for (const example of examples) {
			if (isPublished(example)) await n8n.publishWorkflow(example.id);
		}
		n8n.expectWebhooks(examples.flatMap((example) => (example.webhookPath ? [example.webhookPath] : [])));
		log(
			`imported the credential and ${examples.length} example workflows (${((Date.now() - started) / 1000).toFixed(1)}s)`,
		);

		return {
			workDir,
			children,
			sandbox,
			n8n,
			examples,
			filesDir,
			close: async () => {
				await children.stopAll();
				if (!options.keepWorkDir) rmSync(workDir, { recursive: true, force: true });
			},
		};
	} catch (error) {
		await children.stopAll();
		if (!options.keepWorkDir) rmSync(workDir, { recursive: true, force: true });
		throw error;
	}
}
