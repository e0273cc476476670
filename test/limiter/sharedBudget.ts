/**
 * Several processes, each with its own RateLimiter, sending one app's remedies to one
 * Feishu budget — n8n queue-mode workers as the limiter sees them — in virtual time.
 * Feishu's side is the sandbox's own window counter (fixed one-second windows, counted at
 * arrival) and its reset header (seconds from the answer to the window's end, at least
 * 1 ms); each process sends as the node does: a pool of workers, a refused request waits
 * for the reset and goes again.
 */
import { RateLimiter } from '../../nodes/FeishuAttendanceRemedy/transport/rateLimiter';
import { RateLimiter as FeishuWindows } from '../../sandbox/rateLimiter';
import { seededRandom } from '../../sandbox/random';
import { VirtualClock } from './virtualClock';

export interface SimulatedProcess {
	items: number;
	/** Virtual ms at which the process starts sending. */
	startAt?: number;
	/** Its configured Requests per Second (default: the limit). */
	rate?: number;
}

export interface SharedBudgetSetup {
	limit: number;
	processes: SimulatedProcess[];
	latencyMs?: number;
	jitterMs?: number;
	seed?: number;
	/** Requests in flight per process, as the node's pool (concurrencyFor: 2 s at the rate). */
	concurrency?: number;
}

export interface ProcessOutcome {
	accepted: number;
	refused: number;
	/** Arrival times of its accepted requests. */
	acceptedAt: number[];
	/** Arrival times of its refused requests. */
	refusedAt: number[];
	startedAt: number;
	finishedAt: number;
}

export interface SharedBudgetOutcome {
	processes: ProcessOutcome[];
	/** Accepted requests per window (second index → count), all processes together. */
	perWindow: Map<number, number>;
	limiters: RateLimiter[];
}

export async function simulateSharedBudget(setup: SharedBudgetSetup): Promise<SharedBudgetOutcome> {
	const clock = new VirtualClock(0);
	const windows = new FeishuWindows();
	const random = seededRandom(setup.seed ?? 1);
	const latency = setup.latencyMs ?? 50;
	const jitter = setup.jitterMs ?? 10;
	const perWindow = new Map<number, number>();
	const limiters = setup.processes.map((process) => new RateLimiter(process.rate ?? setup.limit, clock));
	const outcomes: ProcessOutcome[] = setup.processes.map((process) => ({
		accepted: 0,
		refused: 0,
		acceptedAt: [],
		refusedAt: [],
		startedAt: process.startAt ?? 0,
		finishedAt: Number.NaN,
	}));
	let running = setup.processes.length;

	const runProcess = async (index: number): Promise<void> => {
		const process = setup.processes[index];
		const limiter = limiters[index];
		const outcome = outcomes[index];
		await clock.sleep(process.startAt ?? 0);
		let left = process.items;
		const worker = async (): Promise<void> => {
			while (left > 0) {
				left--;
				for (;;) {
					const sentAt = await limiter.acquire();
					const arrivedAt = sentAt + 1;
					const decision = windows.take('app|create', setup.limit, arrivedAt);
					await clock.sleep(latency + Math.floor(random() * jitter));
					if (decision.allowed) {
						outcome.accepted++;
						outcome.acceptedAt.push(arrivedAt);
						const second = Math.floor(arrivedAt / 1000);
						perWindow.set(second, (perWindow.get(second) ?? 0) + 1);
						break;
					}
					outcome.refused++;
					outcome.refusedAt.push(arrivedAt);
					const windowEnd = arrivedAt + decision.resetSeconds * 1000;
					const resetSeconds = Math.max(1, windowEnd - clock.now()) / 1000;
					limiter.refused(sentAt, clock.now() + resetSeconds * 1000);
				}
			}
		};
		const concurrency = setup.concurrency ?? Math.min(200, Math.ceil((process.rate ?? setup.limit) * 2));
		await Promise.all(Array.from({ length: Math.min(concurrency, process.items) }, worker));
		outcome.finishedAt = clock.now();
		running--;
	};

	const all = Promise.all(setup.processes.map(async (_, index) => await runProcess(index)));
	await clock.run(() => running === 0);
	await all;
	return { processes: outcomes, perWindow, limiters };
}

/** Accepted requests per second over [from, to) ms. */
export function rateBetween(acceptedAt: number[], from: number, to: number): number {
	return acceptedAt.filter((at) => at >= from && at < to).length / ((to - from) / 1000);
}
