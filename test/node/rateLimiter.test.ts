import { sleep } from 'n8n-workflow';

import { RateLimiter } from '../../nodes/FeishuAttendanceRemedy/transport/rateLimiter';
import { VirtualClock } from '../limiter/virtualClock';

/** Send times the limiter hands out to `count` requests that all ask at once, in virtual time. */
async function sendTimes(limiter: RateLimiter, clock: VirtualClock, count: number): Promise<number[]> {
	const times: number[] = [];
	const all = Promise.all(Array.from({ length: count }, async () => times.push(await limiter.acquire())));
	await clock.run(() => times.length === count);
	await all;
	return times;
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
	const gaps = times.slice(1).map((t, i) => t - times[i]);
	for (const gap of gaps) expect(gap).toBeCloseTo(20.4, 5);
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
	/** A limiter that has sent 10 requests at 50/s in the window [0, 1000) and is refused on the 11th. */
	async function refusedAfterTen(): Promise<{ clock: VirtualClock; limiter: RateLimiter; refusedSentAt: number }> {
		const clock = new VirtualClock();
		const limiter = new RateLimiter(50, clock);
		const times = await sendTimes(limiter, clock, 11);
		return { clock, limiter, refusedSentAt: times[10] };
	}

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

	test('refused again while sharing, the share is taken from the pace it had then', async () => {
		const { clock, limiter, refusedSentAt } = await refusedAfterTen();
		limiter.refused(refusedSentAt, 1000);
		// Next window [1000, 2000) at ~9/s: it sends 6, the 7th (at ~1.6 s) is refused.
		const times = await sendTimes(limiter, clock, 7);
		expect(times.every((t) => t >= 1000 && t < 2000)).toBe(true);
		const pace = limiter.ratePerSecond;
		limiter.refused(times[6], 2000);
		const share = (pace * ((times[5] + times[6]) / 2 - 1000)) / 1000 / 1.02;
		expect(limiter.ratePerSecond).toBeLessThan(share);
		expect(limiter.ratePerSecond).toBeGreaterThan(0.9 * share);
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

	test('sharing, nothing bursts: after the stall each send still waits a whole interval', async () => {
		const clock = new VirtualClock();
		const limiter = new RateLimiter(50, clock);
		const times = await sendTimes(limiter, clock, 11);
		// Refused at ~0.2 s into the window: a share of ~9.5/s, well under 20/s for the whole test.
		limiter.refused(times[10], 1000);
		const after = await stalledSends(limiter, clock);
		const gaps = after.slice(1).map((t, i) => t - after[i]);
		expect(limiter.ratePerSecond).toBeLessThan(20);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / 20);
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
