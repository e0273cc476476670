/**
 * The limiter's sharing, in virtual time: independent processes (each its own RateLimiter,
 * as n8n queue-mode workers have) against one Feishu budget of 50/s, counted the way the
 * sandbox counts it. Deterministic: a seeded jitter and a virtual clock, no real time.
 */
import { rateBetween, simulateSharedBudget } from './sharedBudget';
import type { SharedBudgetOutcome } from './sharedBudget';

const LIMIT = 50;

function totals(outcome: SharedBudgetOutcome) {
	const accepted = outcome.processes.reduce((sum, p) => sum + p.accepted, 0);
	const refused = outcome.processes.reduce((sum, p) => sum + p.refused, 0);
	const overlapFrom = Math.max(...outcome.processes.map((p) => p.startedAt));
	const overlapTo = Math.min(...outcome.processes.map((p) => p.finishedAt));
	const all = outcome.processes.flatMap((p) => p.acceptedAt);
	return {
		accepted,
		refusedShare: refused / (accepted + refused),
		combinedWhileAllRan: rateBetween(all, overlapFrom, overlapTo),
		// As the bench counts it: first arrival to last, so a slow finish (unfair shares) costs.
		combined: rateBetween(all, Math.min(...all), Math.max(...all) + 1),
		shares: outcome.processes.map((p) => rateBetween(p.acceptedAt, overlapFrom, overlapTo)),
	};
}

test('one process alone uses the whole budget and is never refused', async () => {
	const outcome = await simulateSharedBudget({ limit: LIMIT, processes: [{ items: 2000 }] });
	const [alone] = outcome.processes;
	expect(alone.accepted).toBe(2000);
	expect(alone.refused).toBe(0);
	expect(rateBetween(alone.acceptedAt, 0, alone.finishedAt)).toBeGreaterThanOrEqual(0.95 * LIMIT);
});

test.each([
	[2, 1000, 0],
	[2, 1000, 300],
	[4, 1000, 137],
	[4, 1000, 40],
])(
	'%i processes of %i items (starting %i ms apart) share the budget: it stays full, few refusals, none lost',
	async (count, items, apartMs) => {
		const outcome = await simulateSharedBudget({
			limit: LIMIT,
			processes: Array.from({ length: count }, (_, i) => ({ items, startAt: i * apartMs })),
		});
		const figures = totals(outcome);
		for (const process of outcome.processes) expect(process.accepted).toBe(items);
		expect(figures.combinedWhileAllRan).toBeGreaterThanOrEqual(0.9 * LIMIT);
		expect(figures.combinedWhileAllRan).toBeLessThanOrEqual(LIMIT);
		expect(figures.combined).toBeGreaterThanOrEqual(0.9 * LIMIT);
		expect(figures.refusedShare).toBeLessThanOrEqual(0.025);
		// Each near its fair share, none starved.
		for (const share of figures.shares) expect(share).toBeGreaterThan((0.6 * LIMIT) / count);
	},
);

test('when one of two finishes, the other is back at 0.9 × the limit within 10 s', async () => {
	const outcome = await simulateSharedBudget({
		limit: LIMIT,
		processes: [{ items: 500 }, { items: 2500, startAt: 100 }],
	});
	const [short, long] = outcome.processes;
	expect(long.finishedAt).toBeGreaterThan(short.finishedAt + 12_000);
	let recoveredAfter = Number.POSITIVE_INFINITY;
	for (let from = short.finishedAt; from < long.finishedAt - 1000; from += 100) {
		if (rateBetween(long.acceptedAt, from, from + 1000) >= 0.9 * LIMIT) {
			recoveredAfter = from + 1000 - short.finishedAt;
			break;
		}
	}
	expect(recoveredAfter).toBeLessThanOrEqual(10_000);
});

test('a process that joins one already at the full rate takes its share, and both keep every item', async () => {
	const outcome = await simulateSharedBudget({
		limit: LIMIT,
		processes: [{ items: 1500 }, { items: 600, startAt: 5_500 }],
	});
	const [first, joining] = outcome.processes;
	expect(first.accepted).toBe(1500);
	expect(joining.accepted).toBe(600);
	const from = joining.startedAt + 3_000;
	const to = joining.finishedAt;
	expect(rateBetween(joining.acceptedAt, from, to)).toBeGreaterThan(0.3 * LIMIT);
	expect(rateBetween([...first.acceptedAt, ...joining.acceptedAt], from, to)).toBeGreaterThanOrEqual(0.88 * LIMIT);
});
