/* eslint-disable @n8n/community-nodes/no-restricted-globals -- e2e test helper: runs in jest under plain Node, never inside n8n */
/**
 * The jest side of the end-to-end tests: one real n8n (installed once per machine) with this
 * package installed as a community node, the Feishu sandbox as a child process, the sandbox
 * credential and the example workflows imported — set up once per describe block and torn down
 * after. `describeEachN8n` repeats a file's tests on every n8n of the matrix (scripts/n8n/matrix.ts);
 * see test/e2e/README.md.
 */

import { installedN8n } from '../../scripts/n8n/install';
import { DEFAULT_TARGET, N8N_TARGETS, selectedTargets, targetNamed, type N8nTarget } from '../../scripts/n8n/matrix';
import { requireBuiltPackage } from '../../scripts/n8n/communityPackage';
import { setUpStack, type Stack } from '../../scripts/n8n/stack';

/** Cold: n8n's own install (3–6 minutes) happens in the first beforeAll that needs it. */
export const E2E_TIMEOUT_MS = 15 * 60 * 1000;

/** The Node.js a target runs under, as its describe title names it. */
export function nodeVersionOf(target: N8nTarget): string {
	return target.node === 'host' ? process.versions.node : target.node;
}

/** "n8n 2.40.7 on Node 24.22.3": the describe title of one target, and how logs name it. */
export function targetTitle(target: N8nTarget): string {
	return `n8n ${target.n8n} on Node ${nodeVersionOf(target)}`;
}

/**
 * A real n8n for the enclosing describe block (or the whole file, called at its top level).
 * Without a target: n8n 2.8.4, as before the matrix. With `E2E_REQUIRE_INSTALLED` set (.ci/run
 * sets it after `npm run e2e:install`) a target that is not installed fails, never installs late.
 */
export function useRealN8n(name: string, target: N8nTarget = DEFAULT_TARGET): () => Stack {
	let stack: Stack | undefined;
	// Straight to stderr, not console.log: jest would hold the install's progress back until the end.
	const log = (line: string): void => {
		process.stderr.write(`[e2e ${name}, n8n ${target.n8n}] ${line}\n`);
	};

	beforeAll(async () => {
		if (process.env.E2E_REQUIRE_INSTALLED && !installedN8n(target)) {
			throw new Error(
				`${targetTitle(target)} is not installed, and E2E_REQUIRE_INSTALLED is set: run \`npm run e2e:install\` first`,
			);
		}
		stack = await setUpStack({
			name: `feishu-attendance-e2e-${name}-${target.n8n}`,
			log,
			// Never rebuilt here: a build empties dist/ first, under the feet of the engine suites that
			// jest runs beside this one (the test command builds once before jest starts).
			skipBuild: requireBuiltPackage(),
			keepWorkDir: Boolean(process.env.E2E_KEEP),
			target,
		});
	}, E2E_TIMEOUT_MS);

	afterAll(async () => {
		await stack?.close();
	}, 60_000);

	return () => {
		if (!stack) throw new Error(`the real ${targetTitle(target)} was not set up (see the beforeAll error above)`);
		return stack;
	};
}

/** Restricts a file to some targets, and says why: the reason is part of the code, not a silent skip. */
export interface TargetChoice {
	only: string[];
	because: string;
}

/**
 * Runs `body` once per n8n of the matrix, each in a describe block titled "n8n <version> on Node
 * <version>" with a real n8n of its own: `body` gets that stack (and the target, for a test that
 * must know). Every hook and test of the file goes inside `body`. Targets left out by `E2E_N8N`
 * (a local shortcut) are registered skipped, so jest's count shows them; `choice.only` narrows
 * the file to some targets for a reason it states (queue mode, crash tests).
 */
export function describeEachN8n(
	name: string,
	body: (stack: () => Stack, target: N8nTarget) => void,
	choice?: TargetChoice,
): void {
	const wanted = choice ? choice.only.map(targetNamed) : N8N_TARGETS;
	if (choice && choice.because.trim() === '')
		throw new Error(`describeEachN8n("${name}"): say why it runs on ${choice.only.join(', ')} only`);
	const selected = selectedTargets();
	for (const target of wanted) {
		const title = targetTitle(target);
		if (selected.includes(target)) {
			describe(title, () => body(useRealN8n(name, target), target));
		} else {
			describe.skip(`${title} (not selected by E2E_N8N)`, () => body(useRealN8n(name, target), target));
		}
	}
}
