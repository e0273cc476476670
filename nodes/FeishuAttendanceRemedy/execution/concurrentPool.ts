/**
 * Runs one task per index with at most `concurrency` in flight. Workers pull the next
 * index when they finish, so memory holds the tasks in flight, not one promise per item.
 * Tasks must not throw: each one records its own outcome.
 */
export async function forEachConcurrently(
	indices: readonly number[],
	concurrency: number,
	task: (index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < indices.length) {
			const index = indices[next++];
			await task(index);
		}
	};
	const workers = Math.max(1, Math.min(concurrency, indices.length));
	await Promise.all(Array.from({ length: workers }, worker));
}
