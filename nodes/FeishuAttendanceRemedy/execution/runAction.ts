/**
 * The per-item pipeline every operation shares: plan each item (map + validate, no I/O),
 * then send the ready ones concurrently through one client, paced by the shared limiter.
 * Items that failed planning never reach Feishu.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FeishuClient } from '../transport/feishuClient';
import { forEachConcurrently } from './concurrentPool';
import { failedOutcome } from './itemOutcome';
import type { ItemOutcome } from './itemOutcome';
import { openFeishuClient } from './openClient';
import type { RunOptions } from './runOptions';

export type ItemPlan<Request> = { ready: true; request: Request } | { ready: false; outcome: ItemOutcome };

export interface RemedyAction<Request> {
	/** Reads and validates one item's parameters; never throws for bad input. */
	plan(context: IExecuteFunctions, itemIndex: number, options: RunOptions): ItemPlan<Request>;
	/** Sends one planned item; never throws: failures are outcomes. */
	send(client: FeishuClient, request: Request, options: RunOptions): Promise<ItemOutcome>;
}

/** Enough workers to keep the limiter busy through a 2 s latency spike, no more. */
function concurrencyFor(ratePerSecond: number): number {
	return Math.min(200, Math.max(4, Math.ceil(ratePerSecond * 2)));
}

export async function runAction<Request>(
	context: IExecuteFunctions,
	action: RemedyAction<Request>,
	itemCount: number,
	options: RunOptions,
): Promise<ItemOutcome[]> {
	const plans = Array.from({ length: itemCount }, (_, index) => action.plan(context, index, options));
	const outcomes: ItemOutcome[] = plans.map((plan) => (plan.ready ? { success: [] } : plan.outcome));
	const ready = plans.flatMap((plan, index) => (plan.ready ? [index] : []));
	if (ready.length === 0) return outcomes;

	const opened = await openFeishuClient(context, options);
	if (!opened.ok) {
		if (!context.continueOnFail()) {
			throw new NodeOperationError(context.getNode(), opened.failure.msg, { description: opened.failure.hint });
		}
		for (const index of ready) outcomes[index] = failedOutcome(opened.failure);
		return outcomes;
	}

	await forEachConcurrently(ready, concurrencyFor(options.requestsPerSecond), async (index) => {
		const plan = plans[index];
		if (!plan.ready) return;
		try {
			outcomes[index] = await action.send(opened.client, plan.request, options);
		} catch (error) {
			// A defect of ours, not Feishu's answer: the item may or may not have been sent.
			outcomes[index] = failedOutcome({
				category: 'server',
				code: null,
				msg: error instanceof Error ? error.message : String(error),
				hint: 'Unexpected error in the node. Check Feishu for this remedy before sending it again, and report the message.',
				retrySafe: false,
				httpStatus: null,
				logId: null,
			});
		}
	});
	return outcomes;
}
