/**
 * The one place that talks to Feishu's attendance APIs: it takes a token from the
 * shared cache, waits for a slot of the shared rate limiter, sends, reads the envelope
 * and decides what to retry. What it retries is only what cannot write twice: a
 * rate-limit refusal, a stale token (renewed once), a connection never made. Server
 * errors, timeouts and broken connections may have written a remedy (create has no
 * idempotency key), so they are retried only when the user asked for it.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { RATE_LIMITED_CODE, TOKEN_INVALID_CODES, feishuCodeWroteNothing, lookUpFeishuCode } from './errorCatalogue';
import type { FailureCategory } from './errorCatalogue';
import { readEnvelope, withoutSecret } from './envelope';
import type { FeishuHttpResponse, FeishuReply } from './envelope';
import type { FeishuApp } from './feishuApp';
import { classifyNetworkError } from './networkError';
import type { NetworkFailure } from './networkError';
import { rateLimiterFor } from './rateLimiter';
import type { RateLimiter } from './rateLimiter';
import { tenantTokenCache } from './tenantToken';
import type { TokenExchange } from './tenantToken';

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
}

/** A call that did not succeed, in the terms the Failed output shows. */
export interface FeishuFailure {
	category: FailureCategory;
	code: number | null;
	msg: string;
	hint: string;
	httpStatus: number | null;
	logId: string | null;
	/** True when Feishu certainly wrote nothing, so sending the item again cannot duplicate it. */
	retrySafe: boolean;
	attempts: number;
}

export type FeishuCallResult = { ok: true; data: IDataObject; attempts: number } | { ok: false; failure: FeishuFailure };

/** What the client needs from n8n: an authenticated request, a token exchange, a log. */
export interface FeishuTransport {
	/** Sends with `Authorization: Bearer <token>`; throws only when no HTTP answer came. */
	send(call: FeishuCall, token: string, timeoutMs: number): Promise<FeishuHttpResponse>;
	exchangeToken(): Promise<TokenExchange>;
	warn(message: string): void;
}

/** Waits between retries of connections and server errors: 0.5 s, 1 s, 2 s … up to 8 s, ±25%. */
function backoffMs(retry: number): number {
	const base = Math.min(8000, 500 * 2 ** (retry - 1));
	return Math.round(base * (0.75 + Math.random() * 0.5));
}

export class FeishuClient {
	constructor(
		private readonly app: FeishuApp,
		private readonly transport: FeishuTransport,
		private readonly options: FeishuClientOptions,
	) {}

	/** A token for the app, from the shared cache or one exchange shared by all callers. */
	async token(): Promise<TokenExchange> {
		return await tenantTokenCache.get(this.app, async () => await this.transport.exchangeToken());
	}

	async call(call: FeishuCall): Promise<FeishuCallResult> {
		const limiter = rateLimiterFor(this.app.baseUrl, this.app.appId, call.path, this.options.requestsPerSecond);
		let attempts = 0;
		let retries = 0;
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
				sentAt = await limiter.acquire();
				token = await this.token();
			}
			if (!token.ok) return { ok: false, failure: unlessWrittenEarlier(tokenFailure(token.failure.message, token.failure.code, attempts), earlierMayHaveWritten) };

			attempts++;
			let reply: FeishuReply;
			try {
				reply = readEnvelope(await this.transport.send(call, token.token.value, this.options.timeoutMs));
			} catch (error) {
				const network = classifyNetworkError(error);
				if ((network.notSent || this.options.retryServerErrors) && retries < this.options.maxRetries) {
					earlierMayHaveWritten ||= !network.notSent;
					retries++;
					await sleep(backoffMs(retries));
					continue;
				}
				return { ok: false, failure: unlessWrittenEarlier(networkFailure(network, attempts), earlierMayHaveWritten) };
			}
			this.learnLimit(limiter, reply, call.path);

			if (reply.code === 0) return { ok: true, data: reply.data ?? {}, attempts };

			if (isRateLimited(reply)) {
				// Everyone waits for the window to reset (acquire() holds the retry until then), and
				// this process takes a smaller share: others may be spending the same budget.
				const resetSeconds = reply.rateLimit.resetSeconds;
				if (resetSeconds === undefined) limiter.pauseUntil(Date.now() + backoffMs(retries + 1));
				limiter.refused(sentAt, resetSeconds === undefined ? undefined : Date.now() + resetSeconds * 1000);
				if (retries < this.options.maxRetries) {
					retries++;
					continue;
				}
			} else if (reply.code !== undefined && TOKEN_INVALID_CODES.has(reply.code) && !tokenRenewed) {
				tokenRenewed = true;
				tenantTokenCache.invalidate(this.app, token.token.value);
				continue;
			} else if (mayHaveWritten(reply) && this.options.retryServerErrors && retries < this.options.maxRetries) {
				earlierMayHaveWritten = true;
				retries++;
				await sleep(backoffMs(retries));
				continue;
			}
			return { ok: false, failure: unlessWrittenEarlier(replyFailure(reply, attempts, token.token.value), earlierMayHaveWritten) };
		}
	}

	private learnLimit(limiter: RateLimiter, reply: FeishuReply, path: string): void {
		const limit = reply.rateLimit.limit;
		if (limit === undefined) return;
		const before = limiter.ceiling;
		if (limiter.learnLimit(limit)) {
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
function unlessWrittenEarlier(failure: FeishuFailure, earlierMayHaveWritten: boolean): FeishuFailure {
	if (!earlierMayHaveWritten || !failure.retrySafe) return failure;
	return {
		...failure,
		retrySafe: false,
		hint: `${failure.hint} An earlier attempt got no clear answer and may have written the remedy: check Feishu before sending again.`,
	};
}

function replyFailure(reply: FeishuReply, attempts: number, token: string): FeishuFailure {
	const entry = lookUpFeishuCode(reply.code, reply.httpStatus);
	const unreadable = reply.code === undefined;
	return {
		category: unreadable ? 'server' : entry.category,
		code: reply.code ?? null,
		msg: withoutSecret(reply.msg, token),
		hint: unreadable
			? 'Feishu answered with something other than its JSON envelope. The remedy may or may not have been written: check Feishu before sending again.'
			: entry.hint,
		httpStatus: reply.httpStatus,
		logId: reply.logId ?? null,
		retrySafe: feishuCodeWroteNothing(reply.code, reply.httpStatus),
		attempts,
	};
}

function networkFailure(network: NetworkFailure, attempts: number): FeishuFailure {
	return {
		category: 'network',
		code: null,
		msg: network.message,
		hint: network.notSent
			? 'Feishu could not be reached; nothing was written. Check the network or base URL and send again.'
			: 'The connection failed after the request was sent: check Feishu for this remedy before sending again (turn on Retry Server Errors only if duplicates are acceptable).',
		httpStatus: null,
		logId: null,
		retrySafe: network.notSent,
		attempts,
	};
}

function tokenFailure(message: string, code: number | undefined, attempts: number): FeishuFailure {
	return {
		category: 'auth',
		code: code ?? null,
		msg: message,
		hint: 'Check the App ID, App Secret and region of the Feishu API credential.',
		httpStatus: null,
		logId: null,
		retrySafe: true,
		attempts,
	};
}
