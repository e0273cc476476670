/**
 * A queue that producers fill while one pool of workers drains it. Create's re-run check
 * hands each group's rows over as soon as that group's check is answered, so the creates
 * keep as many requests waiting for the pace as they would without the check, instead of
 * one pool per group (which multiplies what waits in memory and starves later groups).
 */
export class WorkQueue<Work> {
	private readonly ready: Work[] = [];
	private readonly idleWorkers: Array<(work: Work | undefined) => void> = [];
	private closed = false;

	push(works: readonly Work[]): void {
		for (const work of works) {
			const worker = this.idleWorkers.shift();
			if (worker) worker(work);
			else this.ready.push(work);
		}
	}

	/** No more work will come: idle workers stop once the queue is empty. */
	close(): void {
		this.closed = true;
		for (const worker of this.idleWorkers.splice(0)) worker(undefined);
	}

	/** The next work, waiting while producers are still at it; undefined once all is done. */
	private async next(): Promise<Work | undefined> {
		if (this.ready.length > 0) return this.ready.shift();
		if (this.closed) return undefined;
		return await new Promise((resolve) => this.idleWorkers.push(resolve));
	}

	/** Runs `workers` workers until the queue is closed and empty. `work` must not throw. */
	async drain(workers: number, work: (item: Work) => Promise<void>): Promise<void> {
		const worker = async (): Promise<void> => {
			for (let item = await this.next(); item !== undefined; item = await this.next()) await work(item);
		};
		await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
	}
}
