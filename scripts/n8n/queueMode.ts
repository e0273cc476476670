/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- dev tool: sets up n8n's queue mode for the e2e test and by hand, in plain Node */
/**
 * n8n in queue mode, as users scale it out: Redis and PostgreSQL (queueServices.ts), one main
 * (`n8n start`: editor, webhooks; it runs no workflow, it queues them) and `n8n worker`
 * processes that take the queued executions — this package installed as a community node in
 * each one's user folder, all sharing one encryption key and one database. The Feishu sandbox
 * runs beside them, and the workflows the caller gives are imported and published.
 */

import { createHash, randomBytes } from 'node:crypto';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildPackage, installIntoUserFolder, packPackage, REMEDY_NODE_TYPE } from './communityPackage';
import { SANDBOX_CREDENTIAL_ID, SANDBOX_CREDENTIAL_NAME, sandboxCredential } from './examples';
import { ensureN8n, type N8nInstallation } from './install';
import { N8nInstance } from './n8nInstance';
import { ChildGroup, delay, freePort, type Log } from './processes';
import { startPostgres, startRedis, type PostgresServer, type RedisServer } from './queueServices';
import { SandboxProcess } from './sandboxProcess';

/** A workflow for the queue: Webhook (answers at once) → Split Out `body.rows` → the remedy node. */
export interface QueueWorkflow {
	id: string;
	name: string;
	/** The webhook's path: POST { "rows": [ … ] } to /webhook/<path>. */
	path: string;
}

export interface QueueStack {
	workDir: string;
	children: ChildGroup;
	redis: RedisServer;
	postgres: PostgresServer;
	sandbox: SandboxProcess;
	main: N8nInstance;
	workers: QueueWorker[];
	/** The environment of every n8n process (queue, database, encryption key), as docs/queue-mode.md lists it. */
	queueEnv: Record<string, string>;
	close(): Promise<void>;
}

export interface QueueStackOptions {
	log: Log;
	name: string;
	workflows: QueueWorkflow[];
	workers: number;
	/** Executions one worker runs at once (`n8n worker --concurrency`). */
	workerConcurrency: number;
	/** Extra `sandbox/cli.ts` flags, e.g. ['--latency', '50']. */
	sandboxArgs?: string[];
	keepWorkDir?: boolean;
	skipBuild?: boolean;
}

/** The environment that puts an n8n process in queue mode against these servers. */
export function queueModeEnv(
	redis: RedisServer,
	postgres: PostgresServer,
	encryptionKey: string,
): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		// Main and workers must decrypt the same credentials.
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
	};
}

export async function setUpQueueStack(options: QueueStackOptions): Promise<QueueStack> {
	const { log } = options;
	const workDir = mkdtempSync(join(tmpdir(), `${options.name}-`));
	// PostgreSQL runs as its own user: its directory is outside the private work directory.
	const postgresDir = mkdtempSync(join(tmpdir(), `${options.name}-postgres-`));
	const children = new ChildGroup();
	const removeDirs = (): void => {
		if (options.keepWorkDir) return;
		rmSync(workDir, { recursive: true, force: true });
		rmSync(postgresDir, { recursive: true, force: true });
	};
	try {
		const installation = await ensureN8n(log);
		if (!options.skipBuild) await buildPackage(log);
		const tarball = await packPackage(join(workDir, 'pack'));
		const redis = await startRedis(children, join(workDir, 'redis'), log);
		const postgres = await startPostgres(children, postgresDir, log);
		const queueEnv = queueModeEnv(redis, postgres, randomBytes(24).toString('hex'));

		const main = await N8nInstance.create(installation, join(workDir, 'main'), log);
		main.extraEnv = queueEnv;
		await installIntoUserFolder(main.userFolder, tarball, log);
		const sandbox = await SandboxProcess.start(children, options.sandboxArgs ?? []);
		log(`Feishu sandbox on ${sandbox.baseUrl} (app ${sandbox.app.appId})`);

		// Imports go to PostgreSQL (the first command also creates n8n's tables there).
		await main.importCredentials([sandboxCredential(sandbox.app)]);
		for (const workflow of options.workflows) {
			const file = join(workDir, `${workflow.id}.json`);
			writeFileSync(file, JSON.stringify(queueWorkflowJson(workflow), null, 2));
			await main.importWorkflow(file);
			await main.publishWorkflow(workflow.id);
		}
		log(`imported the credential and ${options.workflows.length} workflows into PostgreSQL`);

		await main.start(children, 180_000);
		const workers: QueueWorker[] = [];
		for (let index = 0; index < options.workers; index++) {
			const folder = join(workDir, `worker-${index + 1}`);
			// Each worker has its own user folder, with the same community package installed.
			cpSync(join(main.userFolder, '.n8n', 'nodes'), join(folder, '.n8n', 'nodes'), { recursive: true });
			workers.push(
				await QueueWorker.start(
					children,
					installation,
					main,
					folder,
					`worker-${index + 1}`,
					options.workerConcurrency,
					log,
				),
			);
		}
		return {
			workDir,
			children,
			redis,
			postgres,
			sandbox,
			main,
			workers,
			queueEnv,
			close: async () => {
				await children.stopAll();
				removeDirs();
			},
		};
	} catch (error) {
		await children.stopAll();
		removeDirs();
		throw error;
	}
}

/** One `n8n worker`: its output kept in <folder>/worker.log, and the executions it started. */
export class QueueWorker {
	private readonly lines: string[] = [];

	private constructor(
		readonly name: string,
		readonly child: ChildProcess,
	) {}

	static async start(
		children: ChildGroup,
		installation: N8nInstallation,
		main: N8nInstance,
		folder: string,
		name: string,
		concurrency: number,
		log: Log,
	): Promise<QueueWorker> {
		mkdirSync(folder, { recursive: true });
		const started = Date.now();
		const env = {
			...main.env(),
			N8N_USER_FOLDER: folder,
			// Its own task-runner broker and health server port: several n8n processes share this machine.
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
		};
		const child = children.spawn(process.execPath, [installation.bin, 'worker', `--concurrency=${concurrency}`], {
			cwd: folder,
			env,
		});
		const worker = new QueueWorker(name, child);
		const logFile = createWriteStream(join(folder, 'worker.log'));
		for (const stream of [child.stdout, child.stderr]) {
			stream?.setEncoding('utf8');
			stream?.on('data', (chunk: string) => {
				logFile.write(chunk);
				worker.lines.push(...chunk.split('\n'));
			});
		}
		child.once('exit', () => logFile.end());
		while (!worker.lines.some((line) => line.includes('n8n worker is now ready'))) {
			if (child.exitCode !== null || child.signalCode !== null)
				throw new Error(
					`${name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${worker.output(60)}`,
				);
			if (Date.now() - started > 180_000)
				throw new Error(`${name} did not get ready within 180 s:\n${worker.output(60)}`);
			await delay(250);
		}
		log(`${name} is ready (${((Date.now() - started) / 1000).toFixed(1)}s)`);
		return worker;
	}

	/** Ids of the executions this worker started, from its log ("Worker started execution 12 (job 3)"). */
	startedExecutions(): string[] {
		return this.lines.flatMap((line) => /Worker started execution (\S+) \(job/.exec(line)?.[1] ?? []);
	}

	finishedExecutions(): string[] {
		return this.lines.flatMap((line) => /Worker finished execution (\S+) \(job/.exec(line)?.[1] ?? []);
	}

	output(lines = 40): string {
		return this.lines.slice(-lines).join('\n');
	}
}

/** Webhook → Split Out → Feishu Attendance Remedy, with n8n's own nodes only (no Code node: a worker would need a runner for it). */
export function queueWorkflowJson(workflow: QueueWorkflow): Record<string, unknown> {
	const nodeId = (n: number): string => {
		const hex = createHash('sha256').update(`${workflow.id}/${n}`).digest('hex');
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
	};
	return {
		id: workflow.id,
		name: workflow.name,
		active: false,
		nodes: [
			{
				id: nodeId(1),
				name: 'Rows in',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 300],
				webhookId: nodeId(4),
				parameters: { httpMethod: 'POST', path: workflow.path, responseMode: 'onReceived', options: {} },
			},
			{
				id: nodeId(2),
				name: 'One item per row',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [240, 300],
				parameters: { fieldToSplitOut: 'body.rows', options: {} },
			},
			{
				id: nodeId(3),
				name: 'Feishu Attendance Remedy',
				type: REMEDY_NODE_TYPE,
				typeVersion: 1,
				position: [480, 300],
				parameters: { operation: 'createRemedy', mappingMode: 'autoMap', employeeType: 'employee_id', options: {} },
				credentials: { feishuApi: { id: SANDBOX_CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME } },
			},
		],
		connections: {
			'Rows in': { main: [[{ node: 'One item per row', type: 'main', index: 0 }]] },
			'One item per row': { main: [[{ node: 'Feishu Attendance Remedy', type: 'main', index: 0 }]] },
		},
		settings: {
			executionOrder: 'v1',
			timezone: 'Asia/Shanghai',
			saveDataSuccessExecution: 'all',
			saveDataErrorExecution: 'all',
		},
		pinData: {},
	};
}
