/* eslint-disable no-console -- test code: prints the fault mix of each run so a CI log shows what was exercised */
/**
 * Nothing lost, nothing sent twice: thousands of items through n8n's engine against a
 * sandbox that answers with random 429s, 5xx, connections dropped before and after
 * processing, latency spikes past the timeout, malformed bodies and a token revoked
 * mid-run. Every input item must come out exactly once; every Success item must be in
 * Feishu exactly once with its approval_id; a Failed item is retry_safe exactly when
 * Feishu holds nothing for it and the node could know that.
 *
 * The fault plan is random: the seed is printed and `FAULT_SEED=<n>` replays it (the same
 * items and the same faulted request numbers; which item a request number belongs to
 * depends on arrival order).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { defaultSeed } from '../../sandbox';
import type { FaultRule, RecordedRequest, Sandbox, SandboxSettings, StoredRemedy } from '../../sandbox';
import { runRemedyNode } from '../engine/runRemedyNode';
import type { RemedyRun } from '../engine/runRemedyNode';
import { SANDBOX_TODAY, openSandbox, tokensSeenBy } from '../engine/sandboxSession';
import type { SandboxSession } from '../engine/sandboxSession';
import { CREATE_PATH, Problems, TOKEN_PATH, routeOf, slotOf, storedAsExpected, traceByItem } from './itemAccounting';

const RECORDS_PATH = '/open-apis/attendance/v1/user_task_remedys/query';
import type { ExpectedRemedy } from './itemAccounting';
import { expectNoSecrets, watchLogsAndConsole } from './leakWatch';
import { choiceFor as choiceForSeed, suiteSeed } from './runSeed';
import type { SeededChoice } from './runSeed';

const SEED = suiteSeed('faultInjection');

const choiceFor = (testName: string) => choiceForSeed(SEED, testName);

/** A latency spike longer than the node's timeout: the node gives up, the sandbox still processes. */
const TIMEOUT_MS = 3000;
const SPIKE_MS = 4500;

let session: SandboxSession | undefined;
afterEach(async () => {
	await session?.sandbox.close();
	session = undefined;
});

// ---------------------------------------------------------------------------------------
// Items

type ItemKind = 'valid' | 'duplicate' | 'refused' | 'invalid';

interface PlannedItem {
	kind: ItemKind;
	row: IDataObject;
	/** What the node must send (and report) for it; undefined when it must send nothing. */
	expected?: ExpectedRemedy;
	/** For a duplicate row: the earlier item it repeats. */
	duplicateOf?: number;
	/** For an invalid row: the field the error must name. */
	badField?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const TODAY_UTC = Date.UTC(
	Math.floor(SANDBOX_TODAY / 10000),
	(Math.floor(SANDBOX_TODAY / 100) % 100) - 1,
	SANDBOX_TODAY % 100,
);

interface Day {
	y: number;
	m: number;
	d: number;
}

function daysBeforeToday(days: number): Day {
	const date = new Date(TODAY_UTC - days * DAY_MS);
	return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

const two = (n: number) => String(n).padStart(2, '0');
const isoOf = (day: Day) => `${day.y}-${two(day.m)}-${two(day.d)}`;
const numberOf = (day: Day) => day.y * 10000 + day.m * 100 + day.d;

/** The many ways a sheet writes a date, all meaning `day`. */
function dateCell(choice: SeededChoice, day: Day): string | number {
	return choice.pick([isoOf(day), numberOf(day), String(numberOf(day)), `${day.y}/${day.m}/${day.d}`]);
}

const REASON_FLAVOURS = [
	'忘记打卡',
	'forgot to clock in 🕘',
	'RTL \u202Eעברית\u202C mixed',
	'zero\u200Bwidth\u200Djoiner',
	'quote " and \\ backslash',
];

/**
 * `count` rows: mostly valid remedies for distinct bulk users (so every slot is unique),
 * plus about 1% each of rows repeating an earlier slot, rows Feishu refuses, and rows
 * that fail validation. The reason starts with `#<index>` to trace requests back.
 */
function planItems(choice: SeededChoice, count: number, oncePerMonthShare: number): PlannedItem[] {
	const items: PlannedItem[] = [];
	const validIndices: number[] = [];
	let refusedDays = 0;
	for (let index = 0; index < count; index++) {
		const reason = `#${index} ${choice.pick(REASON_FLAVOURS)}`;
		const roll = choice.next();
		if (roll < 0.01 && validIndices.length > 0) {
			const first = choice.pick(validIndices);
			const row = { ...items[first].row, row: index, reason };
			items.push({ kind: 'duplicate', row, duplicateOf: first });
		} else if (roll < 0.02) {
			// Feishu refuses these: an unknown user (1220004), or a group without remedies (1226502).
			const refusedByGroup = refusedDays < 28 && choice.chance(0.5);
			const day = daysBeforeToday(refusedByGroup ? 1 + refusedDays++ : choice.int(1, 3000));
			const userId = refusedByGroup ? 'e1006' : `nobody-${index}`;
			const row = {
				row: index,
				user_id: userId,
				remedy_date: isoOf(day),
				punch_no: 0,
				work_type: 'on_duty',
				remedy_time: '09:05',
				reason,
			};
			const expected: ExpectedRemedy = {
				employee_type: 'employee_id',
				user_id: userId,
				remedy_date: numberOf(day),
				punch_no: 0,
				work_type: 1,
				remedy_time: `${isoOf(day)} 09:05`,
				reason,
			};
			items.push({ kind: 'refused', row, expected });
		} else if (roll < 0.03) {
			const [badField, bad] = choice.pick([
				['remedy_date', { remedy_date: '2025-02-30' }],
				['remedy_time', { remedy_time: '25:00' }],
				['punch_no', { punch_no: 7 }],
			] as const);
			const row = {
				row: index,
				user_id: `bench-${index + 1}`,
				remedy_date: '2025-06-02',
				punch_no: 0,
				work_type: 'on_duty',
				remedy_time: '09:00',
				reason,
				...bad,
			};
			items.push({ kind: 'invalid', row, badField });
		} else {
			items.push(validItem(choice, index, reason, choice.chance(oncePerMonthShare) ? 'once-' : 'bench-'));
			validIndices.push(index);
		}
	}
	return items;
}

function validItem(choice: SeededChoice, index: number, reason: string, prefix: string): PlannedItem {
	const day = daysBeforeToday(choice.int(1, 3000));
	const onDuty = choice.chance(0.5);
	const workType = choice.pick(onDuty ? ['on_duty', 1, '上班', 'On Duty'] : ['off_duty', 2, '下班', 'off duty']);
	const time = `${onDuty ? '09' : '18'}:${two(choice.int(0, 59))}`;
	const timeCell = choice.pick([time, `${isoOf(day)} ${time}`, `${day.y}/${day.m}/${day.d} ${time}`]);
	const byNumber = choice.chance(0.2);
	const userId = byNumber ? `${prefix}no-${index + 1}` : `${prefix}${index + 1}`;
	const row: IDataObject = {
		row: index,
		[byNumber ? '工号' : 'user_id']: userId,
		remedy_date: dateCell(choice, day),
		punch_no: choice.pick([0, '0', 'first']),
		work_type: workType,
		remedy_time: timeCell,
		reason,
	};
	const expected: ExpectedRemedy = {
		employee_type: byNumber ? 'employee_no' : 'employee_id',
		user_id: userId,
		remedy_date: numberOf(day),
		punch_no: 0,
		work_type: onDuty ? 1 : 2,
		remedy_time: `${isoOf(day)} ${time}`,
		reason,
	};
	return { kind: 'valid', row, expected };
}

// ---------------------------------------------------------------------------------------
// Runs

/** The default tenant plus `once-<n>` users who may file one remedy a month (any date in ten years). */
function seedWithOncePerMonthUsers() {
	const seed = defaultSeed();
	const unlimited = seed.groups.find((group) => group.id === 'g-unlimited');
	if (!unlimited) throw new Error('the default seed has no g-unlimited group');
	seed.groups.push({ ...unlimited, id: 'g-once-a-month', name: 'Once a month', remedyLimitPerMonth: 1 });
	seed.userRanges = [...(seed.userRanges ?? []), { prefix: 'once-', count: 10_000, groupId: 'g-once-a-month' }];
	return seed;
}

function randomFaults(choice: SeededChoice, count: number, rateLimitProbability: number): FaultRule[] {
	const path = CREATE_PATH;
	return [
		{ fault: 'latency', latencyMs: SPIKE_MS, probability: 0.004, path },
		{ fault: 'rateLimit', probability: rateLimitProbability, path },
		{ fault: 'http500', probability: 0.02, path },
		{ fault: 'dropBefore', probability: 0.02, path },
		{ fault: 'dropAfter', probability: 0.02, path },
		{ fault: 'malformed', probability: 0.02, path },
		{ fault: 'revokeToken', afterRequests: choice.int(50, Math.floor(count / 2)), times: 1, path },
	];
}

interface FaultRun {
	items: PlannedItem[];
	result: RemedyRun;
	requests: RecordedRequest[];
	remedies: StoredRemedy[];
	logs: string[];
	sandbox: Sandbox;
}

async function runWithFaults(options: {
	choice: SeededChoice;
	items: PlannedItem[];
	settings: Partial<SandboxSettings>;
	faults: FaultRule[];
	nodeOptions: IDataObject;
	continueOnFail?: boolean;
}): Promise<FaultRun> {
	session = await openSandbox({ faultSeed: options.choice.seed(), ...options.settings });
	const { sandbox, credential } = session;
	sandbox.seed(seedWithOncePerMonthUsers());
	sandbox.injectFaults(options.faults);
	const parameters: INodeParameters = {
		operation: 'createRemedy',
		mappingMode: 'autoMap',
		options: { timeoutMs: TIMEOUT_MS, ...options.nodeOptions },
	};
	const watch = watchLogsAndConsole();
	let result: RemedyRun;
	try {
		result = await runRemedyNode({
			items: options.items.map((item) => item.row),
			parameters,
			credential,
			continueOnFail: options.continueOnFail,
		});
	} finally {
		watch.stop();
	}
	await untilSandboxSettled(sandbox);
	return {
		items: options.items,
		result,
		requests: sandbox.requests(),
		remedies: sandbox.remedies(),
		logs: watch.lines,
		sandbox,
	};
}

/**
 * A request the node gave up on (timeout) is still processed by the sandbox once its
 * latency is over: wait until every request is answered or was dropped. Bounded.
 */
async function untilSandboxSettled(sandbox: Sandbox): Promise<void> {
	for (let round = 0; round < 200; round++) {
		const inFlight = sandbox
			.requests()
			.filter((r) => r.outcome.status === 0 && !r.faults.includes('dropBefore') && !r.faults.includes('dropAfter'));
		if (inFlight.length === 0) return;
		await sleep(50);
	}
	throw new Error('the sandbox still had requests in flight after 10 s');
}

// ---------------------------------------------------------------------------------------
// What every run must satisfy

/** The node could not know whether Feishu wrote: no answer, a cut answer, or a 5xx. */
function isAmbiguous(request: RecordedRequest): boolean {
	return request.faults.some((fault) => ['http500', 'dropBefore', 'dropAfter', 'malformed', 'latency'].includes(fault));
}

/** Certainly wrote nothing and said so: rate-limited or token refused. */
function isSafelyRefused(request: RecordedRequest): boolean {
	return !isAmbiguous(request) && (request.outcome.code === 99991400 || request.outcome.code === 99991663);
}

/** Processed but the answer never reached the node (the documented duplicate risk). */
function mayHaveWrittenUnseen(request: RecordedRequest): boolean {
	return (
		request.faults.includes('dropAfter') || request.faults.includes('malformed') || request.faults.includes('latency')
	);
}

function expectEverythingAccountedFor(run: FaultRun, retryServerErrors: boolean): void {
	const { items, result } = run;
	expect(result.error).toBeUndefined();
	const routed = routeOf(result, items.length);
	const { requestsOf, storedOf, strangers } = traceByItem(run.requests, run.remedies, items.length);
	expect(strangers).toEqual([]);

	const problems = new Problems();
	items.forEach((item, index) => {
		const { output, json } = routed[index];
		const requests = requestsOf[index];
		const stored = storedOf[index];
		const error = json.error as IDataObject | undefined;
		const what = `item ${index} (${item.kind}, ${output}, ${requests.length} requests [${requests.map((r) => `${r.outcome.status}:${r.outcome.code ?? '-'}${r.faults.length ? `+${r.faults.join('+')}` : ''}`).join(' ')}], ${stored.length} stored${error ? `, error ${String(error.category)}/${String(error.code)} retry_safe=${String(error.retry_safe)}` : ''})`;

		if (item.kind === 'invalid' || item.kind === 'duplicate') {
			problems.check(
				output === 'failed' && requests.length === 0 && stored.length === 0,
				() => `${what}: must fail without a request`,
			);
			if (item.kind === 'invalid')
				problems.check(
					error?.category === 'invalid_input' && error.field === item.badField,
					() => `${what}: must name ${item.badField}`,
				);
			if (item.kind === 'duplicate') {
				problems.check(
					error?.category === 'duplicate' && error.retry_safe === true,
					() => `${what}: must fail as a duplicate`,
				);
				problems.check(
					String(error?.msg).includes(`Same remedy as item ${item.duplicateOf}`),
					() => `${what}: must name item ${item.duplicateOf}`,
				);
			}
			return;
		}

		const expected = item.expected as ExpectedRemedy;
		if (output === 'failed' && String(error?.msg).startsWith('Could not check Feishu for an existing remedy')) {
			// The re-run check could not be answered: nothing may have been sent, and it is safe to run again.
			problems.check(
				requests.length === 0 && stored.length === 0 && error?.retry_safe === true,
				() => `${what}: a failed check must send nothing`,
			);
			return;
		}
		problems.check(requests.length >= 1, () => `${what}: was never sent`);
		problems.check(
			JSON.stringify(json.remedy) === JSON.stringify(expected),
			() => `${what}: reports remedy ${JSON.stringify(json.remedy)}, expected ${JSON.stringify(expected)}`,
		);
		for (const remedy of stored) {
			problems.check(
				JSON.stringify(storedAsExpected(remedy)) === JSON.stringify(expected),
				() => `${what}: Feishu holds ${JSON.stringify(storedAsExpected(remedy))}`,
			);
		}

		// Only what cannot have written is retried, unless the user asked for more.
		for (const earlier of requests.slice(0, -1)) {
			if (retryServerErrors)
				problems.check(
					earlier.outcome.code !== 0 || earlier.faults.includes('latency'),
					() => `${what}: sent again after a success`,
				);
			else
				problems.check(
					isSafelyRefused(earlier),
					() => `${what}: retried after request ${earlier.seq} (${earlier.faults.join('+')}) which may have written`,
				);
		}

		// Feishu holds exactly what the answers say, plus at most one per unseen write.
		const answeredWrites = requests.filter((r) => r.outcome.code === 0).length;
		const unseenWrites = requests.filter(mayHaveWrittenUnseen).length;
		problems.check(
			stored.length >= answeredWrites && stored.length <= answeredWrites + unseenWrites,
			() => `${what}: stored count does not match the answers`,
		);
		if (!retryServerErrors)
			problems.check(stored.length <= 1, () => `${what}: written twice without Retry Server Errors`);
		if (stored.length > 1)
			problems.check(
				unseenWrites > 0,
				() => `${what}: written twice with no dropped, cut or timed-out request to explain it`,
			);

		if (output === 'success') {
			problems.check(item.kind === 'valid', () => `${what}: Feishu refuses this row, yet it succeeded`);
			const withId = stored.filter((remedy) => remedy.approvalId === json.approval_id);
			problems.check(
				typeof json.approval_id === 'string' && withId.length === 1,
				() => `${what}: approval_id ${String(json.approval_id)} is not one stored remedy`,
			);
			problems.check(
				Object.keys(json).sort().join() === [...Object.keys(item.row), 'approval_id', 'remedy'].sort().join(),
				() => `${what}: unexpected columns ${Object.keys(json).join()}`,
			);
		} else {
			// retry_safe: Feishu certainly holds nothing, and the node could know it.
			const knowable = stored.length === 0 && !requests.some(isAmbiguous);
			problems.check(error?.retry_safe === knowable, () => `${what}: retry_safe must be ${knowable}`);
			problems.check(
				typeof error?.msg === 'string' && typeof error.hint === 'string' && error.msg !== '',
				() => `${what}: error without msg or hint`,
			);
		}
	});
	problems.expectNone();

	if (!retryServerErrors) {
		const slots = run.remedies.map(slotOf);
		expect(new Set(slots).size).toBe(slots.length);
	}
	expectNoSecrets(
		{ success: result.success, failed: result.failed, error: result.error, runData: result.run, logs: run.logs },
		[session?.credential.appSecret ?? '', ...tokensSeenBy(run.sandbox)],
	);
}

/** Counts per outcome, printed so a run's mix can be seen in CI logs. */
function summary(run: FaultRun): string {
	const faults = run.sandbox.stats().faults;
	const failed = run.result.failed.map((i) => String((i.json.error as IDataObject).category));
	const byCategory = failed.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c]: (acc[c] ?? 0) + 1 }), {});
	return `${run.items.length} items → ${run.result.success.length} success, ${run.result.failed.length} failed ${JSON.stringify(byCategory)}; ${run.requests.filter((r) => r.path === CREATE_PATH).length} create requests, ${run.remedies.length} stored; answers ${JSON.stringify(run.sandbox.stats().byPath[CREATE_PATH] ?? {})}; faults ${JSON.stringify(faults)}; ${run.sandbox.tokenRequests()} token requests`;
}

// ---------------------------------------------------------------------------------------
// The runs

describe('under random faults, every item is accounted for', () => {
	test('2,000 items at 400/s, Retry Server Errors off: no slot is written twice', async () => {
		const choice = choiceFor('off');
		const items = planItems(choice, 2000, 0.1);
		const run = await runWithFaults({
			choice,
			items,
			settings: { rateLimitPerSecond: 400, jitterMs: 30 },
			faults: randomFaults(choice, items.length, 0.003),
			nodeOptions: { requestsPerSecond: 400 },
		});
		console.log(`faultInjection off: ${summary(run)}`);
		expectEverythingAccountedFor(run, false);
		// The revoked token was renewed (unless the revoking request was short-circuited first).
		const revoking = run.requests.find((r) => r.faults.includes('revokeToken'));
		const revoked =
			revoking !== undefined && !revoking.faults.some((f) => ['rateLimit', 'http500', 'dropBefore'].includes(f));
		expect(run.sandbox.tokenRequests()).toBeGreaterThanOrEqual(revoked ? 2 : 1);
		expect(run.result.success.length).toBeGreaterThan(items.length * 0.7);
	});

	test('2,000 items at 400/s, Retry Server Errors on: a duplicate only where a request was dropped, cut or timed out', async () => {
		const choice = choiceFor('on');
		const items = planItems(choice, 2000, 0.3);
		const run = await runWithFaults({
			choice,
			items,
			settings: { rateLimitPerSecond: 400, jitterMs: 30 },
			faults: randomFaults(choice, items.length, 0.003),
			nodeOptions: { requestsPerSecond: 400, retryServerErrors: true, maxRetries: 3 },
		});
		console.log(`faultInjection on: ${summary(run)}`);
		expectEverythingAccountedFor(run, true);
	});

	test('300 items at the real 50/s, continue on fail on, token-invalid answered with HTTP 200', async () => {
		const choice = choiceFor('fifty');
		const items = planItems(choice, 300, 0.1);
		const run = await runWithFaults({
			choice,
			items,
			settings: { rateLimitPerSecond: 50, jitterMs: 30, tokenInvalidHttpStatus: 200 },
			faults: randomFaults(choice, items.length, 0.01),
			nodeOptions: { requestsPerSecond: 50 },
			continueOnFail: true,
		});
		console.log(`faultInjection 50/s: ${summary(run)}`);
		expectEverythingAccountedFor(run, false);
	});
});

describe('when everything fails, no item is lost', () => {
	const cases: Array<
		[
			string,
			FaultRule[],
			IDataObject,
			{ category: string; retrySafe: boolean; storedEach: number; requestsEach: number | number[]; items?: number },
		]
	> = [
		[
			'HTTP 500',
			[{ path: CREATE_PATH, fault: 'http500' }],
			{},
			{ category: 'server', retrySafe: false, storedEach: 0, requestsEach: 1 },
		],
		[
			'HTTP 500, retried twice',
			[{ path: CREATE_PATH, fault: 'http500' }],
			{ retryServerErrors: true, maxRetries: 2 },
			{ category: 'server', retrySafe: false, storedEach: 0, requestsEach: 3 },
		],
		[
			'connections dropped before processing',
			[{ path: CREATE_PATH, fault: 'dropBefore' }],
			{},
			{ category: 'network', retrySafe: false, storedEach: 0, requestsEach: 1 },
		],
		[
			'connections dropped after processing',
			[{ path: CREATE_PATH, fault: 'dropAfter' }],
			{},
			{ category: 'network', retrySafe: false, storedEach: 1, requestsEach: 1 },
		],
		[
			'malformed answers',
			[{ path: CREATE_PATH, fault: 'malformed' }],
			{},
			{ category: 'server', retrySafe: false, storedEach: 1, requestsEach: 1 },
		],
		[
			'timeouts',
			[{ path: CREATE_PATH, fault: 'latency', latencyMs: SPIKE_MS }],
			{},
			{ category: 'network', retrySafe: false, storedEach: 1, requestsEach: 1 },
		],
		[
			'rate limiting beyond Max Retries',
			[{ path: CREATE_PATH, fault: 'rateLimit' }],
			{ maxRetries: 1 },
			{ category: 'rate_limited', retrySafe: true, storedEach: 0, requestsEach: 2, items: 15 },
		],
		[
			'every token refused (99991663 storm)',
			[{ path: CREATE_PATH, fault: 'revokeToken' }],
			{},
			// A create revokes every token: a group still being checked for existing remedies may have its
			// check refused too (after its one renewal), and then sends nothing — the same auth failure,
			// retry-safe, with no create request.
			{ category: 'auth', retrySafe: true, storedEach: 0, requestsEach: [0, 2] },
		],
		[
			'a Feishu refusal (1220600)',
			[{ path: CREATE_PATH, fault: 'feishuError', code: 1220600, msg: '通用错误信息' }],
			{},
			{ category: 'not_allowed', retrySafe: true, storedEach: 0, requestsEach: 1 },
		],
	];

	// Each 429 holds every request until the window resets: fewer items keep that case short.
	test.each(cases)('%s', async (name, faults, nodeOptions, expected) => {
		const choice = choiceFor(`all ${name}`);
		const items = Array.from({ length: expected.items ?? 60 }, (_, index) =>
			validItem(choice, index, `#${index} ${choice.pick(REASON_FLAVOURS)}`, 'bench-'),
		);
		const run = await runWithFaults({
			choice,
			items,
			settings: { rateLimitPerSecond: 400 },
			faults,
			nodeOptions: { requestsPerSecond: 400, ...nodeOptions },
		});

		expect(run.result.success).toHaveLength(0);
		expectEverythingAccountedFor(run, nodeOptions.retryServerErrors === true);
		const { requestsOf, storedOf } = traceByItem(run.requests, run.remedies, items.length);
		const errors = run.result.failed.map((item) => item.json.error as IDataObject);
		expect(new Set(errors.map((e) => `${String(e.category)} retry_safe=${String(e.retry_safe)}`))).toEqual(
			new Set([`${expected.category} retry_safe=${expected.retrySafe}`]),
		);
		expect(new Set(storedOf.map((stored) => stored.length))).toEqual(new Set([expected.storedEach]));
		const allowed = Array.isArray(expected.requestsEach) ? expected.requestsEach : [expected.requestsEach];
		expect(requestsOf.map((requests) => requests.length).filter((count) => !allowed.includes(count))).toEqual([]);
	});

	test.each([false, true])(
		'a token endpoint that always fails (continue on fail %s): the run stops, or every item is Failed',
		async (continueOnFail) => {
			const choice = choiceFor(`token endpoint ${continueOnFail}`);
			const items = Array.from({ length: 50 }, (_, index) => validItem(choice, index, `#${index} r`, 'bench-'));
			const run = await runWithFaults({
				choice,
				items,
				settings: {},
				faults: [{ fault: 'http500', path: TOKEN_PATH }],
				nodeOptions: {},
				continueOnFail,
			});

			expect(run.requests.filter((r) => r.path === CREATE_PATH)).toHaveLength(0);
			expect(run.result.success).toHaveLength(0);
			if (!continueOnFail) {
				// Stop-on-error: a failure of the whole run (the credential) stops the workflow.
				expect(run.result.error?.message).toContain('code 1225000');
				expect(run.result.failed).toHaveLength(0);
				return;
			}
			expect(run.result.error).toBeUndefined();
			routeOf(run.result, items.length);
			expect(run.result.failed.map((item) => item.json.error)).toEqual(
				items.map(() => expect.objectContaining({ category: 'auth', retry_safe: true, code: 1225000 })),
			);
		},
	);
});

describe('re-runs under random faults: every row ends with exactly one stored remedy', () => {
	/** Faults of the check: the records query answers like the create may (it is retried: it writes nothing). */
	function checkFaults(): FaultRule[] {
		const path = RECORDS_PATH;
		return [
			{ fault: 'latency', latencyMs: SPIKE_MS, probability: 0.004, path },
			{ fault: 'rateLimit', probability: 0.01, path },
			{ fault: 'http500', probability: 0.03, path },
			{ fault: 'dropBefore', probability: 0.03, path },
			{ fault: 'dropAfter', probability: 0.03, path },
			{ fault: 'malformed', probability: 0.03, path },
		];
	}

	test('600 rows, run three times (random faults in the first two, on create and on the check), Retry Server Errors off', async () => {
		const choice = choiceFor('re-runs');
		const items = planItems(choice, 600, 0);
		session = await openSandbox({ faultSeed: choice.seed(), rateLimitPerSecond: 400, jitterMs: 30 });
		const { sandbox, credential } = session;
		sandbox.seed(seedWithOncePerMonthUsers());
		const parameters: INodeParameters = {
			operation: 'createRemedy',
			mappingMode: 'autoMap',
			options: { timeoutMs: TIMEOUT_MS, requestsPerSecond: 400 },
		};
		const runs: RemedyRun[] = [];
		for (const faults of [
			[...randomFaults(choice, items.length, 0.003), ...checkFaults()],
			[...randomFaults(choice, items.length, 0.003), ...checkFaults()],
			[],
		]) {
			sandbox.clearFaults();
			sandbox.injectFaults(faults);
			runs.push(await runRemedyNode({ items: items.map((item) => item.row), parameters, credential }));
			await untilSandboxSettled(sandbox);
			// After every run: no slot is stored twice, and every item is on exactly one output.
			const slots = sandbox.remedies().map(slotOf);
			expect(new Set(slots).size).toBe(slots.length);
			routeOf(runs[runs.length - 1], items.length);
		}
		const { storedOf } = traceByItem(sandbox.requests(), sandbox.remedies(), items.length);
		const problems = new Problems();
		items.forEach((item, index) => {
			const stored = storedOf[index];
			if (item.kind !== 'valid')
				return problems.check(stored.length === 0, () => `item ${index} (${item.kind}): stored ${stored.length}`);
			problems.check(stored.length === 1, () => `item ${index}: stored ${stored.length} times after three runs`);
			// Whatever run it succeeded in, its approval_id is the one stored remedy.
			for (const [number, run] of runs.entries()) {
				const success = run.success.find(
					(out) => out.pairedItem !== undefined && (out.pairedItem as { item: number }).item === index,
				);
				if (success)
					problems.check(
						success.json.approval_id === stored[0]?.approvalId,
						() => `item ${index}: run ${number + 1} answered approval ${String(success.json.approval_id)}`,
					);
			}
		});
		problems.expectNone();
		// The last run, without faults, has every valid row in Success: created then, or found from an earlier run.
		const last = runs[runs.length - 1];
		expect(last.success).toHaveLength(items.filter((item) => item.kind === 'valid').length);
		const existing = (run: RemedyRun) => run.success.filter((out) => out.json.existing === true).length;
		console.log(
			`faultInjection re-runs: ${runs.map((run, n) => `run ${n + 1}: ${run.success.length} success (${existing(run)} existing), ${run.failed.length} failed`).join('; ')}; ${sandbox.remedies().length} stored`,
		);
		expect(existing(last)).toBeGreaterThan(0);
	});
});

test('with Retry Server Errors, an item whose dropped first attempt was written and whose retry is refused is not retry_safe', async () => {
	const choice = choiceFor('once');
	// once-<n> may file one remedy a month: the retry of a written remedy is refused with 1226504.
	const items = Array.from({ length: 5 }, (_, index) => validItem(choice, index, `#${index} r`, 'once-'));
	const run = await runWithFaults({
		choice,
		items,
		settings: {},
		// The first attempt of each item, never its retry, whatever order the attempts arrive in (with
		// `times: 5` a quick retry could take one item's drop and leave another item undropped).
		faults: [{ path: CREATE_PATH, fault: 'dropAfter', firstAttemptOnly: true }],
		nodeOptions: { retryServerErrors: true, maxRetries: 1, requestsPerSecond: 5 },
	});
	expect(run.remedies).toHaveLength(5);
	expect(run.result.failed.map((item) => item.json.error)).toEqual(
		items.map(() =>
			expect.objectContaining({ code: 1226504, retry_safe: false, hint: expect.stringMatching(/check Feishu/i) }),
		),
	);
	expectEverythingAccountedFor(run, true);
});
