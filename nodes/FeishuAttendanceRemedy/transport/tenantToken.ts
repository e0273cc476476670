/**
 * The tenant_access_token of a self-built app: one exchange function (used by the
 * credential's preAuthentication and by the node), and a process-wide cache that
 * reuses a token until shortly before it expires, lets concurrent callers share one
 * exchange, and drops a token Feishu has called invalid.
 */
import { createHash } from 'crypto';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { readEnvelope, withoutSecret } from './envelope';
import type { FeishuHttpResponse } from './envelope';
import { TENANT_ACCESS_ENDPOINT } from '../../../credentials/feishuApp';
import type { FeishuApp } from '../../../credentials/feishuApp';
import { lookUpFeishuCode } from './errorCatalogue';
import { classifyNetworkError } from './networkError';

export { TENANT_ACCESS_ENDPOINT };

/** Retries of a token exchange that failed for a passing reason, and the wait before each. */
const TOKEN_RETRIES = 2;
const TOKEN_RETRY_MS = 1000;

/** Renew this long before expiry; Feishu hands out a new token once under 30 minutes are left. */
const RENEW_MARGIN_MS = 5 * 60 * 1000;

export interface TenantToken {
	value: string;
	expiresAt: number;
}

export interface TokenFailure {
	code?: number;
	httpStatus?: number;
	logId?: string;
	networkCode?: string;
	/** Safe to show: never contains the secret. */
	message: string;
}

export type TokenExchange = { ok: true; token: TenantToken } | { ok: false; failure: TokenFailure };

export type HttpRequestFunction = (options: IHttpRequestOptions) => Promise<unknown>;

/**
 * One exchange, retried while the answer says "try again" (the token endpoint writes
 * nothing, so any retry is safe): a connection never made, HTTP 5xx, a rate limit.
 */
export async function exchangeTenantToken(
	httpRequest: HttpRequestFunction,
	app: FeishuApp,
	timeoutMs = 15000,
): Promise<TokenExchange> {
	for (let attempt = 1; ; attempt++) {
		const result = await exchangeOnce(httpRequest, app, timeoutMs);
		if (result.ok || attempt > TOKEN_RETRIES || !result.retryAfterMs)
			return result.ok ? result : { ok: false, failure: result.failure };
		await sleep(result.retryAfterMs);
	}
}

type ExchangeAttempt = { ok: true; token: TenantToken } | { ok: false; failure: TokenFailure; retryAfterMs?: number };

async function exchangeOnce(
	httpRequest: HttpRequestFunction,
	app: FeishuApp,
	timeoutMs: number,
): Promise<ExchangeAttempt> {
	let response: FeishuHttpResponse;
	try {
		response = (await httpRequest({
			method: 'POST',
			url: `${app.baseUrl}${TENANT_ACCESS_ENDPOINT}`,
			headers: { 'Content-Type': 'application/json; charset=utf-8' },
			body: { app_id: app.appId, app_secret: app.appSecret },
			json: true,
			timeout: timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as FeishuHttpResponse;
	} catch (error) {
		const network = classifyNetworkError(error);
		return {
			ok: false,
			failure: {
				networkCode: network.code,
				message: `Could not reach ${app.baseUrl} to get a tenant access token: ${network.words}`,
			},
			...(network.notSent ? { retryAfterMs: TOKEN_RETRY_MS } : {}),
		};
	}
	const reply = readEnvelope(response);
	const token = reply.body?.tenant_access_token;
	const expire = reply.body?.expire;
	if (reply.code === 0 && typeof token === 'string' && token !== '' && typeof expire === 'number') {
		return { ok: true, token: { value: token, expiresAt: Date.now() + expire * 1000 } };
	}
	const failure: TokenFailure = { code: reply.code, httpStatus: reply.httpStatus, logId: reply.logId, message: '' };
	if (reply.httpStatus >= 500 || reply.httpStatus === 429 || reply.code === 99991400) {
		failure.message = `Feishu's token endpoint at ${app.baseUrl} failed (HTTP ${reply.httpStatus}${reply.code === undefined ? '' : `, code ${reply.code}`}); try again later`;
		const resetMs = (reply.rateLimit.resetSeconds ?? 0) * 1000;
		return { ok: false, failure, retryAfterMs: Math.max(TOKEN_RETRY_MS, resetMs) };
	}
	if (reply.code === undefined) {
		failure.message = `${app.baseUrl} did not answer like Feishu's token endpoint (HTTP ${reply.httpStatus}): check the region or base URL`;
	} else {
		const { hint } = lookUpFeishuCode(reply.code, reply.httpStatus);
		failure.message = `Feishu refused the App ID / App Secret (code ${reply.code}: ${withoutSecret(reply.msg, app.appSecret)}). ${hint}`;
	}
	return { ok: false, failure };
}

interface CacheEntry {
	token?: TenantToken;
	pending?: Promise<TokenExchange>;
}

/** One per n8n process: every execution of every workflow shares it. */
export class TenantTokenCache {
	private readonly entries = new Map<string, CacheEntry>();

	/** A usable token for the app, exchanging once for all concurrent callers when needed. */
	async get(app: FeishuApp, exchange: () => Promise<TokenExchange>): Promise<TokenExchange> {
		const key = cacheKey(app);
		const entry = this.entries.get(key) ?? {};
		this.entries.set(key, entry);
		if (entry.token && entry.token.expiresAt - RENEW_MARGIN_MS > Date.now()) return { ok: true, token: entry.token };
		if (!entry.pending) {
			entry.pending = exchange().then((result) => {
				entry.pending = undefined;
				// A failure is not cached: the next caller asks Feishu again.
				entry.token = result.ok ? result.token : undefined;
				return result;
			});
		}
		return await entry.pending;
	}

	/** Feishu called `token` invalid: forget it, unless a newer one already replaced it. */
	invalidate(app: FeishuApp, token: string): void {
		const entry = this.entries.get(cacheKey(app));
		if (entry?.token?.value === token) entry.token = undefined;
	}
}

/**
 * The secret is part of the key (hashed, never stored): a credential with the right App
 * ID but a wrong secret must not borrow the token another credential obtained.
 */
function cacheKey(app: FeishuApp): string {
	const secretHash = createHash('sha256').update(app.appSecret).digest('hex');
	return `${app.baseUrl}\n${app.appId}\n${secretHash}`;
}

export const processTokens = new TenantTokenCache();
