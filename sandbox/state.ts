/**
 * Everything one running sandbox remembers, and the operations that the public API, the admin
 * HTTP API and the Open Platform handlers share.
 */

import { todayInShanghai } from './calendar';
import { Directory } from './directory';
import { FaultInjector } from './faults';
import { RateLimiter } from './rateLimiter';
import { RemedyStore } from './remedyStore';
import { RequestLog } from './requestLog';
import { mergeSettings } from './settings';
import { TokenStore } from './tokens';
import type { SandboxSeed, SandboxSettings } from './types';

export class SandboxState {
	settings: SandboxSettings;
	directory: Directory;
	readonly tokens = new TokenStore();
	readonly remedies = new RemedyStore();
	readonly limiter = new RateLimiter();
	/** Per-minute windows, for the APIs that have a per-minute limit of their own. */
	readonly minuteLimiter = new RateLimiter(60_000);
	readonly log: RequestLog;
	readonly faults: FaultInjector;
	private readonly startSeed: SandboxSeed;

	/** `startSettings` are complete settings; reset() returns to them. `now` is the sandbox's clock. */
	constructor(
		seed: SandboxSeed,
		private readonly startSettings: SandboxSettings,
		readonly now: () => number = Date.now,
	) {
		this.startSeed = structuredClone(seed);
		this.settings = startSettings;
		this.directory = new Directory(this.startSeed);
		this.log = new RequestLog(startSettings.requestLogLimit);
		this.faults = new FaultInjector(startSettings.faultSeed);
	}

	configure(changes: Partial<SandboxSettings>): void {
		this.settings = mergeSettings(this.settings, changes);
		if (changes.faultSeed !== undefined) this.faults.reseed(this.settings.faultSeed);
		this.log.setLimit(this.settings.requestLogLimit);
	}

	/** Validates first, so a bad seed leaves the running data untouched. */
	seed(seed: SandboxSeed): void {
		const copy = structuredClone(seed);
		this.directory = new Directory(copy);
		this.tokens.clear();
		this.remedies.clear();
		this.log.clear();
		this.limiter.clear();
		this.minuteLimiter.clear();
	}

	reset(): void {
		this.settings = this.startSettings;
		this.log.setLimit(this.settings.requestLogLimit);
		this.seed(this.startSeed);
		this.faults.clear();
		this.faults.reseed(this.settings.faultSeed);
	}

	today(nowMs: number): number {
		return this.settings.today ?? todayInShanghai(nowMs);
	}
}
