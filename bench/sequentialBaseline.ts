/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark: runs in plain Node, never inside n8n */
/**
 * The baseline: what a user writes without this node, with the HTTP Request node in a
 * loop or with the official SDK: get a tenant token once, then POST each remedy in turn,
 * awaiting each answer before sending the next (one request in flight). Plain `fetch`.
 */
import { performance } from 'node:perf_hooks';

import { asRequestBody } from './benchRemedies';
import type { BenchContext, SandboxFigures } from './nodeRuns';
import { CREATE_PATH, TENANT_ACCESS_PATH, freshSandbox, sandboxFigures } from './nodeRuns';
import { percentile } from './processMeters';

const REQUEST_TIMEOUT_MS = 30_000;

export interface BaselineResult {
	items: number;
	wallMs: number;
	requestsPerSecond: number;
	succeeded: number;
	failed: number;
	/** Per request: send → answer read. */
	requestMs: { p50: number; p95: number };
	sandbox: SandboxFigures;
}

export async function runSequentialBaseline(context: BenchContext, items: number): Promise<BaselineResult> {
	await freshSandbox(context);
	const { baseUrl, appId, appSecret } = context.sandbox;
	const bodies = context.remedies.take(items).map(asRequestBody);
	const requestMs: number[] = [];
	let succeeded = 0;
	const startedAt = performance.now();

	const tokenAnswer = await postJson(`${baseUrl}${TENANT_ACCESS_PATH}`, { app_id: appId, app_secret: appSecret });
	const token = tokenAnswer.tenant_access_token;
	if (typeof token !== 'string') throw new Error(`baseline: no tenant token (${JSON.stringify(tokenAnswer)})`);
	for (const body of bodies) {
		const sentAt = performance.now();
		const answer = await postJson(`${baseUrl}${CREATE_PATH}?employee_type=employee_id`, body, token);
		requestMs.push(performance.now() - sentAt);
		if (answer.code === 0) succeeded++;
	}
	const wallMs = performance.now() - startedAt;

	const sandbox = sandboxFigures(await context.sandbox.stats(), await context.sandbox.requests());
	return {
		items,
		wallMs,
		requestsPerSecond: sandbox.createRequests / (wallMs / 1000),
		succeeded,
		failed: items - succeeded,
		requestMs: { p50: percentile(requestMs, 50), p95: percentile(requestMs, 95) },
		sandbox,
	};
}

export async function postJson(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
	const response = await fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json; charset=utf-8',
			...(token ? { authorization: `Bearer ${token}` } : {}),
		},
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
	});
	return (await response.json()) as Record<string, unknown>;
}
