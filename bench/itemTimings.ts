/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark: runs in plain Node, never inside n8n */
/**
 * When each item's create request left this process and when its answer came back,
 * observed under the node (which sends through n8n's HTTP stack, not through us):
 * - `ClientRequest.prototype.write/end` are wrapped to note the body and the moment a
 *   create request is handed to Node's HTTP client (after the node's rate limiter let it go);
 * - the `http.client.response.finish` diagnostics channel notes when its answer arrived.
 * The body identifies the item: a retry of an item sends the same body again, so an item's
 * first attempt is its first request with that body and its answer is the last one.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import { ClientRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface ItemTiming {
	/** performance.now() of the first attempt: the request handed to Node's HTTP client. */
	firstSentAt: number;
	/** performance.now() of the last answer's arrival (its status line and headers). */
	answeredAt: number;
	attempts: number;
	lastStatus: number;
}

interface SentRequest {
	body: string;
	sentAt: number;
}

const RESPONSE_FINISH = 'http.client.response.finish';

export class ItemTimings {
	private readonly sent = new WeakMap<ClientRequest, SentRequest>();
	private readonly items = new Map<string, ItemTiming>();
	/** Wall-clock time (ms since the epoch, as the sandbox logs arrivals) of every create request sent. */
	readonly sendTimes: number[] = [];
	private restore: (() => void) | undefined;

	constructor(private readonly pathPrefix: string) {}

	start(): void {
		if (this.restore) return;
		const { write, end } = ClientRequest.prototype;
		// eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrappers need both `this`es
		const timings = this;
		const note = (request: ClientRequest, chunk: unknown): void => {
			if (timings.sent.has(request) || !request.path.startsWith(timings.pathPrefix)) return;
			if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk)) return;
			const sentAt = performance.now();
			timings.sent.set(request, { body: chunk.toString(), sentAt });
			timings.sendTimes.push(performance.timeOrigin + sentAt);
		};
		ClientRequest.prototype.write = function (this: ClientRequest, chunk: unknown, ...rest: unknown[]) {
			note(this, chunk);
			return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
		} as typeof write;
		ClientRequest.prototype.end = function (this: ClientRequest, chunk?: unknown, ...rest: unknown[]) {
			note(this, chunk);
			return (end as (...args: unknown[]) => ClientRequest).call(this, chunk, ...rest);
		} as typeof end;

		const onResponse = (message: unknown): void => {
			const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
			const sent = this.sent.get(request);
			if (!sent) return;
			const answeredAt = performance.now();
			const item = this.items.get(sent.body);
			if (item) {
				item.attempts += 1;
				item.answeredAt = answeredAt;
				item.lastStatus = response.statusCode ?? 0;
			} else {
				this.items.set(sent.body, {
					firstSentAt: sent.sentAt,
					answeredAt,
					attempts: 1,
					lastStatus: response.statusCode ?? 0,
				});
			}
		};
		diagnosticsChannel.subscribe(RESPONSE_FINISH, onResponse);
		this.restore = () => {
			ClientRequest.prototype.write = write;
			ClientRequest.prototype.end = end;
			diagnosticsChannel.unsubscribe(RESPONSE_FINISH, onResponse);
		};
	}

	stop(): ItemTiming[] {
		this.restore?.();
		this.restore = undefined;
		return [...this.items.values()];
	}
}
