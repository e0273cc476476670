/**
 * What the sandbox saw: a bounded log of recorded requests (oldest dropped first, so a long
 * benchmark cannot grow memory without limit) and running counters that survive the bound.
 */

import type { RecordedRequest, SandboxStats } from './types';

export class RequestLog {
	private entries: RecordedRequest[] = [];
	/** Index of the oldest live entry; entries before it are dropped lazily to avoid O(n) shifts. */
	private head = 0;
	private nextSeq = 1;
	private stats: SandboxStats = emptyStats();

	constructor(private limit: number) {}

	setLimit(limit: number): void {
		this.limit = limit;
		this.trim();
	}

	/** Records a request at arrival; the caller fills in body, appId, outcome and faults as they become known. */
	begin(entry: Omit<RecordedRequest, 'seq' | 'outcome' | 'faults' | 'body'>): RecordedRequest {
		const recorded: RecordedRequest = {
			seq: this.nextSeq++,
			...entry,
			body: undefined,
			outcome: { status: 0 },
			faults: [],
		};
		this.stats.requests += 1;
		if (this.limit > 0) {
			this.entries.push(recorded);
			this.trim();
		}
		return recorded;
	}

	/** Counts how a request ended; `outcomeKey` is `${status}:${code}`, `dropped` or `200:malformed`. */
	finish(path: string, outcomeKey: string, code: number | undefined): void {
		const byOutcome = (this.stats.byPath[path] ??= {});
		byOutcome[outcomeKey] = (byOutcome[outcomeKey] ?? 0) + 1;
		if (code === 99991400) this.stats.rateLimited += 1;
	}

	countTokenRequest(): void {
		this.stats.tokenRequests += 1;
	}

	countFault(kind: string): void {
		this.stats.faults[kind] = (this.stats.faults[kind] ?? 0) + 1;
	}

	tokenRequests(): number {
		return this.stats.tokenRequests;
	}

	/** Copies of the entries with seq > `sinceSeq`, in arrival order. */
	since(sinceSeq = 0): RecordedRequest[] {
		const live = this.entries.slice(this.head);
		const first = live.findIndex((entry) => entry.seq > sinceSeq);
		return (first < 0 ? [] : live.slice(first)).map(copyEntry);
	}

	snapshot(remedies: number): SandboxStats {
		return { ...structuredClone(this.stats), remedies };
	}

	clear(): void {
		this.entries = [];
		this.head = 0;
		this.stats = emptyStats();
	}

	private trim(): void {
		const excess = this.entries.length - this.head - this.limit;
		if (excess > 0) this.head += excess;
		// Compact once the dropped prefix is as large as the live part: amortised O(1) per request.
		if (this.head > 0 && this.head >= this.entries.length - this.head) {
			this.entries = this.entries.slice(this.head);
			this.head = 0;
		}
	}
}

function emptyStats(): SandboxStats {
	return { requests: 0, tokenRequests: 0, rateLimited: 0, remedies: 0, byPath: {}, faults: {} };
}

function copyEntry(entry: RecordedRequest): RecordedRequest {
	return { ...entry, outcome: { ...entry.outcome }, faults: [...entry.faults] };
}
