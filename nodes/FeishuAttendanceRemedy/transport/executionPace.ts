/**
 * One execution's own pace: its Requests per Second, applied to its requests only.
 * Evenly spaced slots (1 s / rate, plus the same 2% jitter margin as the shared
 * limiter), with the same exception for two requests asked together after a pause
 * (IdleBurst); the shared limiter behind it keeps the app's budget across executions.
 */
import { sleep } from 'n8n-workflow';

import { IdleBurst, JITTER_MARGIN } from './rateLimiter';

export class ExecutionPace {
	private lastSlotAt = Number.NEGATIVE_INFINITY;
	private readonly idleBurst = new IdleBurst();

	constructor(readonly ratePerSecond: number) {}

	/** Reserves the next slot; returns how many ms to wait before sending. */
	reserve(now: number = Date.now()): number {
		const interval = (1000 / this.ratePerSecond) * JITTER_MARGIN;
		const previous = this.lastSlotAt;
		const slot = Math.max(now, previous + interval);
		this.lastSlotAt = slot;
		if (this.idleBurst.partnerGoesEarly(now)) return 0;
		this.idleBurst.sent(now, previous, interval);
		return slot - now;
	}

	async acquire(): Promise<void> {
		const wait = this.reserve();
		if (wait > 0) await sleep(wait);
	}
}
