/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark: runs in plain Node, never inside n8n */
/**
 * The Feishu sandbox as a child process, so that its CPU and heap never count as the
 * benchmark's, plus the admin calls the benchmark makes: configure, reset, stats and the
 * request log. Only loopback: the sandbox binds 127.0.0.1 and every call goes there.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import type { RecordedRequest, SandboxSettings, SandboxStats } from '../sandbox';

const SANDBOX_CLI = join(__dirname, '..', 'sandbox', 'cli.ts');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

/** What `--ready-json` prints once the sandbox listens. */
export interface SandboxEndpoint {
	baseUrl: string;
	appId: string;
	appSecret: string;
}

export interface SandboxProcess extends SandboxEndpoint {
	configure(settings: Partial<SandboxSettings>): Promise<void>;
	/** Back to the start seed and settings: clears remedies, tokens, stats, the log and rate windows. */
	reset(): Promise<void>;
	stats(): Promise<SandboxStats>;
	requests(): Promise<RecordedRequest[]>;
	stop(): Promise<void>;
}

/** CLI flags of `sandbox/cli.ts`, e.g. `{ 'rate-limit': 50, latency: 50 }`; reset() returns to them. */
export type SandboxFlags = Record<string, number>;

export async function startSandboxProcess(flags: SandboxFlags): Promise<SandboxProcess> {
	const args = ['--import', 'tsx', SANDBOX_CLI, '--port', '0', '--host', '127.0.0.1', '--ready-json'];
	for (const [flag, value] of Object.entries(flags)) args.push(`--${flag}`, String(value));
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- the brief's design: the sandbox runs as a child process, with fixed arguments
	const child = spawn(process.execPath, args, { cwd: join(__dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
	// Never leave the sandbox running behind us, whatever ends this process.
	const killChild = (): void => {
		if (child.exitCode === null) child.kill('SIGTERM');
	};
	process.once('exit', killChild);

	const endpoint = await readyLine(child);
	const admin = async <T>(method: 'GET' | 'POST', name: string, body?: unknown): Promise<T> => {
		const response = await fetch(`${endpoint.baseUrl}/__sandbox/${name}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const answer = (await response.json()) as T & { error?: string };
		if (!response.ok) throw new Error(`sandbox ${method} ${name}: ${answer.error ?? response.status}`);
		return answer;
	};

	return {
		...endpoint,
		configure: async (settings) => {
			await admin('POST', 'configure', settings);
		},
		reset: async () => {
			await admin('POST', 'reset', {});
		},
		stats: async () => await admin<SandboxStats>('GET', 'stats'),
		requests: async () => (await admin<{ requests: RecordedRequest[] }>('GET', 'requests?since=0')).requests,
		stop: async () => {
			process.off('exit', killChild);
			if (child.exitCode !== null) return;
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
			await exited;
			clearTimeout(timer);
		},
	};
}

/** Resolves with the one JSON line the sandbox prints once listening; fails if it dies or stalls. */
async function readyLine(child: ChildProcess): Promise<SandboxEndpoint> {
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr = (stderr + chunk.toString('utf8')).slice(-4000);
	});
	const lines = createInterface({ input: child.stdout! });
	try {
		return await new Promise<SandboxEndpoint>((resolve, reject) => {
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(new Error(`the sandbox did not report ready within ${READY_TIMEOUT_MS / 1000} s\n${stderr}`));
			}, READY_TIMEOUT_MS);
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`the sandbox exited (code ${code}) before it was ready\n${stderr}`));
			});
			lines.once('line', (line) => {
				clearTimeout(timer);
				try {
					const ready = JSON.parse(line) as SandboxEndpoint;
					if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(ready.baseUrl))
						throw new Error(`not a loopback address: ${ready.baseUrl}`);
					resolve(ready);
				} catch (error) {
					reject(new Error(`the sandbox printed something other than its ready line: ${line} (${String(error)})`));
				}
			});
		});
	} finally {
		lines.close();
	}
}
