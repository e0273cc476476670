/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tool: reads the e2e selection from the environment, in plain Node */
/**
 * The n8n versions the end-to-end suites run on, each with the Node.js it runs under. This list
 * is the compatibility claim: the README's table says exactly these, and `npm run e2e:install`
 * installs every one of them. Adding a version here is all it takes for every e2e file that uses
 * the harness's `describeEachN8n` to run on it too.
 */

export interface N8nTarget {
	/** The n8n version, installed from the npm registry; also the target's name in `E2E_N8N`. */
	n8n: string;
	/**
	 * The Node.js n8n runs under: `host` is the one running the tests (Node 20 in CI), a version
	 * number is installed from the npm registry by scripts/n8n/nodeRuntime.ts.
	 */
	node: 'host' | string;
	/** Why this version is on the list: the README's compatibility table repeats it. */
	role: string;
	/**
	 * Native modules n8n cannot start without, checked to load under the target's Node before an
	 * install counts as finished. Install scripts are off (they would fetch from outside the npm
	 * registry: sqlite3's prebuilt binary, analytics pings, the Kafka module's librdkafka); sqlite3
	 * alone is then built from source, against that Node's headers. isolated-vm (n8n 2.13+) ships
	 * prebuilt binaries for Node 22/24 inside its npm package and needs no build.
	 */
	nativeModules: string[];
}

export const N8N_TARGETS: readonly N8nTarget[] = [
	{
		n8n: '1.85.4',
		node: 'host',
		role: 'minimum: the first n8n whose n8n-workflow has NodeConnectionTypes (1.83.0)',
		nativeModules: ['sqlite3'],
	},
	{ n8n: '2.8.4', node: 'host', role: 'the newest n8n that runs on Node 20', nativeModules: ['sqlite3'] },
	{
		n8n: '2.40.7',
		node: '24.22.3',
		role: 'the newest 2.x that installs from the npm registry here',
		nativeModules: ['sqlite3', 'isolated-vm'],
	},
];

/** What the harness uses when a caller names no target (the e2e API before the matrix). */
export const DEFAULT_TARGET: N8nTarget = targetNamed('2.8.4');

export function targetNamed(version: string): N8nTarget {
	const target = N8N_TARGETS.find((candidate) => candidate.n8n === version);
	if (!target)
		throw new Error(
			`n8n ${version} is not in the e2e matrix (${N8N_TARGETS.map((t) => t.n8n).join(', ')}): add it to scripts/n8n/matrix.ts`,
		);
	return target;
}

/** n8n 1.x names some CLI commands differently (`update:workflow --active` for `publish:workflow`). */
export function isN8nV1(target: N8nTarget): boolean {
	return Number(target.n8n.split('.')[0]) < 2;
}

/**
 * The targets this run selects: all of them, or the comma-separated versions in `E2E_N8N`
 * (for a quicker local run). An unknown version there is an error, never an empty selection.
 */
export function selectedTargets(selection = process.env.E2E_N8N): readonly N8nTarget[] {
	if (selection === undefined || selection.trim() === '') return N8N_TARGETS;
	return selection.split(',').map((version) => targetNamed(version.trim()));
}
