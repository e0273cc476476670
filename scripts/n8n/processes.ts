/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- dev tool: spawns n8n, npm and the sandbox from plain Node, never inside n8n */
/**
 * Child processes of the demo and the end-to-end tests: one-shot commands with their output
 * captured, long-running servers in their own process group (n8n starts a task runner of its
 * own, and the whole group must go when we stop), and a free loopback port when one is needed.
 */

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

export type Log = (line: string) => void;

export interface CommandResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface CommandOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Kill the command (and its children) after this long; the result then has signal SIGKILL. */
	timeoutMs?: number;
	/** Called with every complete line of stdout and stderr as it arrives. */
	onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

/** Runs a command to its end; never throws for a non-zero exit (the caller decides). */
export function runCommand(command: string, args: string[], options: CommandOptions = {}): Promise<CommandResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		const stdout = collectLines(child, 'stdout', options.onLine);
		const stderr = collectLines(child, 'stderr', options.onLine);
		const timer =
			options.timeoutMs === undefined ? undefined : setTimeout(() => killGroup(child, 'SIGKILL'), options.timeoutMs);
		child.once('error', (error) => {
			if (timer) clearTimeout(timer);
			reject(error);
		});
		child.once('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			resolve({ code, signal, stdout: stdout(), stderr: stderr() });
		});
	});
}

/** Throws with the command's last output lines when it did not exit 0. */
export async function runChecked(
	command: string,
	args: string[],
	options: CommandOptions = {},
): Promise<CommandResult> {
	const result = await runCommand(command, args, options);
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
		throw new Error(`\`${[command, ...args].join(' ')}\` failed (exit ${result.code ?? result.signal}):\n${tail}`);
	}
	return result;
}

function collectLines(
	child: ChildProcess,
	stream: 'stdout' | 'stderr',
	onLine?: CommandOptions['onLine'],
): () => string {
	let text = '';
	let partial = '';
	child[stream]?.setEncoding('utf8');
	child[stream]?.on('data', (chunk: string) => {
		text += chunk;
		if (!onLine) return;
		const lines = (partial + chunk).split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) onLine(line, stream);
	});
	child[stream]?.on('end', () => {
		if (onLine && partial !== '') onLine(partial, stream);
	});
	return () => text;
}

/** Sends a signal to the child's whole process group (it was spawned detached). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

/**
 * Long-running children (the sandbox, `n8n start`), each in its own process group, stopped
 * together: SIGTERM, then SIGKILL after a grace period. A process that exits without stopping
 * them (an uncaught error) still kills them on its way out.
 */
export class ChildGroup {
	private readonly children = new Set<ChildProcess>();

	constructor() {
		process.once('exit', () => {
			for (const child of this.children) killGroup(child, 'SIGKILL');
		});
	}

	spawn(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true });
		this.children.add(child);
		child.once('exit', () => this.children.delete(child));
		return child;
	}

	async stop(child: ChildProcess, graceMs = 10_000): Promise<void> {
		if (child.exitCode !== null || child.signalCode !== null) {
			this.children.delete(child);
			return;
		}
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
		// The runner or a grandchild may outlive the leader; the group goes with it.
		killGroup(child, 'SIGKILL');
		this.children.delete(child);
	}

	async stopAll(graceMs = 10_000): Promise<void> {
		// Last started first: n8n before the sandbox it talks to.
		const children = [...this.children].reverse();
		for (const child of children) await this.stop(child, graceMs);
	}
}

/** Whether `port` on 127.0.0.1 can be listened on right now. */
export function isPortFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** "1m 07s" / "4.2s": durations as the progress lines print them. */
export function formatDuration(ms: number): string {
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
	const seconds = Math.round(ms / 1000);
	return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}
