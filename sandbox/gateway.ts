/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the sandbox is a dev tool: it runs in plain Node, never inside n8n, and is not published */
/**
 * The Open Platform front door: records each request, then runs it through what Feishu's gateway
 * does before an API sees it, in this order:
 *   route (404) → fault plan → rate limit (per second, then the API's own per minute; counted at arrival) → latency → short-circuit faults
 *   (dropBefore, rateLimit, http500) → revokeToken fault → token check → scope check → handler
 *   → spoiling faults (dropAfter, malformed).
 * Short-circuit faults model a flaky network or backend, so they do not use up rate-limit budget.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { failure, isJsonObject, newLogId, type Answer } from './envelope';
import { feishuErrors, type FeishuFailure } from './feishuErrors';
import { keptHeaders, parseBody, readBody, sendText } from './http';
import type { RateLimiter } from './rateLimiter';
import { findRoute, type Route } from './routes';
import type { SandboxState } from './state';

export type Wait = (ms: number) => Promise<void>;

export async function handleOpenApi(
	req: IncomingMessage,
	res: ServerResponse,
	state: SandboxState,
	wait: Wait,
): Promise<void> {
	const at = state.now();
	const url = new URL(req.url ?? '/', 'http://sandbox');
	const path = url.pathname;
	const method = req.method ?? 'GET';
	const entry = state.log.begin({
		at,
		method,
		path,
		query: Object.fromEntries(url.searchParams),
		headers: keptHeaders(req.headers),
	});
	const logId = newLogId(at);
	/** Sends an answer and records it; `garbled` replaces the body for the malformed fault. */
	const finish = (answer: Answer, garbled?: string): void => {
		const code = garbled === undefined ? answer.code : undefined;
		entry.outcome = code === undefined ? { status: answer.status } : { status: answer.status, code };
		state.log.finish(path, `${answer.status}:${code ?? 'malformed'}`, code);
		sendText(res, answer.status, garbled ?? JSON.stringify(answer.body), { 'x-tt-logid': logId, ...answer.headers });
	};
	const drop = (): void => {
		state.log.finish(path, 'dropped', undefined);
		req.socket.destroy();
	};

	const raw = await readBody(req);
	if (raw === undefined) return finish(failure(feishuErrors.invalidParam('body', 'larger than 1 MiB'), logId));
	entry.body = parseBody(raw);
	const route = findRoute(method, path);
	if (!route) return finish(failure(feishuErrors.notFound(), logId));

	const isTokenEndpoint = route.scopes === undefined;
	if (isTokenEndpoint) state.log.countTokenRequest();
	const token = bearerToken(req.headers.authorization);
	const tokenApp = token ? state.tokens.appOf(token, at) : undefined;
	entry.appId = isTokenEndpoint ? stringField(entry.body, 'app_id') : tokenApp;

	const plan = state.faults.plan(path, entry.body);
	entry.faults = plan.applied;
	plan.applied.forEach((kind) => state.log.countFault(kind));
	const limit = isTokenEndpoint ? state.settings.tokenRateLimitPerSecond : state.settings.rateLimitPerSecond;
	const key = `${entry.appId !== undefined ? `app:${entry.appId}` : `addr:${req.socket.remoteAddress ?? ''}`}|${path}`;
	const minuteLimit = route.perMinuteLimit === undefined ? 0 : state.settings[route.perMinuteLimit];
	const secondWindowEnd = plan.shortCircuit ? undefined : rateLimitWindowEnd(state.limiter, key, limit, at);
	const minuteWindowEnd =
		plan.shortCircuit || secondWindowEnd !== undefined
			? undefined
			: rateLimitWindowEnd(state.minuteLimiter, key, minuteLimit, at);
	const windowEnd = secondWindowEnd ?? minuteWindowEnd;
	const delay = state.settings.latencyMs + state.faults.jitter(state.settings.jitterMs) + plan.extraLatencyMs;
	if (delay > 0) await wait(delay);

	if (plan.shortCircuit === 'dropBefore') return drop();
	// An injected 429 claims Feishu's documented 50/s when the real limit is off.
	if (plan.shortCircuit === 'rateLimit')
		return finish(rateLimited(Math.floor(state.now() / 1000) * 1000 + 1000, limit || 50, logId, state.now()));
	if (plan.shortCircuit === 'http500') return finish(failure(feishuErrors.internal(), logId));
	if (plan.shortCircuit === 'feishuError') {
		const injected = plan.feishuError ?? {};
		return finish(
			failure({ status: injected.httpStatus ?? 400, code: injected.code ?? 0, msg: injected.msg ?? 'injected' }, logId),
		);
	}
	if (windowEnd !== undefined)
		return finish(rateLimited(windowEnd, secondWindowEnd !== undefined ? limit : minuteLimit, logId, state.now()));
	if (plan.revokeToken && tokenApp) state.tokens.revoke(tokenApp);

	const answer = answerCall(route, state, {
		query: entry.query,
		contentType: req.headers['content-type'],
		body: entry.body,
		appId: tokenApp ?? '',
		logId,
		nowMs: state.now(),
		token,
	});
	if (plan.spoil === 'dropAfter') return drop();
	if (plan.spoil === 'malformed') {
		// A body cut short, as a proxy hanging up mid-answer would leave it: not JSON any more.
		const text = JSON.stringify(answer.body);
		return finish({ ...answer, status: 200 }, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
	}
	finish(answer);
}

interface CallContext {
	query: Record<string, string>;
	contentType: string | undefined;
	body: unknown;
	appId: string;
	logId: string;
	nowMs: number;
	token: string | undefined;
}

function answerCall(route: Route, state: SandboxState, context: CallContext): Answer {
	const { token, ...call } = context;
	if (route.scopes) {
		const refused = checkAccess(route.scopes, state, token, call.appId);
		if (refused) return failure(refused, call.logId);
	}
	try {
		return route.handler(call, state);
	} catch {
		// A sandbox bug must look like what it is to a client: Feishu's internal error, not a hang.
		return failure(feishuErrors.internal(), call.logId);
	}
}

/** The token must be present and live (checked again after a revokeToken fault), and the app must hold a scope. */
function checkAccess(
	scopes: readonly string[],
	state: SandboxState,
	token: string | undefined,
	appIdAtArrival: string,
): FeishuFailure | undefined {
	const status = state.settings.tokenInvalidHttpStatus;
	if (!token) return feishuErrors.tokenMissing(status);
	const appId = state.tokens.appOf(token, state.now());
	if (!appId || appId !== appIdAtArrival) return feishuErrors.tokenInvalid(status);
	const app = state.directory.app(appId);
	if (!app) return feishuErrors.tokenInvalid(status);
	if (!scopes.some((scope) => app.scopes.includes(scope))) return feishuErrors.scopeRequired(appId, scopes);
	return undefined;
}

/**
 * Counts the request in its window (arrival time decides the window, so a burst is judged by
 * when it arrived, not by how long latency held it) and returns the window's end if refused.
 * The key is app × path; requests without a live token are keyed by remote address instead.
 * A request refused by the per-second limit is not counted against the per-minute one.
 */
function rateLimitWindowEnd(limiter: RateLimiter, key: string, limit: number, at: number): number | undefined {
	if (limit <= 0) return undefined;
	const decision = limiter.take(key, limit, at);
	return decision.allowed ? undefined : at + decision.resetSeconds * 1000;
}

function rateLimited(windowEnd: number, limit: number, logId: string, now: number): Answer {
	const answer = failure(feishuErrors.rateLimited(), logId);
	// Never 0, so a client that sleeps for the header's value cannot spin.
	const resetSeconds = Math.max(1, windowEnd - now) / 1000;
	return {
		...answer,
		headers: {
			'x-ogw-ratelimit-limit': String(limit),
			'x-ogw-ratelimit-reset': String(Math.round(resetSeconds * 1000) / 1000),
		},
	};
}

/** `Bearer <token>` (scheme case-insensitive, per RFC 6750); anything else counts as no token. */
function bearerToken(header: string | undefined): string | undefined {
	const match = /^bearer +(\S+)\s*$/i.exec(header ?? '');
	return match ? match[1] : undefined;
}

function stringField(body: unknown, name: string): string | undefined {
	const value = isJsonObject(body) ? body[name] : undefined;
	return typeof value === 'string' ? value : undefined;
}
