/**
 * A fresh sandbox for one test, on its own port (so the node's process-wide token cache
 * and rate limiter start clean for it), with a fixed "today" so date rules are stable.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEMO_APP, startSandbox } from '../../sandbox';
import type { RecordedRequest, Sandbox, SandboxSettings } from '../../sandbox';
import { sandboxCredential } from './runRemedyNode';
import type { FeishuCredentialData } from './runRemedyNode';

export const SANDBOX_TODAY = 20260115;

export interface SandboxSession {
	sandbox: Sandbox;
	credential: FeishuCredentialData;
}

export async function openSandbox(settings: Partial<SandboxSettings> = {}): Promise<SandboxSession> {
	const sandbox = await startSandbox({ settings: { today: SANDBOX_TODAY, ...settings } });
	return { sandbox, credential: sandboxCredential(sandbox.baseUrl, DEMO_APP.appId, DEMO_APP.appSecret) };
}

/** Every token the sandbox saw in an Authorization header: none may leak into outputs. */
export function tokensSeenBy(sandbox: Sandbox): string[] {
	const tokens = new Set<string>();
	for (const request of sandbox.requests()) {
		const header = request.headers.authorization;
		if (header?.startsWith('Bearer ') && header.length > 'Bearer '.length) tokens.add(header.slice('Bearer '.length));
	}
	return [...tokens];
}

/** Rows in the shape "Map Automatically" reads, for the standard-group user e1001 by default. */
export function remedyRow(overrides: IDataObject = {}): IDataObject {
	return {
		user_id: 'e1001',
		remedy_date: '2026-01-12',
		punch_no: 0,
		work_type: 'on_duty',
		remedy_time: '09:00',
		reason: '忘记打卡',
		...overrides,
	};
}

/** A sandbox opened before and closed after every test of the file that calls this. */
export interface PerTestSandbox extends SandboxSession {
	/** Requests the sandbox received on one path, in arrival order. */
	requestsTo(path: string): RecordedRequest[];
	/** Swap in another session (a test that restarts Feishu); the old one must be closed by the test. */
	replace(next: SandboxSession): void;
}

export function useSandboxPerTest(settings: Partial<SandboxSettings> = {}): PerTestSandbox {
	let current: SandboxSession | undefined;
	beforeEach(async () => {
		current = await openSandbox(settings);
	});
	afterEach(async () => {
		await current?.sandbox.close();
	});
	const session = (): SandboxSession => {
		if (!current) throw new Error('the sandbox is opened in beforeEach: use it inside a test');
		return current;
	};
	return {
		get sandbox() {
			return session().sandbox;
		},
		get credential() {
			return session().credential;
		},
		requestsTo: (path) =>
			session()
				.sandbox.requests()
				.filter((request) => request.path === path),
		replace: (next) => {
			current = next;
		},
	};
}
