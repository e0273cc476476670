/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test helper: runs in jest under plain Node, never inside n8n */
/**
 * Virtual time for the rate limiter's tests: `sleep` parks a timer, and `run` moves the
 * clock from one timer to the next, letting every promise settle in between. Nothing
 * waits for real time, so a simulated minute takes milliseconds and runs the same every time.
 */
import type { LimiterClock } from '../../nodes/FeishuAttendanceRemedy/transport/rateLimiter';

interface Timer {
	at: number;
	order: number;
	wake: () => void;
}

/** Lets every settled promise run its continuations (setImmediate runs after all microtasks). */
async function settle(): Promise<void> {
	await new Promise<void>((resolve) => setImmediate(resolve));
}

export class VirtualClock implements LimiterClock {
	private nowMs: number;
	private order = 0;
	private readonly timers: Timer[] = [];

	constructor(startMs = 0) {
		this.nowMs = startMs;
	}

	now(): number {
		return this.nowMs;
	}

	async sleep(ms: number): Promise<void> {
		await new Promise<void>((wake) =>
			this.timers.push({ at: this.nowMs + Math.max(0, ms), order: this.order++, wake }),
		);
	}

	/** Moves the clock on without running anything: a blocked event loop; timers due meanwhile fire late. */
	stall(ms: number): void {
		this.nowMs += ms;
	}

	/** Runs timers in time order until `done` holds or none is left; throws past `limitMs` of virtual time. */
	async run(done: () => boolean, limitMs = 600_000): Promise<void> {
		for (;;) {
			await settle();
			if (done() || this.timers.length === 0) return;
			let next = 0;
			for (let i = 1; i < this.timers.length; i++) {
				const timer = this.timers[i];
				const best = this.timers[next];
				if (timer.at < best.at || (timer.at === best.at && timer.order < best.order)) next = i;
			}
			const [timer] = this.timers.splice(next, 1);
			if (timer.at > limitMs) throw new Error(`the simulation ran past ${limitMs} ms of virtual time`);
			this.nowMs = Math.max(this.nowMs, timer.at);
			timer.wake();
		}
	}
}
