/**
 * Feishu-style frequency control (频控): fixed windows aligned to the wall clock (one second, or
 * one minute for an API's per-minute limit), counted per key (app × API path). Fixed windows are
 * what makes `x-ogw-ratelimit-reset` ("seconds until the window resets") meaningful, and they
 * keep the check O(1) per request.
 */

export type RateDecision = { allowed: true } | { allowed: false; resetSeconds: number };

interface Window {
	/** The window's number: wall-clock ms / windowMs, rounded down. */
	second: number;
	count: number;
}

/** Past this many keys, stale windows are swept; keys are app × path (or address × path), so rarely. */
const SWEEP_AT = 10_000;

export class RateLimiter {
	private readonly windows = new Map<string, Window>();

	/** @param windowMs 1000 for per-second limits, 60000 for per-minute ones. */
	constructor(private readonly windowMs = 1000) {}

	/** Counts one request at `atMs` against `key`; refuses it once `limit` were counted in that window. */
	take(key: string, limit: number, atMs: number): RateDecision {
		const second = Math.floor(atMs / this.windowMs);
		let window = this.windows.get(key);
		if (!window || window.second !== second) {
			if (!window && this.windows.size >= SWEEP_AT) this.sweep(second);
			window = { second, count: 0 };
			this.windows.set(key, window);
		}
		if (window.count >= limit) {
			return { allowed: false, resetSeconds: (this.windowMs - (atMs % this.windowMs)) / 1000 };
		}
		window.count += 1;
		return { allowed: true };
	}

	clear(): void {
		this.windows.clear();
	}

	private sweep(currentSecond: number): void {
		for (const [key, window] of this.windows) {
			if (window.second !== currentSecond) this.windows.delete(key);
		}
	}
}
