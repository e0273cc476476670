/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs in jest under plain Node, never inside n8n */
/**
 * A minimal Feishu client for the sandbox's own tests: real HTTP with Node's fetch, answers kept
 * raw (status, headers, text) plus the parsed envelope, so tests assert exactly what a client sees.
 */

import { DEMO_APP, PATHS, startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';

export interface UserRemedyView {
	user_id: string;
	remedy_date: number;
	punch_no: number;
	work_type: number;
	approval_id: string;
	remedy_time: string;
	status: number;
	reason: string;
	time: string;
	time_zone: string;
	create_time: string;
	update_time: string;
}

export interface AllowedRemedyView {
	user_id: string;
	remedy_date: number;
	is_free_punch: boolean;
	punch_no: number;
	work_type: number;
	punch_status: string;
	normal_punch_time: string;
	remedy_start_time: string;
	remedy_end_time: string;
}

export interface ContactEntryView {
	email?: string;
	mobile?: string;
	user_id?: string;
	status?: { is_frozen: boolean; is_resigned: boolean; is_activated: boolean; is_exited: boolean; is_unjoin: boolean };
}

export interface FeishuBody {
	code: number;
	msg: string;
	data?: {
		user_remedy?: UserRemedyView;
		user_remedys?: UserRemedyView[];
		user_allowed_remedys?: AllowedRemedyView[];
		approval_info?: { approval_id: string; approval_type: string; status: number };
		user_list?: ContactEntryView[];
	};
	error?: {
		log_id: string;
		field_violations?: Array<{ field: string; description: string }>;
		permission_violations?: Array<{ type: string; subject: string }>;
		helps?: Array<{ url: string; description: string }>;
	};
	tenant_access_token?: string;
	expire?: number;
}

export interface Reply {
	status: number;
	headers: Headers;
	text: string;
	body: FeishuBody;
}

export interface CallOptions {
	token?: string;
	query?: Record<string, string>;
	contentType?: string;
	/** Sent as is instead of JSON.stringify(body). */
	rawBody?: string;
	method?: string;
}

/** The date every test treats as today, so "days back" rules never depend on the wall clock. */
export const TODAY = 20240315;
export const YESTERDAY = 20240314;

export { PATHS };

export class SandboxClient {
	constructor(readonly baseUrl: string) {}

	async call(path: string, body: unknown, options: CallOptions = {}): Promise<Reply> {
		const url = new URL(path, this.baseUrl);
		for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
		const headers: Record<string, string> = {
			'content-type': options.contentType ?? 'application/json; charset=utf-8',
		};
		if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
		const response = await fetch(url, {
			method: options.method ?? 'POST',
			headers,
			body: options.method === 'GET' ? undefined : (options.rawBody ?? JSON.stringify(body)),
		});
		const text = await response.text();
		let parsed: FeishuBody;
		try {
			parsed = JSON.parse(text) as FeishuBody;
		} catch {
			parsed = { code: Number.NaN, msg: 'unparsable' };
		}
		return { status: response.status, headers: response.headers, text, body: parsed };
	}

	tokenReply(app: { appId: string; appSecret: string } = DEMO_APP): Promise<Reply> {
		return this.call(PATHS.tenantToken, { app_id: app.appId, app_secret: app.appSecret });
	}

	async token(app: { appId: string; appSecret: string } = DEMO_APP): Promise<string> {
		const reply = await this.tokenReply(app);
		if (!reply.body.tenant_access_token) throw new Error(`no token: ${reply.text}`);
		return reply.body.tenant_access_token;
	}

	create(token: string, body: unknown, employeeType = 'employee_id'): Promise<Reply> {
		return this.call(PATHS.createRemedy, body, { token, query: { employee_type: employeeType } });
	}

	allowed(token: string, body: unknown, employeeType = 'employee_id'): Promise<Reply> {
		return this.call(PATHS.allowedRemedies, body, { token, query: { employee_type: employeeType } });
	}

	query(token: string, body: unknown, employeeType = 'employee_id'): Promise<Reply> {
		return this.call(PATHS.queryRemedies, body, { token, query: { employee_type: employeeType } });
	}

	/** `contact/v3/users/batch_get_id`; `userIdType` null sends no query (Feishu's default, open_id). */
	lookup(token: string, body: unknown, userIdType: string | null = 'user_id'): Promise<Reply> {
		return this.call(PATHS.batchGetUserId, body, {
			token,
			query: userIdType === null ? {} : { user_id_type: userIdType },
		});
	}

	process(token: string, approvalId: string, status: number, approvalType = 'remedy'): Promise<Reply> {
		return this.call(
			PATHS.processApproval,
			{ approval_id: approvalId, approval_type: approvalType, status },
			{ token },
		);
	}
}

/** A valid create body for e1001 (standard group, 09:00 on duty missing) yesterday. */
export function remedyBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		user_id: 'e1001',
		remedy_date: YESTERDAY,
		punch_no: 0,
		work_type: 1,
		remedy_time: '2024-03-14 09:00',
		reason: '忘记打卡',
		...overrides,
	};
}

/** Starts one sandbox for a test file (today fixed, rate limit off unless asked) and resets it before each test. */
export function useSandbox(options: SandboxOptions = {}): { sandbox: () => Sandbox; client: () => SandboxClient } {
	let sandbox: Sandbox | undefined;
	let client: SandboxClient | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({
			...options,
			settings: { today: TODAY, rateLimitPerSecond: 0, ...options.settings },
		});
		client = new SandboxClient(sandbox.baseUrl);
	});
	beforeEach(() => sandbox?.reset());
	afterAll(async () => {
		await sandbox?.close();
	});
	return {
		sandbox: () => {
			if (!sandbox) throw new Error('sandbox not started');
			return sandbox;
		},
		client: () => {
			if (!client) throw new Error('sandbox not started');
			return client;
		},
	};
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
