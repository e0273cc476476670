/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the sandbox is a dev tool: it runs in plain Node, never inside n8n, and is not published */
/**
 * The admin HTTP API under /__sandbox/: the Sandbox methods for another process (the benchmark
 * and the real-n8n end-to-end tests run the sandbox as a child). JSON in and out; errors are
 * `{ "error": "…" }` with 400 or 404. Never rate limited, faulted or recorded.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBody, readBody, sendJson } from './http';
import type { SandboxState } from './state';
import type { FaultRule, SandboxSeed, SandboxSettings } from './types';

export const ADMIN_PREFIX = '/__sandbox/';

type AdminAction = (state: SandboxState, body: unknown, query: URLSearchParams) => unknown;

const OK = { ok: true };

const ACTIONS: Record<string, AdminAction> = {
	'POST configure': (state, body) => {
		state.configure(asObject<Partial<SandboxSettings>>(body, 'settings'));
		return { settings: state.settings };
	},
	'GET settings': (state) => ({ settings: state.settings }),
	'POST seed': (state, body) => {
		state.seed(asObject<SandboxSeed>(body, 'a seed'));
		return OK;
	},
	'POST reset': (state) => {
		state.reset();
		return OK;
	},
	'GET requests': (state, _body, query) => {
		const since = Number(query.get('since') ?? '0');
		if (!Number.isInteger(since)) throw new RangeError('since must be an integer seq');
		return { requests: state.log.since(since) };
	},
	'GET remedies': (state) => ({ remedies: state.remedies.all() }),
	'GET stats': (state) => state.log.snapshot(state.remedies.size),
	'POST revoke-tokens': (state, body) => {
		const appId = body === undefined ? undefined : asObject<{ appId?: unknown }>(body, '{ appId? }').appId;
		if (appId !== undefined && typeof appId !== 'string') throw new RangeError('appId must be a string');
		state.tokens.revoke(appId);
		return OK;
	},
	'POST faults': (state, body) => {
		// Both a bare array and { rules: [...] } are accepted.
		const rules: unknown = Array.isArray(body) ? body : asObject<{ rules?: unknown }>(body, 'fault rules').rules;
		if (!Array.isArray(rules)) throw new RangeError('send an array of fault rules, or { "rules": [...] }');
		state.faults.add(rules as FaultRule[]);
		return OK;
	},
	'DELETE faults': (state) => {
		state.faults.clear();
		return OK;
	},
};

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, state: SandboxState): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://sandbox');
	const action = ACTIONS[`${req.method ?? 'GET'} ${url.pathname.slice(ADMIN_PREFIX.length)}`];
	const raw = await readBody(req);
	if (!action) return sendJson(res, 404, { error: `unknown admin endpoint ${req.method} ${url.pathname}` });
	if (raw === undefined) return sendJson(res, 400, { error: 'body too large' });
	const body = parseBody(raw);
	if (typeof body === 'string') return sendJson(res, 400, { error: 'body must be JSON' });
	try {
		sendJson(res, 200, action(state, body, url.searchParams));
	} catch (error: unknown) {
		sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
	}
}

/** The admin API trusts its caller's shapes beyond "is an object"; the state checks the content. */
function asObject<T>(body: unknown, what: string): T {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw new RangeError(`body must be ${what} as a JSON object`);
	return body as T;
}
