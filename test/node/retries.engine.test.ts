/**
 * What is retried and what is not: rate limits and connections never made are retried;
 * anything that may have written a remedy is retried only when the user asked for it.
 */
import { sleep } from 'n8n-workflow';

import { startSandbox } from '../../sandbox';
import { runRemedyNode } from '../engine/runRemedyNode';
import { SANDBOX_TODAY, remedyRow, useSandboxPerTest } from '../engine/sandboxSession';

const CREATE = { operation: 'createRemedy', mappingMode: 'autoMap' };
const CREATE_PATH = '/open-apis/attendance/v1/user_task_remedys';

const session = useSandboxPerTest();

const createRequests = () => session.requestsTo(CREATE_PATH);
const error = (item: { json: Record<string, unknown> }) => item.json.error as Record<string, unknown>;

test('a 429 with 99991400 waits for the reset and retries: the item succeeds', async () => {
	session.sandbox.injectFaults([{ path: CREATE_PATH, fault: 'rateLimit', times: 2 }]);
	const result = await runRemedyNode({ items: [remedyRow()], parameters: CREATE, credential: session.credential });
	expect(result.success).toHaveLength(1);
	expect(createRequests().map((r) => r.outcome.code)).toEqual([99991400, 99991400, 0]);
});

test('rate limiting that outlasts Max Retries fails the item as safe to retry', async () => {
	session.sandbox.injectFaults([{ path: CREATE_PATH, fault: 'rateLimit' }]);
	const result = await runRemedyNode({
		items: [remedyRow()],
		parameters: { ...CREATE, options: { maxRetries: 1 } },
		credential: session.credential,
	});
	expect(error(result.failed[0])).toMatchObject({
		code: 99991400,
		category: 'rate_limited',
		retry_safe: true,
		http_status: 429,
	});
	expect(createRequests()).toHaveLength(2);
});

test('a burst of 120 items against a 50/s Feishu: every item succeeds, none twice', async () => {
	const rows = Array.from({ length: 120 }, (_, i) => remedyRow({ user_id: `bench-${i + 1}` }));
	const result = await runRemedyNode({ items: rows, parameters: CREATE, credential: session.credential });
	expect(result.success).toHaveLength(120);
	expect(new Set(session.sandbox.remedies().map((r) => r.userId)).size).toBe(120);
	expect(session.sandbox.remedies()).toHaveLength(120);
});

test('a connection dropped after Feishu processed the request is not retried by default: one remedy, item Failed as unsafe', async () => {
	session.sandbox.injectFaults([{ path: CREATE_PATH, fault: 'dropAfter', times: 1 }]);
	const result = await runRemedyNode({ items: [remedyRow()], parameters: CREATE, credential: session.credential });
	expect(error(result.failed[0])).toMatchObject({ category: 'network', retry_safe: false });
	expect(error(result.failed[0]).hint).toMatch(/check Feishu for this remedy before sending again/);
	expect(session.sandbox.remedies()).toHaveLength(1);
});

test('with Retry Server Errors on, the same drop is retried — and writes a second remedy, as its description warns', async () => {
	session.sandbox.injectFaults([{ path: CREATE_PATH, fault: 'dropAfter', times: 1 }]);
	const result = await runRemedyNode({
		items: [remedyRow()],
		parameters: { ...CREATE, options: { retryServerErrors: true } },
		credential: session.credential,
	});
	expect(result.success).toHaveLength(1);
	expect(session.sandbox.remedies()).toHaveLength(2);
});

test('a 500 is retried only with Retry Server Errors', async () => {
	session.sandbox.injectFaults([{ path: CREATE_PATH, fault: 'http500', times: 1 }]);
	const result = await runRemedyNode({
		items: [remedyRow()],
		parameters: { ...CREATE, options: { retryServerErrors: true } },
		credential: session.credential,
	});
	expect(result.success).toHaveLength(1);
	expect(createRequests().map((r) => r.outcome.status)).toEqual([500, 200]);
});

test('a malformed answer is not retried by default and says the outcome is unknown', async () => {
	session.sandbox.injectFaults([{ path: CREATE_PATH, fault: 'malformed', times: 1 }]);
	const result = await runRemedyNode({ items: [remedyRow()], parameters: CREATE, credential: session.credential });
	expect(error(result.failed[0])).toMatchObject({ category: 'server', code: null, retry_safe: false });
	expect(session.sandbox.remedies()).toHaveLength(1);
});

test('a request that times out is not retried by default', async () => {
	session.sandbox.injectFaults([{ path: CREATE_PATH, fault: 'latency', latencyMs: 1500, times: 1 }]);
	const result = await runRemedyNode({
		items: [remedyRow()],
		parameters: { ...CREATE, options: { timeoutMs: 1000 } },
		credential: session.credential,
	});
	expect(error(result.failed[0])).toMatchObject({ category: 'network', retry_safe: false });
	expect(error(result.failed[0]).msg).toMatch(/timeout|timed out/i);
	expect(createRequests()).toHaveLength(1);
});

test('a connection refused mid-run is retried: nothing was sent', async () => {
	const rows = [remedyRow()];
	// Warm the token, then stop Feishu and bring it back on the same port while the node retries.
	await runRemedyNode({
		items: [remedyRow({ remedy_date: '2026-01-13' })],
		parameters: CREATE,
		credential: session.credential,
	});
	const { port } = session.sandbox;
	await session.sandbox.close();
	const runPromise = runRemedyNode({ items: rows, parameters: CREATE, credential: session.credential });
	await sleep(300);
	session.replace({
		sandbox: await startSandbox({ port, settings: { today: SANDBOX_TODAY } }),
		credential: session.credential,
	});
	const result = await runPromise;
	// The new sandbox does not know the old token: the node renews it and the item succeeds.
	expect(result.success).toHaveLength(1);
	expect(session.sandbox.remedies()).toHaveLength(1);
});
