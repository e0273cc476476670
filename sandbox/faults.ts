/**
 * Fault injection: decides, per request, which configured faults hit it. Decisions are made at
 * arrival, in rule order, from counters and a seeded PRNG only, so the Nth matching request gets
 * the same fault on every run regardless of timing.
 */

import { seededRandom, type Random } from './random';
import type { FaultKind, FaultRule } from './types';

/** Faults that answer (or hang up) instead of the API; at most one applies to a request. */
export type ShortCircuitFault = 'dropBefore' | 'rateLimit' | 'http500' | 'feishuError';
/** Faults that spoil the answer after the request was processed; at most one applies. */
export type SpoilingFault = 'dropAfter' | 'malformed';

export interface FaultPlan {
	shortCircuit?: ShortCircuitFault;
	/** The rule of a `feishuError` short circuit: its code, status and msg. */
	feishuError?: Pick<FaultRule, 'code' | 'httpStatus' | 'msg'>;
	spoil?: SpoilingFault;
	revokeToken: boolean;
	extraLatencyMs: number;
	/** Kinds applied, for RecordedRequest.faults. */
	applied: FaultKind[];
}

const KINDS: ReadonlySet<string> = new Set([
	'http500',
	'dropBefore',
	'dropAfter',
	'malformed',
	'rateLimit',
	'latency',
	'revokeToken',
	'feishuError',
]);
/** The APIs a rule without `path` applies to: every one the node calls, never the token endpoint. */
const API_PREFIXES: readonly string[] = ['/open-apis/attendance/', '/open-apis/contact/'];
const JITTER_STREAM = 0x9e3779b9;

interface ActiveRule {
	rule: FaultRule;
	seen: number;
	applied: number;
	/** Bodies seen, for `firstAttemptOnly`. */
	bodies: Set<string>;
}

export class FaultInjector {
	private rules: ActiveRule[] = [];
	private random: Random;
	/** A separate stream, so turning jitter on does not change which requests get faults. */
	private jitterRandom: Random;

	constructor(seed: number) {
		this.random = seededRandom(seed);
		this.jitterRandom = seededRandom(seed ^ JITTER_STREAM);
	}

	reseed(seed: number): void {
		this.random = seededRandom(seed);
		this.jitterRandom = seededRandom(seed ^ JITTER_STREAM);
	}

	/** A delay in [0, maxMs), from the seeded jitter stream. */
	jitter(maxMs: number): number {
		return maxMs > 0 ? Math.floor(this.jitterRandom() * maxMs) : 0;
	}

	add(rules: FaultRule[]): void {
		rules.forEach(checkRule);
		this.rules.push(...rules.map((rule) => ({ rule: { ...rule }, seen: 0, applied: 0, bodies: new Set<string>() })));
	}

	clear(): void {
		this.rules = [];
	}

	/** `body` is the request's parsed body, for rules that apply only to first attempts. */
	plan(path: string, body?: unknown): FaultPlan {
		const plan: FaultPlan = { revokeToken: false, extraLatencyMs: 0, applied: [] };
		const candidates: ActiveRule[] = [];
		for (const active of this.rules) {
			const { rule } = active;
			if (rule.path === undefined ? !API_PREFIXES.some((prefix) => path.startsWith(prefix)) : rule.path !== path)
				continue;
			active.seen += 1;
			if (active.seen <= (rule.afterRequests ?? 0)) continue;
			if (rule.firstAttemptOnly) {
				const key = JSON.stringify(body ?? null);
				if (active.bodies.has(key)) continue;
				active.bodies.add(key);
			}
			if (rule.times !== undefined && active.applied >= rule.times) continue;
			candidates.push(active);
		}
		// Spoiling faults are weighed last: a request that never gets processed cannot be spoiled, and
		// a rule passed over keeps its `times` for a later request.
		const ordered = [
			...candidates.filter((a) => !isSpoiling(a.rule.fault)),
			...candidates.filter((a) => isSpoiling(a.rule.fault)),
		];
		for (const active of ordered) {
			const { fault, probability = 1, latencyMs = 0 } = active.rule;
			if ((isShortCircuit(fault) && plan.shortCircuit) || (isSpoiling(fault) && (plan.spoil || plan.shortCircuit)))
				continue;
			// Draw only for rules that could apply, so one rule's luck does not depend on unrelated traffic.
			if (probability < 1 && this.random() >= probability) continue;
			active.applied += 1;
			plan.applied.push(fault);
			if (isShortCircuit(fault)) plan.shortCircuit = fault;
			if (fault === 'feishuError') plan.feishuError = active.rule;
			else if (isSpoiling(fault)) plan.spoil = fault;
			else if (fault === 'revokeToken') plan.revokeToken = true;
			else plan.extraLatencyMs += latencyMs;
		}
		return plan;
	}
}

function isShortCircuit(kind: FaultKind): kind is ShortCircuitFault {
	return kind === 'dropBefore' || kind === 'rateLimit' || kind === 'http500' || kind === 'feishuError';
}

function isSpoiling(kind: FaultKind): kind is SpoilingFault {
	return kind === 'dropAfter' || kind === 'malformed';
}

function checkRule(rule: FaultRule): void {
	if (typeof rule !== 'object' || rule === null || !KINDS.has(rule.fault)) {
		throw new RangeError(`fault must be one of ${[...KINDS].join(', ')}`);
	}
	const { probability, times, afterRequests, latencyMs, path } = rule;
	if (probability !== undefined && !(typeof probability === 'number' && probability >= 0 && probability <= 1)) {
		throw new RangeError('probability must be a number in 0..1');
	}
	for (const [name, value] of [
		['times', times],
		['afterRequests', afterRequests],
		['latencyMs', latencyMs],
	] as const) {
		if (value !== undefined && !(Number.isInteger(value) && value >= 0))
			throw new RangeError(`${name} must be an integer ≥ 0`);
	}
	if (rule.firstAttemptOnly !== undefined && typeof rule.firstAttemptOnly !== 'boolean')
		throw new RangeError('firstAttemptOnly must be true or false');
	if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/')))
		throw new RangeError('path must start with /');
	if (rule.fault === 'latency' && latencyMs === undefined) throw new RangeError('a latency fault needs latencyMs');
	if (rule.fault === 'feishuError' && !Number.isInteger(rule.code))
		throw new RangeError('a feishuError fault needs an integer code');
}
