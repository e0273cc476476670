/**
 * The official Feishu Node SDK (`@larksuiteoapi/node-sdk`, generated from Feishu's API
 * definitions) as a second client of the sandbox: a self-built app's Client pointed at the
 * sandbox's base URL, with its own token cache (so tests never share a token) and a logger
 * that records instead of printing. Loopback only: every request the SDK makes in this
 * process passes a guard that refuses any host but the local sandbox, so a test can never
 * reach a real Feishu host, and axios is told to ignore proxy settings.
 */
import * as lark from '@larksuiteoapi/node-sdk';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

let guardInstalled = false;

/** Refuses, before any socket is opened, every SDK request that is not for the loopback sandbox. */
function installLoopbackGuard(): void {
	if (guardInstalled) return;
	guardInstalled = true;
	lark.defaultHttpInstance.defaults.proxy = false;
	lark.defaultHttpInstance.interceptors.request.use((config) => {
		const host = new URL(config.url ?? '', 'http://invalid.invalid').hostname;
		if (!LOOPBACK_HOSTS.has(host))
			throw new Error(`fidelity tests: the SDK may only reach the loopback sandbox, not ${host}`);
		return config;
	});
}

export interface SdkLogEntry {
	level: 'error' | 'warn' | 'info' | 'debug' | 'trace';
	/** What the SDK logged: LoggerProxy passes its arguments as one array. */
	args: unknown[];
}

export interface SdkSession {
	client: lark.Client;
	/** Everything the SDK logged, in order. */
	log: SdkLogEntry[];
}

/** An SDK Client for a self-built app on the sandbox (its base URL as `domain`), with a cache of its own. */
export function sdkClientFor(domain: string | lark.Domain, app: { appId: string; appSecret: string }): SdkSession {
	installLoopbackGuard();
	const log: SdkLogEntry[] = [];
	const record =
		(level: SdkLogEntry['level']) =>
		(...args: unknown[]) => {
			log.push({ level, args });
		};
	const client = new lark.Client({
		appId: app.appId,
		appSecret: app.appSecret,
		appType: lark.AppType.SelfBuild,
		domain,
		// The SDK's default cache is process-wide and keyed by app id only: a token from another
		// test's sandbox would be reused here. A fresh cache per client keeps tests apart.
		cache: new lark.DefaultCache(),
		// LoggerLevel.fatal is 0, which the SDK treats as "not set" (info): record everything instead.
		loggerLevel: lark.LoggerLevel.trace,
		logger: {
			error: record('error'),
			warn: record('warn'),
			info: record('info'),
			debug: record('debug'),
			trace: record('trace'),
		},
	});
	return { client, log };
}

/** How an SDK call that threw looks to its caller. */
export type SdkFailure =
	| { kind: 'http'; status: number; body: unknown; headers: Record<string, unknown>; message: string }
	| { kind: 'error'; message: string };

/**
 * The SDK throws axios' error for every answer with an HTTP status outside 2xx (the Feishu
 * envelope is in `response.data`), and a plain Error when the token endpoint answers 2xx
 * without a token. Answers with HTTP 200 are returned, whatever their `code`.
 */
export function sdkFailureOf(error: unknown): SdkFailure {
	const candidate = error as {
		isAxiosError?: boolean;
		message?: string;
		response?: { status: number; data: unknown; headers: Record<string, unknown> };
	};
	if (candidate?.isAxiosError && candidate.response) {
		const { status, data, headers } = candidate.response;
		return { kind: 'http', status, body: data, headers: { ...headers }, message: String(candidate.message) };
	}
	return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

/** Runs an SDK call that must fail, and returns how it failed. */
export async function sdkRejection(call: Promise<unknown>): Promise<SdkFailure> {
	const outcome = await call.then(
		(answer) => ({ answered: true as const, answer }),
		(error: unknown) => ({ answered: false as const, failure: sdkFailureOf(error) }),
	);
	if (outcome.answered)
		throw new Error(`expected the SDK call to throw, it answered ${JSON.stringify(outcome.answer)}`);
	return outcome.failure;
}
