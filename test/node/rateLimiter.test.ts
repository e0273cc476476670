import { sleep } from 'n8n-workflow';

import { RateLimiter } from '../../nodes/FeishuAttendanceRemedy/transport/rateLimiter';
import { seededRandom } from '../../sandbox/random';
import { VirtualClock } from '../limiter/virtualClock';

/** Send times the limiter hands out to `count` requests that all ask at once, in virtual time. */
async function sendTimes(limiter: RateLimiter, clock: VirtualClock, count: number): Promise<number[]> {
	const times: number[] = [];
	const all = Promise.all(Array.from({ length: count }, async () => times.push(await limiter.acquire())));
	await clock.run(() => times.length === count);
	await all;
	return times;
}

/** Lets `ms` of virtual time pass. */
async function advance(clock: VirtualClock, ms: number): Promise<void> {
	let slept = false;
	void clock.sleep(ms).then(() => (slept = true));
	await clock.run(() => slept);
}

/** A limiter that has sent 10 requests at 50/s in the window [0, 1000) and is refused on the 11th. */
async function refusedAfterTen(): Promise<{ clock: VirtualClock; limiter: RateLimiter; refusedSentAt: number }> {
	const clock = new VirtualClock();
	const limiter = new RateLimiter(50, clock);
	const times = await sendTimes(limiter, clock, 11);
	return { clock, limiter, refusedSentAt: times[10] };
}

function maxInAnyWindow(times: number[], windowMs = 1000): number {
	let max = 0;
	for (let i = 0; i < times.length; i++) {
		const inWindow = times.filter((t) => t >= times[i] && t < times[i] + windowMs).length;
		max = Math.max(max, inWindow);
	}
	return max;
}

test('never grants more than the rate in any one-second window, even to a burst', async () => {
	const clock = new VirtualClock();
	const times = await sendTimes(new RateLimiter(50, clock), clock, 500);
	expect(maxInAnyWindow(times)).toBeLessThanOrEqual(50);
});

test('uses the budget: 500 requests are granted within 10.5 s at 50/s', async () => {
	const clock = new VirtualClock();
	const times = await sendTimes(new RateLimiter(50, clock), clock, 500);
	expect(times[499]).toBeLessThan(10_500);
	expect(times[499]).toBeGreaterThan(9_900);
});

test('spaces requests evenly, in the order they asked, instead of in bursts that straddle window edges', async () => {
	const clock = new VirtualClock();
	const times = await sendTimes(new RateLimiter(50, clock), clock, 10);
	// The first two were asked together of an idle limiter and go together (below); then even spacing.
	expect(times[1]).toBe(times[0]);
	expect(times[2] - times[0]).toBeCloseTo(2 * 20.4, 5);
	const gaps = times.slice(3).map((t, i) => t - times[i + 2]);
	for (const gap of gaps) expect(gap).toBeCloseTo(20.4, 5);
});

describe('two requests asked together of an idle limiter', () => {
	test('go at once (the re-run check asks pending and approved together), and the third waits as if they had not', async () => {
		const clock = new VirtualClock();
		const limiter = new RateLimiter(50, clock);
		const [first, second, third] = await sendTimes(limiter, clock, 3);
		expect(second).toBe(first);
		expect(third - first).toBeCloseTo(2 * 20.4, 5);
	});

	test('only two: the third of three asked together keeps its slot', async () => {
		const clock = new VirtualClock();
		const times = await sendTimes(new RateLimiter(50, clock), clock, 3);
		expect(times.filter((t) => t === times[0])).toHaveLength(2);
	});

	test('a request asked after a busy stretch (no unused slot before it) takes its evenly spaced slot', async () => {
		const clock = new VirtualClock();
		const limiter = new RateLimiter(50, clock);
		await sendTimes(limiter, clock, 5);
		// Asked 10 ms after the last slot: not idle, so the pair is spaced.
		await advance(clock, 10);
		const [a, b] = await sendTimes(limiter, clock, 2);
		expect(b - a).toBeCloseTo(20.4, 5);
	});

	test('pairs after every pause never put more in a one-second window than even spacing would', async () => {
		const clock = new VirtualClock();
		const limiter = new RateLimiter(50, clock);
		const times: number[] = [];
		// Form-like traffic: a pair, a gap just past two slots (idle again), a pair, … for 5 s.
		while (clock.now() < 5000) {
			times.push(...(await sendTimes(limiter, clock, 2)));
			await advance(clock, 3 * 20.4 + 0.01);
		}
		expect(times.filter((t, i) => i % 2 === 1 && t === times[i - 1]).length).toBeGreaterThan(50);
		// Then a full queue right after an idle pair.
		times.push(...(await sendTimes(limiter, clock, 200)));
		expect(maxInAnyWindow(times)).toBeLessThanOrEqual(50);
	});

	// A fixed seed, so a failure is the same failure when run again.
	test.each([1, 2, 3, 4, 5, 20261202])(
		'random clumps and gaps (seed %i): never more than 50 sends in any one-second window',
		async (seed) => {
			const random = seededRandom(seed);
			const clock = new VirtualClock();
			const limiter = new RateLimiter(50, clock);
			const times: number[] = [];
			let asked = 0;
			let done = false;
			void (async () => {
				while (clock.now() < 10_000) {
					const clump = 1 + Math.floor(random() * 4);
					asked += clump;
					for (let i = 0; i < clump; i++) void limiter.acquire().then((at) => times.push(at));
					await clock.sleep(random() * 90);
				}
				done = true;
			})();
			await clock.run(() => done && times.length === asked);
			expect(times.length).toBeGreaterThan(300);
			expect(maxInAnyWindow(times)).toBeLessThanOrEqual(50);
		},
	);

	test('sharing the budget with others (after a refusal), even an idle pair is spaced', async () => {
		const { clock, limiter, refusedSentAt } = await refusedAfterTen();
		limiter.refused(refusedSentAt, 1000);
		await advance(clock, 2000);
		const [a, b] = await sendTimes(limiter, clock, 2);
		expect(b - a).toBeGreaterThan(20.4);
	});
});

test('a pause after a rate-limit refusal moves every later slot past it', async () => {
	const clock = new VirtualClock();
	const limiter = new RateLimiter(50, clock);
	await sendTimes(limiter, clock, 5);
	limiter.pauseUntil(1000);
	const [next] = await sendTimes(limiter, clock, 1);
	expect(next).toBeGreaterThanOrEqual(1000);
});

test('learns a lower limit from Feishu but never raises itself above the configured rate', () => {
	const limiter = new RateLimiter(50);
	expect(limiter.learnLimit(20)).toBe(true);
	expect(limiter.ratePerSecond).toBe(20);
	expect(limiter.learnLimit(100)).toBe(false);
	expect(limiter.ratePerSecond).toBe(20);
	limiter.configure(10);
	expect(limiter.ratePerSecond).toBe(10);
});

describe('a refusal: others spend the same budget', () => {
	test('the share is the pace × the part of the window that had passed when the budget ran out', async () => {
		const { clock, limiter, refusedSentAt } = await refusedAfterTen();
		// The 10th went at 184 ms, the refused 11th at 204 ms; Feishu says the window resets at 1000.
		limiter.refused(refusedSentAt, 1000);
		expect(clock.now()).toBeLessThan(1000);
		// The budget ran out at ~194 ms: a share of 50/s × 0.194 / 1.02 ≈ 9.5/s, and the pace
		// starts a little below it.
		expect(limiter.ratePerSecond).toBeGreaterThan(8.5);
		expect(limiter.ratePerSecond).toBeLessThan(9.5);
	});

	test('nothing is sent before the window resets, and what waited goes out at the lower pace', async () => {
		const { clock, limiter, refusedSentAt } = await refusedAfterTen();
		limiter.refused(refusedSentAt, 1000);
		const times = await sendTimes(limiter, clock, 5);
		expect(times[0]).toBeGreaterThanOrEqual(1000);
		// About 10/s: slots ~100 ms apart from the reset on, not the 20.4 ms of 50/s.
		expect(times[4]).toBeGreaterThan(1000 + 4 * 95);
		expect(times[4] - times[3]).toBeGreaterThan(95);
	});

	test('refused again while sending a quota per window: the share is what got through in that window, no less', async () => {
		const { clock, limiter, refusedSentAt } = await refusedAfterTen();
		limiter.refused(refusedSentAt, 1000);
		// Next window [1000, 2000) at its quota of ~8: it sends 6 and the 7th is refused.
		const times = await sendTimes(limiter, clock, 7);
		expect(times.every((t) => t >= 1000 && t < 2000)).toBe(true);
		limiter.refused(times[6], 2000);
		// Six got through: the share is six a window, exactly, with no back-off below it.
		expect(limiter.ratePerSecond).toBe(6);
		const next = await sendTimes(limiter, clock, 12);
		expect(next.filter((t) => t >= 2000 && t < 3000)).toHaveLength(6);
	});

	test('near the quota that was refused it grows one request a window, past it as fast as its pace', async () => {
		const { clock, limiter, refusedSentAt } = await refusedAfterTen();
		limiter.refused(refusedSentAt, 1000);
		const first = await sendTimes(limiter, clock, 7);
		limiter.refused(first[6], 2000);
		// 20 s with no refusal: the pace climbs far past 7 a window, the quota one a window up to 8.
		const times = await sendTimes(limiter, clock, 400);
		const perWindow = new Map<number, number>();
		for (const t of times) perWindow.set(Math.floor(t / 1000), (perWindow.get(Math.floor(t / 1000)) ?? 0) + 1);
		const counts = [...perWindow.entries()].sort(([a], [b]) => a - b).map(([, n]) => n);
		for (let i = 1; i < counts.length - 1 && counts[i] <= 8; i++)
			expect(counts[i] - counts[i - 1]).toBeLessThanOrEqual(1);
		expect(Math.max(...counts)).toBeGreaterThan(30);
	});

	test('a request sent before the pace was lowered was paced at the old share: its refusal lowers nothing', async () => {
		const { clock, limiter, refusedSentAt } = await refusedAfterTen();
		limiter.refused(refusedSentAt, 1000);
		const lowered = limiter.ratePerSecond;
		// The 10th request was in flight when the 11th's refusal came back.
		limiter.refused(refusedSentAt - 20, 1000);
		expect(limiter.ratePerSecond).toBe(lowered);
		expect(clock.now()).toBe(refusedSentAt);
	});

	test('with no one else refusing it, the pace climbs back to the configured rate', async () => {
		const { clock, limiter, refusedSentAt } = await refusedAfterTen();
		limiter.refused(refusedSentAt, 1000);
		let slept = false;
		void clock.sleep(10_000).then(() => (slept = true));
		await clock.run(() => slept);
		expect(clock.now()).toBeGreaterThan(10_000);
		expect(limiter.ratePerSecond).toBe(50);
	});

	test('never starves: however often refused, it keeps 2% of its rate', async () => {
		const clock = new VirtualClock();
		const limiter = new RateLimiter(50, clock);
		for (let window = 0; window < 20; window++) {
			const [sent] = await sendTimes(limiter, clock, 1);
			limiter.refused(sent, Math.floor(sent / 1000) * 1000 + 1000);
		}
		expect(limiter.ratePerSecond).toBeGreaterThanOrEqual(1);
	});
});

describe("sharing, with Feishu's window edges known", () => {
	test('each window holds the quota (the pace in whole requests), spread over it away from its edges', async () => {
		const { clock, limiter, refusedSentAt } = await refusedAfterTen();
		// Refused 0.2 s into the window that ends at 1000: Feishu's edges are at whole seconds.
		limiter.refused(refusedSentAt, 1000);
		const times = await sendTimes(limiter, clock, 40);
		const perWindow = new Map<number, number[]>();
		for (const t of times) perWindow.set(Math.floor(t / 1000), [...(perWindow.get(Math.floor(t / 1000)) ?? []), t]);
		for (const [second, sends] of perWindow) {
			// Whole windows only (the last may be cut short by running out of requests).
			if (second === Math.floor(times[times.length - 1] / 1000)) continue;
			const quota = sends.length;
			expect(quota).toBeGreaterThanOrEqual(8);
			expect(quota).toBeLessThanOrEqual(10);
			for (const t of sends) {
				expect(t - second * 1000).toBeGreaterThanOrEqual(15);
				expect((second + 1) * 1000 - t).toBeGreaterThanOrEqual(15);
			}
			const gaps = sends.slice(1).map((t, i) => t - sends[i]);
			expect(Math.min(...gaps)).toBeGreaterThan(900 / quota);
		}
	});
});

describe('after an event-loop stall', () => {
	/** 60 requests at 50/s with a 600 ms stall after the 10th send; returns the send times. */
	async function stalledSends(limiter: RateLimiter, clock: VirtualClock): Promise<number[]> {
		const times: number[] = [];
		const all = Promise.all(
			Array.from({ length: 60 }, async () => {
				times.push(await limiter.acquire());
				if (times.length === 10) clock.stall(600);
			}),
		);
		await clock.run(() => times.length === 60);
		await all;
		return times;
	}

	test('alone, the requests that waited do not burst out: at most the late one and the next go at once', async () => {
		const clock = new VirtualClock();
		const times = await stalledSends(new RateLimiter(50, clock), clock);
		expect(times[10]).toBeGreaterThanOrEqual(times[9] + 600);
		expect(times.filter((t) => t === times[10]).length).toBeLessThanOrEqual(2);
		expect(maxInAnyWindow(times)).toBeLessThanOrEqual(50);
	});

	test('sharing, nothing bursts: after the stall what is left of the quota is spread over the rest of the window', async () => {
		const { clock, limiter, refusedSentAt } = await refusedAfterTen();
		// Refused at ~0.2 s into the window: a share of ~9.5/s, well under 20/s for the whole test.
		limiter.refused(refusedSentAt, 1000);
		const after = await stalledSends(limiter, clock);
		const gaps = after.slice(1).map((t, i) => t - after[i]);
		expect(limiter.ratePerSecond).toBeLessThan(20);
		// Never two at once, and no one of Feishu's windows (edges at whole seconds here) holds more than 20.
		expect(Math.min(...gaps)).toBeGreaterThan(1000 / 50);
		const perWindow = new Map<number, number>();
		for (const t of after) perWindow.set(Math.floor(t / 1000), (perWindow.get(Math.floor(t / 1000)) ?? 0) + 1);
		expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(20);
	});
});

test('after an event-loop stall, overdue requests still never exceed the window by their actual send times', async () => {
	const limiter = new RateLimiter(20);
	const sentAt: number[] = [];
	const sends = Array.from({ length: 45 }, async () => {
		await limiter.acquire();
		sentAt.push(Date.now());
	});
	// Let the first grants go out, then block the event loop the way a busy n8n process can:
	// every slot booked meanwhile falls due at once.
	await sleep(30);
	const blockedUntil = Date.now() + 700;
	while (Date.now() < blockedUntil) {
		// busy wait
	}
	await Promise.all(sends);
	sentAt.sort((a, b) => a - b);
	expect(maxInAnyWindow(sentAt)).toBeLessThanOrEqual(limiter.sendsPerWindow);
	expect(limiter.sendsPerWindow).toBe(20);
});
