/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tool: runs the Feishu sandbox as a child process, in plain Node */
/**
 * The Feishu sandbox as a separate process, as n8n sees it: started with `--ready-json`, driven
 * through its admin API under /__sandbox/. The demo and the end-to-end tests use this, so what
 * they check is what the sandbox received over HTTP, not what n8n says it sent.
 */

import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import type { RecordedRequest, SandboxSettings, StoredRemedy } from '../../sandbox';
import { REPO_ROOT } from './communityPackage';
import type { ChildGroup } from './processes';

export const REMEDY_PATH = '/open-apis/attendance/v1/user_task_remedys';

export interface SandboxApp {
	baseUrl: string;
	appId: string;
	appSecret: string;
}

export class SandboxProcess {
	private constructor(
		readonly app: SandboxApp,
		readonly child: ChildProcess,
	) {}

	get baseUrl(): string {
		return this.app.baseUrl;
	}

	/** Starts `tsx sandbox/cli.ts --port 0 --ready-json` and waits for its JSON line. */
	static async start(children: ChildGroup, extraArgs: string[] = []): Promise<SandboxProcess> {
		const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
		const child = children.spawn(
			tsx,
			[join(REPO_ROOT, 'sandbox', 'cli.ts'), '--port', '0', '--ready-json', ...extraArgs],
			{ cwd: REPO_ROOT },
		);
		const app = await new Promise<SandboxApp>((resolve, reject) => {
			let stdout = '';
			let stderr = '';
			const timer = setTimeout(
				() => reject(new Error(`the sandbox did not print its ready line in 30 s:\n${stderr}`)),
				30_000,
			);
			child.stdout?.setEncoding('utf8');
			child.stderr?.setEncoding('utf8');
			child.stderr?.on('data', (chunk: string) => (stderr += chunk));
			child.stdout?.on('data', (chunk: string) => {
				stdout += chunk;
				const end = stdout.indexOf('\n');
				if (end < 0) return;
				clearTimeout(timer);
				try {
					resolve(JSON.parse(stdout.slice(0, end)) as SandboxApp);
				} catch {
					reject(new Error(`the sandbox's ready line is not JSON: ${stdout.slice(0, end)}`));
				}
			});
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`the sandbox exited (${code}) before it was ready:\n${stderr}`));
			});
		});
		return new SandboxProcess(app, child);
	}

	async configure(settings: Partial<SandboxSettings>): Promise<SandboxSettings> {
		return ((await this.admin('POST', 'configure', settings)) as { settings: SandboxSettings }).settings;
	}

	/** Back to the start seed and settings: no remedies, no tokens, an empty request log. */
	async reset(): Promise<void> {
		await this.admin('POST', 'reset');
	}

	/** Every non-admin request received, in order; with `since`, only those after that seq. */
	async requests(since = 0): Promise<RecordedRequest[]> {
		return ((await this.admin('GET', `requests?since=${since}`)) as { requests: RecordedRequest[] }).requests;
	}

	/** The seq of the last request received so far (0 when none): a mark to ask `since`. */
	async lastSeq(): Promise<number> {
		const all = await this.requests();
		return all.length === 0 ? 0 : all[all.length - 1].seq;
	}

	/** The create-remedy calls that reached the sandbox (token exchanges left out). */
	async remedyRequests(since = 0): Promise<RecordedRequest[]> {
		return (await this.requests(since)).filter((request) => request.method === 'POST' && request.path === REMEDY_PATH);
	}

	async remedies(): Promise<StoredRemedy[]> {
		return ((await this.admin('GET', 'remedies')) as { remedies: StoredRemedy[] }).remedies;
	}

	private async admin(method: 'GET' | 'POST', action: string, body?: unknown): Promise<unknown> {
		const response = await fetch(`${this.app.baseUrl}/__sandbox/${action}`, {
			method,
			headers: body === undefined ? undefined : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const answer = (await response.json()) as { error?: string };
		if (!response.ok) throw new Error(`sandbox admin ${method} ${action}: ${response.status} ${answer.error ?? ''}`);
		return answer;
	}
}
