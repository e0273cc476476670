/**
 * Public types of the Feishu sandbox: the seed data it serves, its settings, the fault rules it
 * can inject, and what it records. Everything here is JSON-serialisable so the admin HTTP API can
 * carry it unchanged between processes.
 */

export type EmployeeType = 'employee_id' | 'employee_no';

/** A punch result as Feishu attendance reports it; only `Normal` needs no remedy. */
export type PunchResult = 'Normal' | 'Lack' | 'Late' | 'Early';

/** 0 pending, 1 rejected, 2 approved, 3 cancelled, 4 withdrawn (Feishu's numbering). */
export type RemedyStatus = 0 | 1 | 2 | 3 | 4;

export interface SeedApp {
	appId: string;
	appSecret: string;
	/** e.g. `attendance:task`, `attendance:task:readonly`. */
	scopes: string[];
}

export interface PunchPair {
	/** `HH:mm`, Asia/Shanghai wall clock. */
	onDuty: string;
	/** `HH:mm`; earlier than `onDuty` means the next day (overnight shift). */
	offDuty: string;
}

export interface SeedGroup {
	id: string;
	name: string;
	/** 自由班制: no punch number to choose, create must send punch_no 0 and work_type 0. */
	freeSchedule: boolean;
	/** 1 to 3 pairs (Feishu's punch_no is 0..2). For a free schedule, optional nominal hours. */
	punchPairs: PunchPair[];
	allowRemedy: boolean;
	/** How many days before `settings.today` a remedy_date may lie. */
	remedyDaysBack: number;
	/** Pending + approved remedies allowed per user per calendar month; null = unlimited. */
	remedyLimitPerMonth: number | null;
}

export interface SeedUser {
	employeeId: string;
	employeeNo: string;
	name: string;
	groupId: string;
	/** Whether the app's attendance data permission covers this user (default true). */
	inDataScope?: boolean;
	/** Result of every slot of every day not listed in `days` (default 'lack'). */
	defaultDay?: 'lack' | 'normal';
	/** yyyyMMdd → results per slot in order on0, off0, on1, off1, …; free schedule: [on, off]. */
	days?: Record<string, PunchResult[]>;
	/** The contact email `contact/v3/users/batch_get_id` finds the user by (matched ignoring case). */
	email?: string;
	/**
	 * The contact mobile: 11 digits for mainland China (also found as `+86…`), otherwise `+` and
	 * the country code, e.g. `+14155550104` (found only that way).
	 */
	mobile?: string;
	/** Left the company (离职): batch_get_id answers them only with include_resigned (default false). */
	resigned?: boolean;
	/** Whether the apps' contact data range (通讯录权限范围) covers this user (default true). */
	inContactScope?: boolean;
}

/**
 * Cheap bulk users for benchmarks: `${prefix}${i}` / `${prefix}no-${i}` for i = 1..count, with the
 * email `${prefix}${i}@${emailDomain}` and the mainland mobile `${mobilePrefix}` + i zero-padded to
 * 11 digits, when those are given.
 */
export interface SeedUserRange {
	prefix: string;
	count: number;
	groupId: string;
	emailDomain?: string;
	/** 1 to 6 digits starting with 1, e.g. `139`: user 7 gets `13900000007`. */
	mobilePrefix?: string;
}

export interface SandboxSeed {
	apps: SeedApp[];
	groups: SeedGroup[];
	users: SeedUser[];
	userRanges?: SeedUserRange[];
}

export interface SandboxSettings {
	/** Per app per API path per wall-clock second; 0 = off. */
	rateLimitPerSecond: number;
	/** Per app per minute for `contact/v3/users/batch_get_id` (Feishu: 1,000/min besides 50/s); 0 = off. */
	contactRateLimitPerMinute: number;
	/** Token endpoint limit per app_id per second; 0 = off (Feishu documents none). */
	tokenRateLimitPerSecond: number;
	tokenLifetimeSeconds: number;
	/** The same token is handed out while more than this is left; fractions allowed for fast tests. */
	tokenRenewThresholdSeconds: number;
	/** Length of issued tokens in characters (default 50); real tokens may be JWTs of several KB. */
	tokenLength: number;
	/** HTTP status of 99991661 / 99991663 answers: Feishu has been seen sending both. */
	tokenInvalidHttpStatus: 400 | 200;
	latencyMs: number;
	jitterMs: number;
	/** yyyyMMdd used by the "days back" rule; null = the current date in Asia/Shanghai. */
	today: number | null;
	/** Seeds the PRNG behind probabilistic faults and jitter, so runs repeat. */
	faultSeed: number;
	requestLogLimit: number;
}

export type FaultKind =
	| 'http500'
	| 'dropBefore'
	| 'dropAfter'
	| 'malformed'
	| 'rateLimit'
	| 'latency'
	| 'revokeToken'
	| 'feishuError';

export interface FaultRule {
	fault: FaultKind;
	/** Exact request path; default: every `/open-apis/attendance/` and `/open-apis/contact/` path. */
	path?: string;
	/** 0..1, default 1. */
	probability?: number;
	/** Apply at most this many times; default unlimited. */
	times?: number;
	/** Only once this many matching requests were seen (the next one is the first candidate). */
	afterRequests?: number;
	/**
	 * Only a request whose body this rule has not seen before: the first attempt of each distinct
	 * request, never its retry. Which item is hit then does not depend on how attempts interleave.
	 */
	firstAttemptOnly?: boolean;
	/** For `latency`: extra delay in ms. */
	latencyMs?: number;
	/**
	 * For `feishuError`: answer this Feishu code instead of processing (for codes the seed
	 * cannot provoke, e.g. 1220002, 1220600, 1225001). HTTP status defaults to 400, msg to 'injected'.
	 */
	code?: number;
	httpStatus?: number;
	msg?: string;
}

export interface RecordedRequest {
	seq: number;
	/** Arrival time, ms since the epoch. */
	at: number;
	method: string;
	/** Without the query string. */
	path: string;
	query: Record<string, string>;
	/** Lower-case names; authorization, content-type, content-length, user-agent and every x-* header. */
	headers: Record<string, string>;
	/** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
	body: unknown;
	/** The app of a valid token, or the app_id sent to the token endpoint. */
	appId?: string;
	/** What the client got: status 0 = no answer (still in flight, or the socket was dropped). */
	outcome: { status: number; code?: number };
	faults: string[];
}

export interface StoredRemedy {
	approvalId: string;
	appId: string;
	employeeType: EmployeeType;
	/** The id as the creating request sent it (of `employeeType`). */
	userId: string;
	/** The user's employee_id, whatever id type the request used. */
	employeeId: string;
	remedyDate: number;
	punchNo: number;
	workType: number;
	remedyTime: string;
	reason: string;
	status: RemedyStatus;
	createdAt: number;
	updatedAt: number;
}

export interface SandboxStats {
	/** Non-admin requests received since the last seed/reset. */
	requests: number;
	tokenRequests: number;
	/** Answers with code 99991400 (real limit or injected). */
	rateLimited: number;
	remedies: number;
	/** path → `${status}:${code}` (or `dropped`, `200:malformed`) → count. */
	byPath: Record<string, Record<string, number>>;
	/** fault kind → times applied. */
	faults: Record<string, number>;
}

export interface SandboxOptions {
	/** 0 = a free port (default). */
	port?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** Default: defaultSeed(). */
	seed?: SandboxSeed;
	settings?: Partial<SandboxSettings>;
	/**
	 * The sandbox's clock, in epoch ms (default Date.now): arrival times, rate-limit windows and
	 * token lifetimes all read it. A test that must judge one rate-limit window holds it still, so
	 * the verdict does not depend on how fast a loaded machine delivers a burst.
	 */
	clock?: () => number;
}

export interface Sandbox {
	/** e.g. 'http://127.0.0.1:41234', no trailing slash. */
	baseUrl: string;
	port: number;
	/** Merges into the current settings. */
	configure(settings: Partial<SandboxSettings>): void;
	/** Replaces the data; clears remedies, tokens, the request log, stats and rate-limit windows. */
	seed(seed: SandboxSeed): void;
	/** Back to the start seed and start settings (defaults + options.settings); clears faults too. */
	reset(): void;
	/** Every non-admin request received, in arrival order (bounded by requestLogLimit). */
	requests(): RecordedRequest[];
	remedies(): StoredRemedy[];
	tokenRequests(): number;
	/** Revokes every token of one app, or of all apps. */
	revokeTokens(appId?: string): void;
	/** Appends rules. */
	injectFaults(rules: FaultRule[]): void;
	clearFaults(): void;
	/** Current settings (addition). */
	settings(): SandboxSettings;
	/** Counters since the last seed/reset (addition). */
	stats(): SandboxStats;
	close(): Promise<void>;
}
