/**
 * The one place that talks to Feishu's attendance APIs: it takes a token from the
 * token cache, waits for the execution's own pace and a slot of the app's shared rate
 * limiter, sends, reads the envelope and decides what to retry. What it retries is only
 * what cannot write twice: a rate-limit refusal, a stale token (renewed once), a
 * connection never made. Server errors, timeouts and broken connections may have
 * written a remedy (create has no idempotency key), so they are retried only when the
 * user asked for it. The token cache and the limiter registry are injected: the node
 * passes the process-wide ones, a unit test fresh ones.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { FeishuApp } from '../../../credentials/feishuApp';
import { failure } from '../execution/failure';
import type { ItemFailure } from '../execution/failure';
import { RATE_LIMITED_CODE, TOKEN_INVALID_CODES, feishuCodeWroteNothing, lookUpFeishuCode } from './errorCatalogue';
import { readEnvelope, withoutSecret } from './envelope';
import type { FeishuHttpResponse, FeishuReply } from './envelope';
import { ExecutionPace } from './executionPace';
import type { LimiterRegistry } from './limiterRegistry';
import { classifyNetworkError } from './networkError';
import type { NetworkFailure } from './networkError';
import type { RateLimiter } from './rateLimiter';
import type { TenantTokenCache, TokenExchange, TokenFailure } from './tenantToken';

export interface FeishuClientOptions {
	requestsPerSecond: number;
	maxRetries: number;
	timeoutMs: number;
	retryServerErrors: boolean;
}

export interface FeishuCall {
	path: string;
	query?: Record<string, string>;
	body: IDataObject;
	/**
	 * A query that writes nothing: a server error, a timeout or a broken connection cannot
	 * have written twice, so it is retried like a refused connection.
	 */
	readOnly?: boolean;
}

export type FeishuCallResult =
	| { ok: true; data: IDataObject; attempts: number }
	| { ok: false; failure: ItemFailure; attempts: number };

/** What the client needs from n8n: an authenticated request, a token exchange, a log. */
export interface FeishuTransport {
	/** Sends with `Authorization: Bearer <token>`; throws only when no HTTP answer came. */
	send(call: FeishuCall, token: string, timeoutMs: number): Promise<FeishuHttpResponse>;
	exchangeToken(): Promise<TokenExchange>;
	warn(message: string): void;
}

/**
 * A bound on refusals of one request while the budget is shared, so a call always ends:
 * each waits for Feishu's window to reset and lowers this process's share, so a request
 * refused this often (about a minute) is being starved, not shared with.
 */
const MAX_SHARED_REFUSALS = 60;

/** Waits between retries of connections and server errors: 0.5 s, 1 s, 2 s … up to 8 s, ±25%. */
function backoffMs(retry: number): number {
	const base = Math.min(8000, 500 * 2 ** (retry - 1));
	return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** What the client shares with other clients: injected, so a test can give it its own. */
export interface FeishuClientDependencies {
	tokens: TenantTokenCache;
	limiters: LimiterRegistry;
}

export class FeishuClient {
	/** This execution's own pace, per API path. */
	private readonly paces = new Map<string, ExecutionPace>();

	constructor(
		private readonly app: FeishuApp,
		private readonly transport: FeishuTransport,
		private readonly options: FeishuClientOptions,
		private readonly shared: FeishuClientDependencies,
	) {}

	/** A token for the app, from the shared cache or one exchange shared by all callers. */
	async token(): Promise<TokenExchange> {
		return await this.shared.tokens.get(this.app, async () => await this.transport.exchangeToken());
	}

	async call(call: FeishuCall): Promise<FeishuCallResult> {
		const limiter = this.shared.limiters.limiterFor(
			this.app.baseUrl,
			this.app.appId,
			call.path,
			this.options.requestsPerSecond,
		);
		const pace = this.paceOf(call.path);
		const retryUnclear = this.options.retryServerErrors || call.readOnly === true;
		let attempts = 0;
		let retries = 0;
		let refusals = 0;
		// The app's requests that had passed Feishu's frequency control at this request's last refusal.
		let passedAtRefusal = limiter.passed;
		let tokenRenewed = false;
		// Set once an attempt that may have written was retried: no later answer can prove nothing was written.
		let earlierMayHaveWritten = false;
		for (;;) {
			// Wait for a token before taking a send slot (slots must not pass while an exchange runs,
			// or they would go out at once), and send the token current when the slot comes: one
			// renewed while requests queue replaces the stale one each of them picked up earlier.
			let token = await this.token();
			let sentAt = 0;
			if (token.ok) {
				await pace.acquire();
				sentAt = await limiter.acquire();
				token = await this.token();
			}
			if (!token.ok)
				return {
					ok: false,
					failure: unlessWrittenEarlier(tokenFailure(token.failure), earlierMayHaveWritten),
					attempts,
				};

			attempts++;
			let reply: FeishuReply;
			try {
				reply = readEnvelope(await this.transport.send(call, token.token.value, this.options.timeoutMs));
			} catch (error) {
				const network = classifyNetworkError(error);
				if ((network.notSent || retryUnclear) && retries < this.options.maxRetries) {
					earlierMayHaveWritten ||= !network.notSent && call.readOnly !== true;
					retries++;
					await sleep(backoffMs(retries));
					continue;
				}
				return { ok: false, failure: unlessWrittenEarlier(networkFailure(network), earlierMayHaveWritten), attempts };
			}
			this.learnLimit(limiter, pace, reply, call.path);
			if (!isRateLimited(reply)) limiter.passedFrequencyControl();

			if (reply.code === 0) return { ok: true, data: reply.data ?? {}, attempts };

			if (isRateLimited(reply)) {
				// Everyone waits for the window to reset (acquire() holds the retry until then), and
				// this process takes a smaller share: others may be spending the same budget.
				const resetSeconds = reply.rateLimit.resetSeconds;
				if (resetSeconds === undefined) limiter.pauseUntil(Date.now() + backoffMs(retries + 1));
				limiter.refused(sentAt, resetSeconds === undefined ? undefined : Date.now() + resetSeconds * 1000);
				// Refused while other requests of the app got through: the budget is shared (queue-mode
				// workers, a second n8n), and waiting is all it takes — such a refusal is never a failure.
				// Refused while nothing got through, something else spends the whole budget: that counts.
				const shared = limiter.passed > passedAtRefusal;
				passedAtRefusal = limiter.passed;
				refusals++;
				if (shared && refusals <= MAX_SHARED_REFUSALS) continue;
				if (retries < this.options.maxRetries) {
					retries++;
					continue;
				}
			} else if (reply.code !== undefined && TOKEN_INVALID_CODES.has(reply.code) && !tokenRenewed) {
				tokenRenewed = true;
				this.shared.tokens.invalidate(this.app, token.token.value);
				continue;
			} else if (mayHaveWritten(reply) && retryUnclear && retries < this.options.maxRetries) {
				earlierMayHaveWritten = call.readOnly !== true;
				retries++;
				await sleep(backoffMs(retries));
				continue;
			}
			return {
				ok: false,
				failure: unlessWrittenEarlier(replyFailure(reply, token.token.value), earlierMayHaveWritten),
				attempts,
			};
		}
	}

	private paceOf(path: string): ExecutionPace {
		let pace = this.paces.get(path);
		if (!pace) {
			pace = new ExecutionPace(this.options.requestsPerSecond);
			this.paces.set(path, pace);
		}
		return pace;
	}

	/** The shared limiter learns Feishu's limit; this execution is told when the limit slows it down. */
	private learnLimit(limiter: RateLimiter, pace: ExecutionPace, reply: FeishuReply, path: string): void {
		const limit = reply.rateLimit.limit;
		if (limit === undefined) return;
		const before = Math.min(limiter.ceiling, pace.ratePerSecond);
		if (limiter.learnLimit(limit) && limit < before) {
			this.transport.warn(
				`Feishu reports a limit of ${limit} requests/s for ${path} (app ${this.app.appId}); pacing lowered from ${before} to ${limit} requests/s`,
			);
		}
	}
}

function isRateLimited(reply: FeishuReply): boolean {
	// 99991403 (monthly quota used up) also comes with HTTP 429 but waiting does not help.
	return reply.code === RATE_LIMITED_CODE || (reply.httpStatus === 429 && reply.code === undefined);
}

/** A 5xx or an unreadable answer: Feishu may have written the remedy before failing. */
function mayHaveWritten(reply: FeishuReply): boolean {
	return reply.code === undefined || reply.httpStatus >= 500;
}

/**
 * The last answer alone does not tell what Feishu holds when an earlier attempt may have
 * written (retried with Retry Server Errors): e.g. a retry refused with 1226504 because
 * the first, unanswered attempt used up the quota. Such a failure is not retry-safe.
 */
function unlessWrittenEarlier(result: ItemFailure, earlierMayHaveWritten: boolean): ItemFailure {
	if (!earlierMayHaveWritten || !result.retrySafe) return result;
	return {
		...result,
		retrySafe: false,
		hint: `${result.hint} An earlier attempt got no clear answer and may have written the remedy: check Feishu before sending again.`,
	};
}

function replyFailure(reply: FeishuReply, token: string): ItemFailure {
	const entry = lookUpFeishuCode(reply.code, reply.httpStatus);
	const unreadable = reply.code === undefined;
	return failure({
		category: unreadable ? 'server' : entry.category,
		code: reply.code ?? null,
		msg: withoutSecret(reply.msg, token),
		hint: unreadable
			? 'Feishu answered with something other than its JSON envelope. The remedy may or may not have been written: check Feishu before sending again.'
			: entry.hint,
		httpStatus: reply.httpStatus,
		logId: reply.logId ?? null,
		retrySafe: feishuCodeWroteNothing(reply.code, reply.httpStatus),
	});
}

function networkFailure(network: NetworkFailure): ItemFailure {
	return failure({
		category: 'network',
		msg: network.message,
		hint: network.notSent
			? 'Feishu could not be reached; nothing was written. Check the network or base URL and send again.'
			: 'The connection failed after the request was sent: check Feishu for this remedy before sending again (turn on Retry Server Errors only if duplicates are acceptable).',
		retrySafe: network.notSent,
	});
}

/**
 * No token could be had, at the start of a run or when renewing one mid-run: the same
 * failure either way. The token endpoint unreachable is `network`; a refusal is `auth`.
 * Nothing was sent for the item.
 */
export function tokenFailure(token: TokenFailure): ItemFailure {
	const unreachable = token.networkCode !== undefined;
	return failure({
		category: unreachable ? 'network' : 'auth',
		code: token.code ?? null,
		msg: token.message,
		hint: unreachable
			? `Feishu's token endpoint could not be reached (${token.networkCode}); nothing was sent. Check the network, region or base URL, then run again.`
			: 'Check the Feishu API credential (App ID, App Secret, region or base URL) with its Test button, then run again. Nothing was sent.',
		httpStatus: token.httpStatus ?? null,
		logId: token.logId ?? null,
	});
}
