/**
 * What an operation is, and how every operation is run. An operation file gives its
 * fields, reads its settings once per run, plans each item (read + validate, no I/O)
 * and runs the batch of ready items through one Feishu client. `defineOperation` closes
 * over the operation's own types, so the router holds every operation as one type.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forEachConcurrently } from '../execution/concurrentPool';
import { unexpectedFailure } from '../execution/failure';
import type { ItemFailure } from '../execution/failure';
import { failed, produced, succeeded } from '../execution/itemOutcome';
import type { FailedRequest, ItemOutcome } from '../execution/itemOutcome';
import { openFeishuClient } from '../execution/openClient';
import { RunFailure } from '../execution/runFailure';
import type { FeishuClient } from '../transport/feishuClient';
import type { RunOptions } from './shared/runOptions';

export type ItemPlan<Plan> =
	| { ready: true; plan: Plan }
	| { ready: false; failure: ItemFailure; request?: FailedRequest };

/** One ready item of the batch: where it came from, what to send, and how it ended. */
export class ItemRecord<Plan> {
	outcome: ItemOutcome | undefined;

	constructor(
		readonly index: number,
		readonly input: IDataObject,
		readonly plan: Plan,
	) {}

	get settled(): boolean {
		return this.outcome !== undefined;
	}

	/** Success items merged over the input item. */
	succeed(...json: IDataObject[]): void {
		this.outcome = succeeded(...json);
	}

	/** Success items that stand alone (query results). */
	produce(json: IDataObject[]): void {
		this.outcome = produced(json);
	}

	fail(failure: ItemFailure, request?: FailedRequest): void {
		this.outcome = failed(failure, request);
	}
}

export interface OperationSpec<Settings, Plan> {
	/** The operation's own fields, each shown for this operation only. */
	properties: INodeProperties[];
	/** Its own entries of the Options collection (shown for this operation only). */
	options?: INodeProperties[];
	/** What a Failed item of a plan that failed says about its request. */
	unplanned: FailedRequest;
	/** Run-level settings, read once; a throw fails the run. */
	readSettings(context: IExecuteFunctions, options: RunOptions): Settings;
	/** Reads and validates one item; never throws for bad input. */
	plan(context: IExecuteFunctions, itemIndex: number, settings: Settings, options: RunOptions): ItemPlan<Plan>;
	/** Whether the run talks to Feishu at all (a dry run without checks does not). Default: yes. */
	needsFeishu?(settings: Settings, batch: Array<ItemRecord<Plan>>): boolean;
	/** Sends the ready items and settles each record. Never throws for one item. */
	run(
		batch: Array<ItemRecord<Plan>>,
		feishu: FeishuClient | undefined,
		settings: Settings,
		options: RunOptions,
	): Promise<void>;
}

/** An operation as the node sees it, whatever it sends. */
export interface RemedyOperation {
	properties: INodeProperties[];
	options: INodeProperties[];
	execute(context: IExecuteFunctions, options: RunOptions): Promise<ItemOutcome[]>;
}

export function defineOperation<Settings, Plan>(spec: OperationSpec<Settings, Plan>): RemedyOperation {
	return {
		properties: spec.properties,
		options: spec.options ?? [],
		async execute(context, options) {
			const settings = spec.readSettings(context, options);
			const items = context.getInputData();
			const outcomes: Array<ItemOutcome | undefined> = [];
			const batch: Array<ItemRecord<Plan>> = [];
			items.forEach((item, index) => {
				const planned = spec.plan(context, index, settings, options);
				if (planned.ready) batch.push(new ItemRecord(index, item.json, planned.plan));
				else outcomes[index] = failed(planned.failure, planned.request ?? spec.unplanned);
			});
			if (batch.length > 0) {
				const needsFeishu = spec.needsFeishu?.(settings, batch) ?? true;
				const feishu = needsFeishu ? await openFeishuClient(context, options) : undefined;
				if (feishu instanceof RunFailure) {
					// Items that failed planning keep their own failure; the run's failure is for the rest.
					feishu.settled = outcomes;
					throw feishu;
				}
				await spec.run(batch, feishu, settings, options);
				for (const record of batch) {
					// An item the operation left unsettled would vanish from both outputs: fail it loudly instead.
					outcomes[record.index] = record.outcome ?? failed(unexpectedFailure(new Error('the item was not sent')));
				}
			}
			return items.map(
				(_, index) => outcomes[index] ?? failed(unexpectedFailure(new Error('the item was not planned'))),
			);
		},
	};
}

/** Enough workers to keep the limiter busy through a 2 s latency spike, no more. */
export function concurrencyFor(ratePerSecond: number): number {
	return Math.min(200, Math.max(4, Math.ceil(ratePerSecond * 2)));
}

/**
 * Runs `work` for each element, a limited number at a time (the limiter paces the
 * requests; this bounds what waits in memory). Results come back in the elements' order;
 * a throw of ours becomes `onDefect`.
 */
export async function mapConcurrently<Element, Result>(
	elements: readonly Element[],
	options: RunOptions,
	work: (element: Element) => Promise<Result>,
	onDefect: (error: unknown, element: Element) => Result,
	concurrency: number = concurrencyFor(options.requestsPerSecond),
): Promise<Result[]> {
	const results: Result[] = new Array<Result>(elements.length);
	const positions = elements.map((_, position) => position);
	await forEachConcurrently(positions, concurrency, async (position) => {
		try {
			results[position] = await work(elements[position]);
		} catch (error) {
			results[position] = onDefect(error, elements[position]);
		}
	});
	return results;
}

/** The last step of an operation: each record is settled by `send`; a throw of ours fails its record. */
export async function settleEach<Plan>(
	batch: Array<ItemRecord<Plan>>,
	options: RunOptions,
	send: (record: ItemRecord<Plan>) => Promise<void>,
): Promise<void> {
	const settle = async (record: ItemRecord<Plan>): Promise<void> => {
		try {
			await send(record);
		} catch (error) {
			record.fail(unexpectedFailure(error));
		}
	};
	await mapConcurrently(batch, options, settle, () => undefined);
}
