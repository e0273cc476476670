/**
 * Paces requests to one Feishu API of one app so that no one-second window ever holds
 * more than the allowed number: send slots are spaced evenly (1 s / rate, plus a small
 * margin for network jitter moving arrivals across Feishu's window edges). Evenly spaced
 * slots use the whole budget without the bursts that straddle two windows and get
 * refused. Limiters live for the process, so every execution for the same app and API
 * shares one budget.
 *
 * Booked slots alone are not enough: when the event loop stalls (a busy n8n process),
 * every overdue request fires at once when it resumes. So the limiter also keeps the
 * actual send times of the last second and holds a send while the window is full.
 */
import { sleep } from 'n8n-workflow';

/** Spacing margin: arrivals jitter by a few ms; 2% keeps them inside the window. */
const JITTER_MARGIN = 1.02;
/** The cap's window: Feishu's second, plus room for a send leaving a few ms after its slot was taken. */
const WINDOW_MS = 1000 + 25;

export class RateLimiter {
	private nextSlotAt = 0;
	private pausedUntil = 0;
	private learnedLimit: number | undefined;
	/** Actual send times, oldest first, for the hard cap of sends per one-second window. */
	private readonly sentAt: number[] = [];

	constructor(private configuredRate: number) {}

	/** Requests per second actually used: the configured rate, or a lower limit Feishu reported. */
	get ratePerSecond(): number {
		return Math.min(this.configuredRate, this.learnedLimit ?? Number.POSITIVE_INFINITY);
	}

	configure(ratePerSecond: number): void {
		this.configuredRate = ratePerSecond;
	}

	/**
	 * Feishu's `x-ogw-ratelimit-limit` header names the real limit of this API for this
	 * app. Lower the pace to it when it is below the configured rate; never raise it.
	 * Returns true when the pace changed.
	 */
	learnLimit(limit: number): boolean {
		if (!Number.isFinite(limit) || limit <= 0 || limit >= this.ratePerSecond) return false;
		this.learnedLimit = limit;
		return true;
	}

	/** Reserves the next free send slot; returns how many ms to wait before sending. */
	reserve(now: number = Date.now()): number {
		const interval = (1000 / this.ratePerSecond) * JITTER_MARGIN;
		const slot = Math.max(now, this.nextSlotAt, this.pausedUntil);
		this.nextSlotAt = slot + interval;
		return slot - now;
	}

	/**
	 * Most sends in any cap window: the limit itself. The even spacing already keeps normal
	 * traffic below it; the cap only catches the bunching after a stall, so it must not
	 * become the ceiling of normal traffic.
	 */
	get sendsPerWindow(): number {
		return Math.max(1, Math.floor(this.ratePerSecond));
	}

	/**
	 * Waits for a send slot and records the send. A pause that began while waiting moves
	 * the slot past it; a window already full of actual sends holds it until one ages out.
	 */
	async acquire(): Promise<void> {
		let wait = this.reserve();
		for (;;) {
			if (wait > 0) await sleep(wait);
			const now = Date.now();
			if (now < this.pausedUntil) {
				wait = this.reserve(now);
				continue;
			}
			const windowFullUntil = this.windowFullUntil(now);
			if (windowFullUntil > now) {
				wait = windowFullUntil - now;
				continue;
			}
			this.sentAt.push(now);
			return;
		}
	}

	/** When the oldest send of a full window leaves it; `now` when the window has room. */
	windowFullUntil(now: number): number {
		while (this.sentAt.length > 0 && this.sentAt[0] <= now - WINDOW_MS) this.sentAt.shift();
		if (this.sentAt.length < this.sendsPerWindow) return now;
		return this.sentAt[this.sentAt.length - this.sendsPerWindow] + WINDOW_MS;
	}

	/** Feishu refused a request for frequency: nobody sends before its window resets. */
	pauseUntil(at: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, at);
	}
}
