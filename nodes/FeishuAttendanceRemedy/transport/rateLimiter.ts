/**
 * Paces requests to one Feishu API of one app so that no one-second window ever holds
 * more than the allowed number: send slots are spaced evenly (1 s / rate, plus a small
 * margin for network jitter moving arrivals across Feishu's window edges). Evenly spaced
 * slots use the whole budget without the bursts that straddle two windows and get
 * refused. Limiters live for the process, so every execution for the same app and API
 * shares one budget.
 *
 * Other processes (n8n's queue-mode workers, a second n8n) may spend the same budget, and
 * no process can see them. Feishu's refusals are the only sign, so each process finds its
 * share the way TCP shares a link: on a refusal it drops a little below what it got of
 * the full window, then grows back — flat near that share, then probing above it faster
 * and faster while no refusal comes — so a process whose peers stopped is back at the
 * full rate within seconds. With no one else sending, nothing is ever refused and the
 * pace stays at the configured rate. While sharing, and once a refusal has told where
 * Feishu's window edges are, the pace becomes a quota of whole requests per window (see
 * quotaSlot): all processes then fill the same windows, so only a quota too many is
 * refused, not one request more or less per process as evenly paced sends straddle edges.
 * A refusal then says exactly what got through (the share, in whole requests), and near
 * that level the quota grows one request a window (see quotaOf).
 *
 * Requests wait in order and each takes its slot when it reaches the head of the queue,
 * so a stalled event loop (a busy n8n process) leaves no backlog of booked slots to fire
 * at once; the limiter also keeps the actual send times of the last second and holds a
 * send while that window is full.
 *
 * One exception to even spacing: two requests asked together of an idle limiter go
 * together (see IdleBurst) — the re-run check's two status queries for a form's one row
 * then cost one round trip, not a round trip plus a pacing slot.
 */
import { sleep } from 'n8n-workflow';

/** Spacing margin: arrivals jitter by a few ms; 2% keeps them inside the window. */
export const JITTER_MARGIN = 1.02;
/** The cap's window: Feishu's second, plus room for a send leaving a few ms after its slot was taken. */
const WINDOW_MS = 1000 + 25;
/** Feishu's frequency-control window: the refusal's reset names its end. */
const FEISHU_WINDOW_MS = 1000;
/** Window arithmetic in floating point: a send this close to an edge counts as on it. */
const ROUNDING_MS = 1e-6;
/** Sharing, sends keep this far from Feishu's window edges: arrivals move by a few ms of latency. */
const EDGE_MARGIN_MS = 15;
/** A reset at least this far ahead names a window edge still to come (not a floor for one already past). */
const KNOWN_EDGE_MS = 5;

/*
 * The pace after a refusal, as a curve of the time since it (tuned in virtual time with
 * test/limiter/sharedBudget.ts: 2 and 4 processes, Feishu's 50/s, 50 ms latency):
 * it drops to BACK_OFF × the share, is back at the share after PLATEAU_S (slowing as it
 * nears it: that is where the budget ran out), then probes above it, doubling the probe
 * every DOUBLING_S. The probe starts tiny, so processes that together fill the budget
 * overrun it only every few seconds; it is large after ~8 s, so a process whose peers
 * stopped is back at the ceiling within 10 s.
 */
const BACK_OFF = 0.92;
const PLATEAU_S = 1.2;
const DOUBLING_S = 0.7;
/** The probe's first step, as a share of the ceiling (0.01 requests/s at 50/s). */
const PROBE_SHARE = 0.0002;
/** However crowded, a process keeps this share of the ceiling (never starves; Feishu's refusals still hold it). */
const LEAST_SHARE = 0.02;

/** Requests asked within this of an idle start count as asked together (Date.now() ticks between them). */
const TOGETHER_MS = 2;

/** The time source: real time in n8n; a virtual clock in tests. */
export interface LimiterClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

const realTime: LimiterClock = { now: () => Date.now(), sleep: async (ms) => await sleep(ms) };

/** The share this process had when Feishu last refused one of its requests. */
interface Backoff {
	at: number;
	/** Requests/s this process was getting when the budget ran out. */
	share: number;
	/** Counted in whole requests of one of Feishu's windows (quota mode): no back-off below it is needed. */
	exact: boolean;
}

export class RateLimiter {
	private readonly idleBurst = new IdleBurst();
	private lastSlotAt = Number.NEGATIVE_INFINITY;
	private lastSentAt = Number.NEGATIVE_INFINITY;
	private pausedUntil = 0;
	private learnedLimit: number | undefined;
	private backoff: Backoff | undefined;
	/** Where Feishu's one-second windows start (ms modulo 1 s), once a reset has named an edge. */
	private windowPhase: number | undefined;
	/** Actual send times, oldest first, for the hard cap of sends per one-second window. */
	private readonly sentAt: number[] = [];
	/** Sharing: the quota of the current Feishu window, and the quota in force when last refused. */
	private windowQuota: { windowStart: number; count: number } | undefined;
	private refusedAtQuota: number | undefined;
	/** Answers that got past Feishu's frequency control (anything but 99991400): proof the budget is being shared, not spent by someone else. */
	private passedCount = 0;
	/** Waiters take slots one after another, so a pace change applies to the very next send. */
	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		private configuredRate: number,
		private readonly clock: LimiterClock = realTime,
	) {}

	/** The most this limiter ever sends: the configured rate, or a lower limit Feishu reported. */
	get ceiling(): number {
		return Math.min(this.configuredRate, this.learnedLimit ?? Number.POSITIVE_INFINITY);
	}

	/** Requests per second it sends now: the ceiling, or less while it shares the budget with others. */
	get ratePerSecond(): number {
		return this.rateAt(this.clock.now());
	}

	configure(ratePerSecond: number): void {
		this.configuredRate = ratePerSecond;
	}

	/**
	 * Feishu's `x-ogw-ratelimit-limit` header names the real limit of this API for this
	 * app. Lower the ceiling to it when it is below the configured rate; never raise it.
	 * Returns true when the ceiling changed.
	 */
	learnLimit(limit: number): boolean {
		if (!Number.isFinite(limit) || limit <= 0 || limit >= this.ceiling) return false;
		this.learnedLimit = limit;
		return true;
	}

	/**
	 * Most sends in any cap window: the current pace. The even spacing already keeps normal
	 * traffic below it; the cap only catches the bunching after a stall, so it must not
	 * become the ceiling of normal traffic.
	 */
	get sendsPerWindow(): number {
		return Math.max(1, Math.floor(this.ratePerSecond));
	}

	/**
	 * Waits for a send slot and records the send; resolves with the send time (for
	 * `refused`). Slots are handed out in call order, each at the pace in force when it
	 * falls due: a pause or a lower share applies to every request still waiting.
	 */
	async acquire(): Promise<number> {
		const askedAt = this.clock.now();
		const turn = this.queue.then(async () => await this.nextSend(askedAt));
		this.queue = turn.catch(() => undefined);
		return await turn;
	}

	private async nextSend(askedAt: number): Promise<number> {
		const reachedHeadAt = this.clock.now();
		for (;;) {
			const now = this.clock.now();
			this.forgetSendsBefore(now - WINDOW_MS);
			// Slots are spaced from the previous slot, and never before this request reached the
			// head of the queue: an idle limiter or a stall leaves no credit to burst. Alone, a head
			// that woke late still goes at once; sharing, even that would spend the others' budget,
			// so the spacing counts from the last actual send.
			const interval = (1000 / this.rateAt(now)) * JITTER_MARGIN;
			const sharing = this.backoff !== undefined;
			if (sharing && this.windowPhase !== undefined) {
				const due = this.quotaSlot(now);
				if (now >= due) {
					this.lastSlotAt = now;
					this.lastSentAt = now;
					this.sentAt.push(now);
					return now;
				}
				await this.clock.sleep(due - now);
				continue;
			}
			const previous = sharing ? Math.max(this.lastSlotAt, this.lastSentAt) : this.lastSlotAt;
			const slot = Math.max(reachedHeadAt, previous + interval, this.pausedUntil);
			const early = sharing || now < this.pausedUntil ? false : this.idleBurst.partnerGoesEarly(askedAt);
			const due = Math.max(early ? now : slot, this.windowFullUntil(now));
			if (now >= due) {
				if (!sharing) this.idleBurst.sent(askedAt, previous, interval);
				this.lastSlotAt = slot;
				this.lastSentAt = now;
				this.sentAt.push(now);
				return now;
			}
			await this.clock.sleep(due - now);
		}
	}

	/**
	 * Sharing, with Feishu's window edges known: a quota of sends per window (the pace, whole
	 * requests), spread over the window away from its edges. Every process counts the same
	 * windows, so together they send exactly the sum of their quotas in each — not that sum
	 * give or take one per process, as evenly paced sends falling either side of an edge do —
	 * and only a quota too many is ever refused, one request, the last of the window.
	 */
	private quotaSlot(now: number): number {
		const start = this.windowStartAt(now);
		const quota = this.quotaOf(start, now);
		const last = start + FEISHU_WINDOW_MS - EDGE_MARGIN_MS;
		const sentHere = this.sentAt.filter((at) => at >= start - ROUNDING_MS).length;
		const nextWindow = Math.max(start + FEISHU_WINDOW_MS + EDGE_MARGIN_MS, this.pausedUntil);
		if (sentHere >= quota || now >= last) return nextWindow;
		// Evenly over the window; one that fell behind (a pause, a stall, a late start) spreads
		// what is left of its quota over what is left of the window instead of catching up at once.
		const planned = start + EDGE_MARGIN_MS + (sentHere * (last - start - EDGE_MARGIN_MS)) / quota;
		const spread = this.lastSentAt + (last - this.lastSentAt) / (quota - sentHere + 1);
		const slot = Math.max(planned, spread, this.pausedUntil);
		return slot < last ? slot : nextWindow;
	}

	/**
	 * The quota of the window starting at `start`: fixed when the window opens (a pace that grows
	 * mid-window adds nothing until the next one), lowered at once when the pace drops. Up to one
	 * above the quota that was last refused it grows one request a window, so processes that probe
	 * together overrun by one each, not by what their pace grew in the second a refusal takes to
	 * come back; past that level nobody has refused it, and it grows as fast as the pace.
	 */
	private quotaOf(start: number, now: number): number {
		const target = Math.max(1, Math.floor(this.rateAt(now)));
		const current = this.windowQuota;
		if (current && Math.abs(current.windowStart - start) < 1) return Math.min(current.count, target);
		const careful = current !== undefined && current.count < (this.refusedAtQuota ?? 0) + 1;
		const count = careful && target > current.count ? current.count + 1 : target;
		this.windowQuota = { windowStart: start, count };
		return count;
	}

	/** The start of Feishu's window holding `at` (the phase must be known). */
	private windowStartAt(at: number): number {
		const phase = this.windowPhase ?? 0;
		return at - ((((at - phase) % FEISHU_WINDOW_MS) + FEISHU_WINDOW_MS) % FEISHU_WINDOW_MS);
	}

	/** Only the last window's sends are kept: a long-lived worker's limiter stays small. */
	private forgetSendsBefore(at: number): void {
		while (this.sentAt.length > 0 && this.sentAt[0] <= at) this.sentAt.shift();
	}

	/** When the oldest send of a full window leaves it; `now` when the window has room. */
	windowFullUntil(now: number): number {
		this.forgetSendsBefore(now - WINDOW_MS);
		const perWindow = Math.max(1, Math.floor(this.rateAt(now)));
		if (this.sentAt.length < perWindow) return now;
		return this.sentAt[this.sentAt.length - perWindow] + WINDOW_MS;
	}

	/** How many of this limiter's requests Feishu let past its frequency control so far. */
	get passed(): number {
		return this.passedCount;
	}

	/** Feishu answered a request of this limiter with anything but a frequency refusal. */
	passedFrequencyControl(): void {
		this.passedCount++;
	}

	/** Feishu refused a request for frequency: nobody sends before its window resets. */
	pauseUntil(at: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, at);
	}

	/**
	 * Feishu refused the request sent at `sentAt` (from `acquire`) because the app's budget
	 * for the window ending at `resetAt` was spent — by this process and others. Pauses
	 * until then and lowers this process's pace to its share. A request sent before the
	 * last lowering was paced at the old share and says nothing new.
	 *
	 * How far into the window the budget ran out says by how much all processes together
	 * overran it: spent after 40% of the window means 2.5 × the budget was being sent, so
	 * this process's share is 40% of its pace. (Counting its own sends in the window instead
	 * would undercount on a busy machine, where late timers send less than the pace, and
	 * every refusal would then lower the pace further.) Without a reset time the window is
	 * unknown and the pace itself stands for the share.
	 */
	refused(sentAt: number, resetAt?: number): void {
		const now = this.clock.now();
		if (resetAt !== undefined) this.pauseUntil(resetAt);
		if (this.backoff && sentAt < this.backoff.at) return;
		if (this.windowQuota) this.refusedAtQuota = this.windowQuota.count;
		const windowStart = this.windowStartOf(sentAt, resetAt, now);
		// Read before the quota branch: a pace back at the ceiling ends the sharing (and its quota).
		const rate = this.rateAt(now);
		// The budget ran out between this process's previous send and the refused one. It counts
		// from this process's first send of the window: a process that started mid-window (n8n
		// workers given their executions at once) had no part in what was spent before it.
		const earlier = this.sentAt.filter((at) => at < sentAt && at >= windowStart - ROUNDING_MS);
		if (this.windowQuota !== undefined) {
			// Sending a quota per window, what got through before the refusal is the share, exactly.
			this.backoff = { at: now, share: Math.max(this.ceiling * LEAST_SHARE, earlier.length), exact: true };
			return;
		}
		const previous = earlier.at(-1);
		const from = earlier[0] ?? windowStart;
		const filled = ((previous === undefined ? sentAt : (previous + sentAt) / 2) - from) / FEISHU_WINDOW_MS;
		const share = (rate * filled) / JITTER_MARGIN;
		this.backoff = { at: now, share: Math.min(rate, Math.max(this.ceiling * LEAST_SHARE, share)), exact: false };
	}

	/**
	 * Feishu's windows are fixed: their edges repeat every second. A reset that comes
	 * back before the edge names it, and the phase is kept; a reset of a window that had
	 * already ended when the answer came (the sandbox then says 1 ms) names nothing.
	 */
	private windowStartOf(sentAt: number, resetAt: number | undefined, now: number): number {
		if (resetAt !== undefined && resetAt - now >= KNOWN_EDGE_MS) this.windowPhase = resetAt % FEISHU_WINDOW_MS;
		if (this.windowPhase === undefined) {
			return resetAt !== undefined && resetAt - FEISHU_WINDOW_MS < sentAt
				? resetAt - FEISHU_WINDOW_MS
				: sentAt - FEISHU_WINDOW_MS;
		}
		return this.windowStartAt(sentAt);
	}

	/** The pace at `now`: the curve since the last refusal (see BACK_OFF), within the ceiling. */
	private rateAt(now: number): number {
		const ceiling = this.ceiling;
		if (!this.backoff) return ceiling;
		const { share, exact } = this.backoff;
		const t = (now - this.backoff.at) / 1000;
		const rate =
			t < PLATEAU_S
				? share - (exact ? 0 : share * (1 - BACK_OFF) * ((PLATEAU_S - t) / PLATEAU_S) ** 3)
				: share + PROBE_SHARE * ceiling * (2 ** ((t - PLATEAU_S) / DOUBLING_S) - 1);
		if (rate >= ceiling) {
			// Back at the ceiling: nobody else is in the way any more; forget the curve.
			this.backoff = undefined;
			this.windowQuota = undefined;
			return ceiling;
		}
		return Math.max(ceiling * LEAST_SHARE, rate);
	}
}

/**
 * Two requests asked at once of an idle limiter go at once: the second takes the next
 * slot but is sent now, and the one after it waits as if it had not (its slot stays
 * spaced from the second's). "Idle" means a whole slot went unused before the first, so
 * no one-second window ever holds more than with even spacing — the burst only sends one
 * request a slot early into a gap nobody used.
 */
export class IdleBurst {
	/** When a request asked of an idle limiter was sent; its partner, asked by then, may follow at once. */
	private openedAt: number | undefined;

	/** Whether a request asked at `askedAt` is the idle start's partner (and uses the burst up). */
	partnerGoesEarly(askedAt: number): boolean {
		const openedAt = this.openedAt;
		if (openedAt === undefined || askedAt > openedAt + TOGETHER_MS) return false;
		this.openedAt = undefined;
		return true;
	}

	/**
	 * A request asked at `askedAt` was sent, the slot before it being `previous`. Asked after a
	 * whole slot went unused, it opens a burst. By when it was asked, not sent: requests that
	 * queued up during a stall were asked early, so what they send late never counts as idle.
	 */
	sent(askedAt: number, previous: number, interval: number): void {
		this.openedAt = askedAt >= previous + 2 * interval ? askedAt : undefined;
	}
}
