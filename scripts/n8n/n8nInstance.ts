/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- dev tool: drives a real n8n through its CLI and REST API, in plain Node */
/**
 * One real n8n with a private user folder (its own encryption key, sqlite database and community
 * nodes), driven the ways a user does: `n8n import:credentials` / `import:workflow` /
 * `publish:workflow`, `n8n execute --id`, and `n8n start` on 127.0.0.1 with the REST calls of the
 * editor (owner setup, credential test). Nothing here reaches past loopback: every n8n feature
 * that would phone home is switched off.
 */

import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

import { parseExecuteOutput, type WorkflowRun } from './executionResult';
import type { N8nInstallation } from './install';
import { isN8nV1 } from './matrix';
import { delay, freePort, runCommand, type ChildGroup, type CommandResult, type Log } from './processes';

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	/** Plain values: `import:credentials` encrypts them with this user folder's key. */
	data: Record<string, unknown>;
}

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export interface RestAnswer<T = unknown> {
	status: number;
	body: { data?: T; message?: string; code?: number } & Record<string, unknown>;
}

/** n8n keeps these off the network and quiet; every value is a documented n8n setting. */
const OFFLINE_ENV: Record<string, string> = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
	N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	EXTERNAL_FRONTEND_HOOKS_URLS: '',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	// n8n 3.0's default: n8n's own installer refuses unverified packages. A package installed
	// into <user folder>/.n8n/nodes beforehand (as here, or in a custom image) must still load.
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
	N8N_REINSTALL_MISSING_PACKAGES: 'false',
	N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	N8N_SECURE_COOKIE: 'false',
	// `n8n execute` prints its result through the logger at level info: never set it lower.
	N8N_LOG_LEVEL: 'info',
	DB_TYPE: 'sqlite',
};

/** Any browser-id will do, as long as every REST call of one session sends the same. */
const BROWSER_ID = 'feishu-attendance-e2e';

export class N8nInstance {
	private child: ChildProcess | undefined;
	private cookie = '';
	private startLog: string[] = [];
	private liveWebhookPaths: string[] = [];
	/** Settings on top of the defaults, for every command of this instance (queue mode: Redis, PostgreSQL). */
	extraEnv: Record<string, string> = {};
	private fileAccessDir: string | undefined;

	private constructor(
		readonly installation: N8nInstallation,
		readonly userFolder: string,
		private editorPort: number,
		private runnerBrokerPort: number,
		private readonly log: Log,
		/** Whether the ports were picked here (free a moment ago), so another pair may be tried. */
		private readonly portsPicked: boolean,
	) {}

	/** A fresh user folder (created if missing) on free loopback ports, or on `port` if given. */
	static async create(
		installation: N8nInstallation,
		userFolder: string,
		log: Log,
		port?: number,
	): Promise<N8nInstance> {
		mkdirSync(userFolder, { recursive: true });
		const [editorPort, brokerPort] = await freePorts(port);
		return new N8nInstance(installation, userFolder, editorPort, brokerPort, log, port === undefined);
	}

	get port(): number {
		return this.editorPort;
	}

	get brokerPort(): number {
		return this.runnerBrokerPort;
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	webhookUrl(path: string): string {
		return `${this.baseUrl}/webhook/${path}`;
	}

	/** A published Form Trigger's page. */
	formUrl(path: string): string {
		return `${this.baseUrl}/form/${path}`;
	}

	/** Read/Write Files from Disk may reach only `dir` (n8n 2.x: by default only ~/.n8n-files). */
	restrictFileAccessTo(dir: string): void {
		this.fileAccessDir = dir;
	}

	env(): NodeJS.ProcessEnv {
		// Under jest, NODE_ENV is "test", and n8n then keeps its database in memory and logs nothing.
		const inherited = { ...process.env };
		for (const name of ['NODE_ENV', 'JEST_WORKER_ID']) delete inherited[name];
		return {
			...inherited,
			// Whatever n8n spawns with a bare `node` (its task runner) runs under the same Node.
			PATH: `${dirname(this.installation.node.bin)}${delimiter}${inherited.PATH ?? ''}`,
			...OFFLINE_ENV,
			N8N_USER_FOLDER: this.userFolder,
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			...this.extraEnv,
			...(this.fileAccessDir === undefined ? {} : { N8N_RESTRICT_FILE_ACCESS_TO: this.fileAccessDir }),
		};
	}

	/** `n8n <args>` to its end; the caller checks the exit code. */
	async cli(args: string[], timeoutMs = 120_000): Promise<CommandResult> {
		return await runCommand(this.installation.node.bin, [this.installation.bin, ...args], {
			cwd: this.userFolder,
			env: this.env(),
			timeoutMs,
		});
	}

	private async cliChecked(args: string[], timeoutMs?: number): Promise<CommandResult> {
		const result = await this.cli(args, timeoutMs);
		if (result.code !== 0) {
			throw new Error(
				`\`n8n ${args.join(' ')}\` failed (exit ${result.code ?? result.signal}):\n${lastLines(`${result.stdout}\n${result.stderr}`)}`,
			);
		}
		return result;
	}

	/** Creates credentials as a user importing a JSON export would. */
	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		const file = join(this.userFolder, 'credentials-to-import.json');
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		await this.cliChecked(['import:credentials', `--input=${file}`]);
	}

	/** Imports one workflow file; the JSON carries its own `id`. */
	async importWorkflow(file: string): Promise<void> {
		await this.cliChecked(['import:workflow', `--input=${file}`]);
	}

	/** Imports every *.json of a directory in one n8n run; throws unless all `expected` arrived. */
	async importWorkflowDirectory(dir: string, expected: number): Promise<void> {
		const result = await this.cliChecked(['import:workflow', '--separate', `--input=${dir}`]);
		const imported = Number(/Successfully imported (\d+)/.exec(result.stdout)?.[1] ?? 0);
		if (imported !== expected)
			throw new Error(`n8n imported ${imported} of the ${expected} workflows in ${dir}:\n${lastLines(result.stdout)}`);
	}

	/** Makes a workflow's trigger live at the next `n8n start` (2.x: "publish"; 1.x: "activate"). */
	async publishWorkflow(id: string): Promise<void> {
		if (isN8nV1(this.installation.target)) await this.cliChecked(['update:workflow', `--id=${id}`, '--active=true']);
		else await this.cliChecked(['publish:workflow', `--id=${id}`]);
	}

	/**
	 * Runs a workflow once, as `n8n execute --id=<id> --rawOutput`, and returns n8n's own record
	 * of the run. Throws when n8n printed no result; a run that failed is returned (exit 1 then)
	 * so the caller can look at where it failed.
	 */
	async execute(id: string): Promise<WorkflowRun> {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], 180_000);
		let run: WorkflowRun;
		try {
			run = parseExecuteOutput(result.stdout);
		} catch (error) {
			const why = error instanceof Error ? error.message : String(error);
			throw new Error(
				`\`n8n execute --id=${id}\` (exit ${result.code ?? result.signal}): ${why}\nstderr:\n${lastLines(result.stderr)}`,
			);
		}
		// n8n 1.x prints the run before its status is written down: "running", with `finished: true`,
		// which its WorkflowExecute sets only when the run succeeded (a failed one exits 1 with
		// resultData.error). Read that as what 2.x prints, so tests ask one question of every version.
		const settled = run.finished === true && result.code === 0 && run.data.resultData.error === undefined;
		if (isN8nV1(this.installation.target) && run.status === 'running' && settled) run.status = 'success';
		return run;
	}

	/**
	 * `n8n start`, waiting until the editor's REST API answers (GET /rest/settings: /healthz says
	 * ready a few seconds before the controllers are mounted). Output: <userFolder>/n8n-start.log.
	 */
	async start(children: ChildGroup, timeoutMs = 120_000): Promise<void> {
		// A port free when it was picked can be taken by another process before n8n binds it
		// (other n8n instances run on this machine): n8n then exits saying so, and a pair of
		// freshly picked ports is tried, up to three times.
		for (let attempt = 1; ; attempt += 1) {
			const outcome = await this.startOnce(children, timeoutMs);
			if (outcome === 'ready') return;
			if (!this.portsPicked || attempt === 3) {
				throw new Error(
					`n8n start: port ${this.port} or ${this.brokerPort} was taken (attempt ${attempt}):\n${lastLines(this.startLog.join('\n'))}`,
				);
			}
			this.log(`n8n start: port ${this.port} or ${this.brokerPort} was taken by another process; trying other ports`);
			[this.editorPort, this.runnerBrokerPort] = await freePorts();
		}
	}

	private async startOnce(children: ChildGroup, timeoutMs: number): Promise<'ready' | 'port taken'> {
		const started = Date.now();
		this.startLog = [];
		const logFile = createWriteStream(join(this.userFolder, 'n8n-start.log'));
		const child = children.spawn(this.installation.node.bin, [this.installation.bin, 'start'], {
			cwd: this.userFolder,
			env: this.env(),
		});
		this.child = child;
		for (const stream of [child.stdout, child.stderr]) {
			stream?.setEncoding('utf8');
			stream?.on('data', (chunk: string) => {
				logFile.write(chunk);
				this.startLog.push(...chunk.split('\n'));
				if (this.startLog.length > 400) this.startLog.splice(0, this.startLog.length - 200);
			});
		}
		child.once('exit', () => logFile.end());
		// Only the n8n started here: an answer on the port proves nothing until it says it listens there.
		const listening = `n8n ready on 127.0.0.1, port ${this.port}`;
		const portTaken = (): boolean =>
			this.startLog.some((line) => line.includes('is already in use') || line.includes('EADDRINUSE'));
		while (Date.now() - started < timeoutMs) {
			if (child.exitCode !== null || child.signalCode !== null) {
				if (portTaken()) return 'port taken';
				throw new Error(
					`n8n start exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${lastLines(this.startLog.join('\n'))}`,
				);
			}
			if (portTaken()) {
				await children.stop(child, 5_000);
				return 'port taken';
			}
			// n8n listens long before it is ready: while migrating it answers every path 200 "n8n is
			// starting up", and it prints the editor's URL only after the controllers are mounted and
			// the published workflows activated (n8n 2.40 still registers their webhooks after that).
			const saidReady =
				this.startLog.some((line) => line.includes(listening)) &&
				this.startLog.some((line) => line.includes('Editor is now accessible via'));
			if (saidReady && (await this.answersSettings()) && (await this.webhooksLive())) {
				this.log(`n8n is up on ${this.baseUrl} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
				return 'ready';
			}
			await delay(250);
		}
		const waitingFor =
			this.liveWebhookPaths.length > 0 ? ` (or its webhooks ${this.liveWebhookPaths.join(', ')} were not live)` : '';
		throw new Error(
			`n8n did not get ready on ${this.baseUrl} within ${timeoutMs / 1000}s${waitingFor}:\n${lastLines(this.startLog.join('\n'))}`,
		);
	}

	/** The editor's settings as JSON (`{ data: … }`), not the start-up placeholder. */
	private async answersSettings(): Promise<boolean> {
		try {
			const answer = await fetch(`${this.baseUrl}/rest/settings`);
			const body = (await answer.json()) as { data?: unknown };
			return answer.status === 200 && typeof body.data === 'object' && body.data !== null;
		} catch {
			return false;
		}
	}

	/**
	 * Whether every path passed to `expectWebhooks` is registered, asked the way a browser's CORS
	 * preflight does: n8n answers OPTIONS with 204 and the webhook's methods for a live webhook and
	 * 404 for an unknown one, without running the workflow.
	 */
	private async webhooksLive(): Promise<boolean> {
		for (const path of this.liveWebhookPaths) {
			try {
				const answer = await fetch(this.webhookUrl(path), {
					method: 'OPTIONS',
					headers: { origin: this.baseUrl, 'access-control-request-method': 'POST' },
				});
				if (answer.status !== 204) return false;
			} catch {
				return false;
			}
		}
		return true;
	}

	/** Webhook paths of published workflows: `start` waits until n8n serves them. */
	expectWebhooks(paths: string[]): void {
		this.liveWebhookPaths = [...paths];
	}

	async stop(children: ChildGroup): Promise<void> {
		if (this.child) await children.stop(this.child, 15_000);
		this.child = undefined;
	}

	/** The last lines `n8n start` printed, for a failing test's message. */
	startOutput(lines = 60): string {
		return this.startLog.slice(-lines).join('\n');
	}

	/** Creates the owner account (a fresh n8n has none) and keeps its session cookie. */
	async setupOwner(owner: Owner): Promise<void> {
		const answer = await this.rest('POST', '/rest/owner/setup', owner);
		if (answer.status !== 200) throw new Error(`owner setup: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
	}

	async login(owner: Owner): Promise<void> {
		const answer = await this.rest('POST', '/rest/login', {
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
		if (answer.status !== 200) throw new Error(`login: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
	}

	/** A call to the editor's REST API with this session's cookie. */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<RestAnswer<T>> {
		const headers: Record<string, string> = { 'browser-id': BROWSER_ID };
		if (this.cookie) headers.cookie = this.cookie;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		let parsed: RestAnswer<T>['body'];
		try {
			parsed = JSON.parse(text) as RestAnswer<T>['body'];
		} catch {
			parsed = { message: text };
		}
		return { status: response.status, body: parsed };
	}
}

/** Two distinct free loopback ports: n8n's (or `editorPort` if given) and its task-runner broker's. */
async function freePorts(editorPort?: number): Promise<[number, number]> {
	const port = editorPort ?? (await freePort());
	let brokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	return [port, brokerPort];
}

function lastLines(text: string, count = 40): string {
	return text.trim().split('\n').slice(-count).join('\n');
}
