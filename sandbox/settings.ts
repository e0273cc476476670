/**
 * Sandbox settings: Feishu's own numbers as defaults (50 requests/s, 1,000/min for contact look-ups, 2-hour tokens renewed in the
 * last 30 minutes), and a merge that refuses nonsense early instead of misbehaving later.
 */

import { dayNumberOf } from './calendar';
import type { SandboxSettings } from './types';

export function defaultSettings(): SandboxSettings {
	return {
		rateLimitPerSecond: 50,
		contactRateLimitPerMinute: 1000,
		tokenRateLimitPerSecond: 0,
		tokenLifetimeSeconds: 7200,
		tokenRenewThresholdSeconds: 1800,
		tokenLength: 50,
		tokenInvalidHttpStatus: 400,
		latencyMs: 0,
		jitterMs: 0,
		today: null,
		faultSeed: 1,
		requestLogLimit: 100_000,
	};
}

const NON_NEGATIVE: ReadonlyArray<keyof SandboxSettings> = [
	'rateLimitPerSecond',
	'contactRateLimitPerMinute',
	'tokenRateLimitPerSecond',
	'tokenLifetimeSeconds',
	'tokenRenewThresholdSeconds',
	'tokenLength',
	'latencyMs',
	'jitterMs',
	'requestLogLimit',
];

/** Returns `current` with `changes` applied; throws RangeError on an unknown or invalid setting. */
export function mergeSettings(current: SandboxSettings, changes: Partial<SandboxSettings>): SandboxSettings {
	const known = new Set(Object.keys(current));
	for (const key of Object.keys(changes)) {
		if (!known.has(key)) throw new RangeError(`unknown setting ${JSON.stringify(key)}`);
	}
	const merged: SandboxSettings = { ...current, ...withoutUndefined(changes) };
	for (const key of NON_NEGATIVE) {
		const value = merged[key];
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			throw new RangeError(`setting ${key} must be a number ≥ 0`);
		}
	}
	if (merged.tokenInvalidHttpStatus !== 400 && merged.tokenInvalidHttpStatus !== 200) {
		throw new RangeError('setting tokenInvalidHttpStatus must be 400 or 200');
	}
	if (merged.today !== null && dayNumberOf(merged.today) === undefined) {
		throw new RangeError('setting today must be a real date as yyyyMMdd, or null');
	}
	if (!Number.isInteger(merged.faultSeed)) throw new RangeError('setting faultSeed must be an integer');
	return merged;
}

function withoutUndefined(changes: Partial<SandboxSettings>): Partial<SandboxSettings> {
	return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}
