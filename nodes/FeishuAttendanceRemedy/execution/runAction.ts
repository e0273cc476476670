/**
 * The per-item pipeline every operation shares: plan each item (map + validate, no I/O),
 * then hand the ready ones to the operation, which sends them through one client paced
 * by the shared limiter. Items that failed planning never reach Feishu.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FeishuClient } from '../transport/feishuClient';
import { forEachConcurrently } from './concurrentPool';
import { failedOutcome } from './itemOutcome';
import type { ItemFailure, ItemOutcome } from './itemOutcome';
import { openFeishuClient } from './openClient';
import type { RunOptions } from './runOptions';
import { runFailureStops } from './toolMode';

export type ItemPlan<Request> = { ready: true; request: Request } | { ready: false; outcome: ItemOutcome };

export interface ReadyItem<Request> {
	index: number;
	request: Request;
}

export interface RemedyAction<Request> {
	/** Reads and validates one item's parameters; never throws for bad input. */
	plan(context: IExecuteFunctions, itemIndex: number, options: RunOptions): ItemPlan<Request>;
	/** Whether these ready items need Feishu at all (a dry run without checks does not). */
	needsFeishu?(items: Array<ReadyItem<Request>>): boolean;
	/** Sends the ready items; returns an outcome for each of them. Never throws for one item. */
	sendAll(client: FeishuClient | undefined, items: Array<ReadyItem<Request>>, options: RunOptions): Promise<Map<number, ItemOutcome>>;
}

/** Enough workers to keep the limiter busy through a 2 s latency spike, no more. */
export function concurrencyFor(ratePerSecond: number): number {
	return Math.min(200, Math.max(4, Math.ceil(ratePerSecond * 2)));
}

/**
 * Runs `work` for each ready item, a limited number at a time (the limiter paces the
 * requests; this bounds what waits in memory). A throw of ours becomes `onDefect`.
 */
export async function mapEach<Request, Result>(
	items: Array<ReadyItem<Request>>,
	options: RunOptions,
	work: (request: Request, index: number) => Promise<Result>,
	onDefect: (error: unknown) => Result,
): Promise<Map<number, Result>> {
	const results = new Map<number, Result>();
	const byIndex = new Map(items.map((item) => [item.index, item.request]));
	await forEachConcurrently([...byIndex.keys()], concurrencyFor(options.requestsPerSecond), async (index) => {
		try {
			results.set(index, await work(byIndex.get(index) as Request, index));
		} catch (error) {
			results.set(index, onDefect(error));
		}
	});
	return results;
}

/** mapEach for the last step of an operation: every item ends with an outcome. */
export async function sendEach<Request>(
	items: Array<ReadyItem<Request>>,
	options: RunOptions,
	send: (request: Request, index: number) => Promise<ItemOutcome>,
): Promise<Map<number, ItemOutcome>> {
	return await mapEach(items, options, send, (error) => failedOutcome(unexpectedFailure(error)));
}

export async function runAction<Request>(
	context: IExecuteFunctions,
	action: RemedyAction<Request>,
	itemCount: number,
	options: RunOptions,
): Promise<ItemOutcome[]> {
	const plans = Array.from({ length: itemCount }, (_, index) => action.plan(context, index, options));
	const outcomes: Array<ItemOutcome | undefined> = plans.map((plan) => (plan.ready ? undefined : plan.outcome));
	const ready = plans.flatMap((plan, index) => (plan.ready ? [{ index, request: plan.request }] : []));

	if (ready.length > 0) {
		let client: FeishuClient | undefined;
		if (action.needsFeishu?.(ready) ?? true) {
			const opened = await openFeishuClient(context, options);
			if (!opened.ok) {
				if (runFailureStops(context)) {
					throw new NodeOperationError(context.getNode(), opened.failure.msg, { description: opened.failure.hint });
				}
				for (const { index } of ready) outcomes[index] = failedOutcome(opened.failure);
				return outcomes as ItemOutcome[];
			}
			client = opened.client;
		}
		const sent = await action.sendAll(client, ready, options);
		for (const { index } of ready) {
			// An item the operation forgot would vanish from both outputs: fail it loudly instead.
			outcomes[index] = sent.get(index) ?? failedOutcome(unexpectedFailure(new Error('the item was not sent')));
		}
	}
	return outcomes as ItemOutcome[];
}

export function unexpectedFailure(error: unknown): ItemFailure {
	// A defect of ours, not Feishu's answer: the item may or may not have been sent.
	return {
		category: 'server',
		code: null,
		msg: error instanceof Error ? error.message : String(error),
		hint: 'Unexpected error in the node. Check Feishu for this item before sending it again, and report the message.',
		retrySafe: false,
		httpStatus: null,
		logId: null,
	};
}
