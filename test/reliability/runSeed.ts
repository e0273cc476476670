/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code: runs in jest under plain Node, reads FAULT_SEED and prints the seed for replay */
/**
 * The seed of a reliability suite: `FAULT_SEED` from the environment, or a fresh random
 * one. It is printed, so a failing run can be replayed with the same seed. Every random
 * choice of a suite (its items, the sandbox's fault seed) is drawn from it.
 */
import { seededRandom } from '../../sandbox/random';
import type { Random } from '../../sandbox/random';

export type { Random };

export function suiteSeed(suite: string): number {
	const fromEnv = process.env.FAULT_SEED;
	const seed =
		fromEnv !== undefined && /^\d+$/.test(fromEnv.trim())
			? Number(fromEnv.trim()) >>> 0
			: Math.floor(Math.random() * 2 ** 32);
	console.log(`${suite}: FAULT_SEED=${seed} (replay: FAULT_SEED=${seed} npx jest test/reliability/${suite})`);
	return seed;
}

/** Each test draws from its own stream, so `-t <name>` replays it alone with the suite's seed. */
export function choiceFor(seed: number, testName: string): SeededChoice {
	let hash = seed;
	for (const char of testName) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
	return new SeededChoice(hash);
}

/** A generator with a few helpers for choosing test data. */
export class SeededChoice {
	readonly next: Random;

	constructor(seed: number) {
		this.next = seededRandom(seed);
	}

	/** An integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(values: readonly T[]): T {
		return values[Math.floor(this.next() * values.length)];
	}

	/** A 32-bit seed for something else (the sandbox's faultSeed). */
	seed(): number {
		return Math.floor(this.next() * 2 ** 32);
	}
}
