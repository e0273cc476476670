/* eslint-disable no-console -- test code: records the console to search it for secrets */
/**
 * Watches everything a run could leak a secret through: n8n's logger at every level
 * (the node's `this.logger` and the engine's LoggerProxy both end in the container's
 * Logger), the console, and whatever the test hands in (output items, the run data, the
 * node's error). `expectNoSecrets` walks all of it as text, Error messages and stacks
 * included (JSON.stringify would skip those: they are not enumerable).
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { LoggerProxy } from 'n8n-workflow';

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

export interface LeakWatch {
	/** Everything logged or printed since the watch began, one entry per call. */
	readonly lines: string[];
	stop(): void;
}

/**
 * Captures every level of n8n's logger, whatever level is configured: a recording logger
 * stands in for the container's Logger (the node's `this.logger`) and behind n8n's
 * LoggerProxy (the engine's logs) until `stop()`. The console is recorded too, not printed.
 */
export function watchLogsAndConsole(): LeakWatch {
	const lines: string[] = [];
	const original = Container.get(Logger);
	const record = (level: string) => (message: unknown, metadata?: unknown) => {
		lines.push(`[log:${level}] ${textOf([message, metadata])}`);
	};
	const recorder = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		scoped: () => recorder,
	};
	Container.set(Logger, recorder as unknown as Logger);
	LoggerProxy.init(recorder as unknown as Logger);
	const restore: Array<() => void> = [
		() => {
			Container.set(Logger, original);
			LoggerProxy.init(original);
		},
	];
	for (const method of CONSOLE_METHODS) {
		const originalMethod = console[method];
		console[method] = (...args: unknown[]) => {
			lines.push(`[console.${method}] ${textOf(args)}`);
		};
		restore.push(() => (console[method] = originalMethod));
	}
	return {
		lines,
		stop: () => restore.splice(0).forEach((undo) => undo()),
	};
}

/**
 * All strings inside a value, joined: enumerable and non-enumerable own properties of
 * Errors (message, description, stack, cause), keys as well as values. Bounded in depth.
 */
export function textOf(value: unknown): string {
	const parts: string[] = [];
	const seen = new Set<object>();
	const walk = (current: unknown, depth: number): void => {
		if (typeof current === 'string') {
			parts.push(current);
			return;
		}
		if (typeof current === 'number' || typeof current === 'boolean' || typeof current === 'bigint') {
			parts.push(String(current));
			return;
		}
		if (typeof current !== 'object' || current === null || seen.has(current) || depth > 40) return;
		seen.add(current);
		if (Buffer.isBuffer(current)) {
			parts.push(current.toString('utf8'));
			return;
		}
		const names = current instanceof Error ? Object.getOwnPropertyNames(current) : Object.keys(current);
		for (const name of names) {
			parts.push(name);
			walk((current as Record<string, unknown>)[name], depth + 1);
		}
	};
	walk(value, 0);
	return parts.join('\n');
}

/** Fails naming where a secret was found: `places` maps a label to what to search. */
export function expectNoSecrets(places: Record<string, unknown>, secrets: readonly string[]): void {
	const usable = secrets.filter((secret) => secret.length >= 8);
	expect(usable.length).toBeGreaterThan(0);
	const found: string[] = [];
	for (const [label, value] of Object.entries(places)) {
		const text = textOf(value);
		for (const secret of usable) if (text.includes(secret)) found.push(`${label} contains ${secret.slice(0, 4)}…`);
	}
	expect(found).toEqual([]);
}
