/**
 * The process-wide limiters: one per API path of one app at one base URL, so every
 * execution for the same app and API shares one budget. The budget is Feishu's (50
 * requests/s per app and API, lowered when Feishu reports less); an execution that asks
 * for more raises it — that is the user saying the app is allowed more. Asking for less
 * never lowers it: an execution's own Requests per Second paces that execution only
 * (see executionPace.ts), not everyone else's.
 */
import { RateLimiter } from './rateLimiter';

/** Feishu's documented frequency limit of the attendance APIs, per app. */
export const FEISHU_APP_RATE = 50;

export class LimiterRegistry {
	private readonly limiters = new Map<string, { limiter: RateLimiter; budget: number }>();

	constructor(private readonly appRate: number = FEISHU_APP_RATE) {}

	/** The shared limiter of one API path of one app, created on first use. */
	limiterFor(baseUrl: string, appId: string, path: string, requestedRate: number): RateLimiter {
		const key = `${baseUrl}\n${appId}\n${path}`;
		const budget = Math.max(this.appRate, requestedRate);
		const entry = this.limiters.get(key);
		if (!entry) {
			const limiter = new RateLimiter(budget);
			this.limiters.set(key, { limiter, budget });
			return limiter;
		}
		if (budget > entry.budget) {
			entry.budget = budget;
			entry.limiter.configure(budget);
		}
		return entry.limiter;
	}
}

/** One per n8n process: every execution of every workflow shares it. */
export const processLimiters = new LimiterRegistry();
