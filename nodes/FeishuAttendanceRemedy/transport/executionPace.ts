/**
 * One execution's own pace: its Requests per Second, applied to its requests only.
 * Evenly spaced slots (1 s / rate, plus the same 2% jitter margin as the shared
 * limiter); the shared limiter behind it keeps the app's budget across executions.
 */
import { sleep } from 'n8n-workflow';

const JITTER_MARGIN = 1.02;

export class ExecutionPace {
	private nextSlotAt = 0;

	constructor(readonly ratePerSecond: number) {}

	/** Reserves the next slot; returns how many ms to wait before it. */
	reserve(now: number = Date.now()): number {
		const slot = Math.max(now, this.nextSlotAt);
		this.nextSlotAt = slot + (1000 / this.ratePerSecond) * JITTER_MARGIN;
		return slot - now;
	}

	async acquire(): Promise<void> {
		const wait = this.reserve();
		if (wait > 0) await sleep(wait);
	}
}
