/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- the sandbox is a dev tool: it runs in plain Node, never inside n8n, and is not published */
/**
 * The Feishu sandbox: a local server that behaves like the Feishu Open Platform for everything
 * this package calls (tenant token, the four attendance remedy endpoints, the contact look-up by email or mobile), with rate limits,
 * fault injection and a request log for tests, the demo and the benchmark. See README.md.
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PREFIX, handleAdmin } from './admin';
import { handleOpenApi } from './gateway';
import { sendJson } from './http';
import { defaultSeed } from './seed';
import { defaultSettings, mergeSettings } from './settings';
import { SandboxState } from './state';
import type { Sandbox, SandboxOptions } from './types';

export { ADMIN_PREFIX } from './admin';
export { PATHS } from './routes';
export { DEMO_APP, NO_CONTACT_APP, NO_EMPLOYEE_ID_APP, NO_SCOPE_APP, READONLY_APP, defaultSeed } from './seed';
export { defaultSettings } from './settings';
export type {
	EmployeeType,
	FaultKind,
	FaultRule,
	PunchPair,
	PunchResult,
	RecordedRequest,
	RemedyStatus,
	Sandbox,
	SandboxOptions,
	SandboxSeed,
	SandboxSettings,
	SandboxStats,
	SeedApp,
	SeedGroup,
	SeedUser,
	SeedUserRange,
	StoredRemedy,
} from './types';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const state = new SandboxState(
		options.seed ?? defaultSeed(),
		mergeSettings(defaultSettings(), options.settings ?? {}),
		options.clock,
	);
	const timers = new Set<NodeJS.Timeout>();
	const wait = (ms: number): Promise<void> =>
		new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	const server: Server = createServer((req, res) => {
		const isAdmin = (req.url ?? '').startsWith(ADMIN_PREFIX);
		const handled = isAdmin ? handleAdmin(req, res, state) : handleOpenApi(req, res, state, wait);
		handled.catch(() => {
			// Only a broken socket gets here (body stream errors); answer if the socket still can.
			sendJson(res, 500, { code: 1225000, msg: 'internal server error' });
		});
	});
	// Feishu keeps connections alive; so does the sandbox, but never lets an idle one pin close().
	server.keepAliveTimeout = 5000;

	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const urlHost = host.includes(':') ? `[${host}]` : host;

	return {
		baseUrl: `http://${urlHost}:${port}`,
		port,
		configure: (settings) => state.configure(settings),
		seed: (seed) => state.seed(seed),
		reset: () => state.reset(),
		requests: () => state.log.since(0),
		remedies: () => state.remedies.all(),
		tokenRequests: () => state.log.tokenRequests(),
		revokeTokens: (appId) => state.tokens.revoke(appId),
		injectFaults: (rules) => state.faults.add(rules),
		clearFaults: () => state.faults.clear(),
		settings: () => ({ ...state.settings }),
		stats: () => state.log.snapshot(state.remedies.size),
		close: () =>
			new Promise<void>((resolve, reject) => {
				timers.forEach((timer) => clearTimeout(timer));
				timers.clear();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
