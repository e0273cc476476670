/**
 * Feishu-style frequency control (频控): fixed one-second windows aligned to wall-clock seconds,
 * counted per key (app × API path). Fixed windows are what makes `x-ogw-ratelimit-reset`
 * ("seconds until the window resets") meaningful, and they keep the check O(1) per request.
 */

export type RateDecision = { allowed: true } | { allowed: false; resetSeconds: number };

interface Window {
	second: number;
	count: number;
}

/** Past this many keys, stale windows are swept; keys are app × path (or address × path), so rarely. */
const SWEEP_AT = 10_000;

export class RateLimiter {
	private readonly windows = new Map<string, Window>();

	/** Counts one request at `atMs` against `key`; refuses it once `limit` were counted in that second. */
	take(key: string, limit: number, atMs: number): RateDecision {
		const second = Math.floor(atMs / 1000);
		let window = this.windows.get(key);
		if (!window || window.second !== second) {
			if (!window && this.windows.size >= SWEEP_AT) this.sweep(second);
			window = { second, count: 0 };
			this.windows.set(key, window);
		}
		if (window.count >= limit) {
			return { allowed: false, resetSeconds: (1000 - (atMs % 1000)) / 1000 };
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
