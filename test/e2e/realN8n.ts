/* eslint-disable @n8n/community-nodes/no-restricted-globals -- e2e test helper: runs in jest under plain Node, never inside n8n */
/**
 * The jest side of the end-to-end tests: one real n8n (installed once per machine) with this
 * package installed as a community node, the Feishu sandbox as a child process, the sandbox
 * credential and the example workflows imported — set up once per test file and torn down after.
 */

import { setUpStack, type Stack } from '../../scripts/n8n/stack';

/** Cold: n8n's own install (3–5 minutes) happens in the first file's beforeAll. */
export const E2E_TIMEOUT_MS = 15 * 60 * 1000;

export function useRealN8n(name: string): () => Stack {
	let stack: Stack | undefined;
	// Straight to stderr, not console.log: jest would hold the install's progress back until the end.
	const log = (line: string): void => {
		process.stderr.write(`[e2e ${name}] ${line}\n`);
	};

	beforeAll(async () => {
		stack = await setUpStack({ name: `feishu-attendance-e2e-${name}`, log, keepWorkDir: Boolean(process.env.E2E_KEEP) });
	}, E2E_TIMEOUT_MS);

	afterAll(async () => {
		await stack?.close();
	}, 60_000);

	return () => {
		if (!stack) throw new Error('the real n8n was not set up (see the beforeAll error above)');
		return stack;
	};
}
