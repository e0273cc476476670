/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- dev tool: installs n8n for the demo and e2e tests in plain Node, never inside n8n */
/**
 * Installs the real n8n the demo and the end-to-end tests drive: n8n 2.8.4 (the newest that runs
 * on Node 20) into a cache directory outside the repository, reused by every run on this machine.
 * `npm run e2e:install` runs it alone (CI can do it before `npm test`).
 *
 * Two things make it install here: n8n-nodes-base asks for `xlsx` from a URL outside the npm
 * registry, so the installing package.json overrides it with the registry's 0.18.5; and sqlite3
 * builds from source, so install scripts must run even where an .npmrc turns them off.
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { formatDuration, runCommand, type Log } from './processes';

export const N8N_VERSION = '2.8.4';

/** Written last, so a half-finished install is never taken for a good one. */
const MARKER = 'installed.json';

export interface N8nInstallation {
	dir: string;
	/** The n8n CLI script, run with this Node: `node <bin> …`. */
	bin: string;
	version: string;
}

/** `$N8N_CACHE_DIR`, or ~/.cache/n8n-nodes-feishu-attendance/n8n-<version>. */
export function n8nCacheDir(): string {
	const fromEnv = process.env.N8N_CACHE_DIR;
	if (fromEnv && fromEnv.trim() !== '') return fromEnv;
	return join(homedir(), '.cache', 'n8n-nodes-feishu-attendance', `n8n-${N8N_VERSION}`);
}

export function installedN8n(dir = n8nCacheDir()): N8nInstallation | undefined {
	const bin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (!existsSync(join(dir, MARKER)) || !existsSync(bin)) return undefined;
	const marker = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as { version?: string };
	if (marker.version !== N8N_VERSION) return undefined;
	return { dir, bin, version: N8N_VERSION };
}

const INSTALLER_PACKAGE_JSON = {
	name: 'n8n-for-n8n-nodes-feishu-attendance',
	private: true,
	description: `n8n ${N8N_VERSION} for the end-to-end tests and the demo of n8n-nodes-feishu-attendance (installed by scripts/n8n/install.ts)`,
	dependencies: { n8n: N8N_VERSION },
	overrides: { xlsx: '0.18.5' },
};

/** Returns the cached n8n, installing it first when this machine has none (3–5 minutes). */
export async function ensureN8n(log: Log = console.log): Promise<N8nInstallation> {
	const dir = n8nCacheDir();
	const cached = installedN8n(dir);
	if (cached) {
		log(`n8n ${N8N_VERSION}: using the installation in ${dir}`);
		return cached;
	}
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'package.json'), `${JSON.stringify(INSTALLER_PACKAGE_JSON, null, 2)}\n`);
	log(`n8n ${N8N_VERSION}: installing into ${dir} (about 2,100 packages, 2.3 GB; 3–5 minutes the first time)`);

	const started = Date.now();
	const progress = { metadata: 0, tarballs: 0, lastLine: '' };
	const logFile = join(dir, 'install.log');
	const lines: string[] = [];
	const heartbeat = setInterval(() => {
		// Tarballs already in npm's cache are not logged: the folder count shows unpacking then.
		const unpacked = countEntries(join(dir, 'node_modules'));
		const phase =
			progress.tarballs === 0 && unpacked === 0
				? `resolving dependencies (${progress.metadata} package manifests read)`
				: `downloading, unpacking and building (${progress.tarballs} packages downloaded, ${unpacked} folders in node_modules; sqlite3 compiles from source)`;
		log(`  … ${formatDuration(Date.now() - started)}: ${phase}`);
	}, 10_000);
	let result;
	try {
		result = await runCommand(
			'npm',
			['install', '--ignore-scripts=false', '--no-audit', '--no-fund', '--loglevel=http', '--foreground-scripts=false'],
			{
				cwd: dir,
				// Nothing from outside the registry: some of n8n's dependencies report installs to
				// analytics services, and sqlite3 would first try to download a prebuilt binary (and
				// wait for that to time out) before building from source.
				env: { ...process.env, SCARF_ANALYTICS: 'false', DO_NOT_TRACK: '1', npm_config_build_from_source: 'true' },
				onLine: (line) => {
					lines.push(line);
					if (/^npm http fetch GET 200 .*\.tgz\b/.test(line)) progress.tarballs += 1;
					else if (/^npm http fetch GET 200 /.test(line)) progress.metadata += 1;
				},
			},
		);
	} finally {
		clearInterval(heartbeat);
		writeFileSync(logFile, lines.join('\n'));
	}
	if (result.code !== 0) {
		const tail = lines.filter((line) => !line.startsWith('npm http')).slice(-25).join('\n');
		throw new Error(`Installing n8n ${N8N_VERSION} failed (npm exit ${result.code}); full log in ${logFile}:\n${tail}`);
	}

	const bin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const version = await runCommand(process.execPath, [bin, '--version'], { cwd: dir });
	if (version.code !== 0 || !version.stdout.includes(N8N_VERSION)) {
		throw new Error(`n8n was installed in ${dir} but \`n8n --version\` printed: ${version.stdout}${version.stderr}`);
	}
	writeFileSync(join(dir, MARKER), `${JSON.stringify({ version: N8N_VERSION, installedAt: new Date().toISOString() })}\n`);
	log(`n8n ${N8N_VERSION}: installed in ${formatDuration(Date.now() - started)}`);
	return { dir, bin, version: N8N_VERSION };
}

function countEntries(path: string): number {
	try {
		return readdirSync(path).length;
	} catch {
		return 0;
	}
}

if (require.main === module) {
	ensureN8n().then(
		(installation) => console.log(`n8n ${installation.version} is ready: ${installation.bin}`),
		(error: unknown) => {
			console.error(error instanceof Error ? error.message : String(error));
			process.exit(1);
		},
	);
}
