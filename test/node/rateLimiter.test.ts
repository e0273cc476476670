import { sleep } from 'n8n-workflow';

import { RateLimiter } from '../../nodes/FeishuAttendanceRemedy/transport/rateLimiter';

/** Send times the limiter hands out for `count` requests that all arrive at t=0. */
function slots(limiter: RateLimiter, count: number, now = 0): number[] {
	return Array.from({ length: count }, () => now + limiter.reserve(now));
}

function maxInAnyWindow(times: number[], windowMs = 1000): number {
	let max = 0;
	for (let i = 0; i < times.length; i++) {
		const inWindow = times.filter((t) => t >= times[i] && t < times[i] + windowMs).length;
		max = Math.max(max, inWindow);
	}
	return max;
}

test('never grants more than the rate in any one-second window, even to a burst', () => {
	const times = slots(new RateLimiter(50), 500);
	expect(maxInAnyWindow(times)).toBeLessThanOrEqual(50);
});

test('uses the budget: 500 requests are granted within 10.5 s at 50/s', () => {
	const times = slots(new RateLimiter(50), 500);
	expect(times[499]).toBeLessThan(10_500);
	expect(times[499]).toBeGreaterThan(9_900);
});

test('spaces requests evenly instead of in bursts that straddle window edges', () => {
	const times = slots(new RateLimiter(50), 10);
	const gaps = times.slice(1).map((t, i) => t - times[i]);
	for (const gap of gaps) expect(gap).toBeCloseTo(20.4, 5);
});

test('a pause after a rate-limit refusal moves every later slot past it', () => {
	const limiter = new RateLimiter(50);
	slots(limiter, 5);
	limiter.pauseUntil(1000);
	expect(limiter.reserve(0)).toBeGreaterThanOrEqual(1000);
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
