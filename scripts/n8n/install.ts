/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- dev tool: installs n8n for the demo and e2e tests in plain Node, never inside n8n */
/**
 * Installs the real n8n versions the demo and the end-to-end tests drive (the matrix in
 * ./matrix.ts), each into a cache directory outside the repository, reused by every run on this
 * machine: <cache>/n8n-<version>, and <cache>/node-<version> for a Node.js from the npm registry.
 * `npm run e2e:install` installs the whole matrix (CI does it before `npm test`) and prints how
 * long each took; `npm run e2e:install -- 2.8.4` installs one.
 *
 * What makes n8n install here: n8n-nodes-base asks for `xlsx` from a URL outside the npm
 * registry, so the installing package.json overrides it with the registry's 0.18.5; install
 * scripts stay off (`npm install --ignore-scripts`: some would download from outside the registry,
 * the Kafka module's cannot build here), and sqlite3 is then built from source with `npm rebuild`
 * under the Node the target runs on, against its headers. The target's native modules must load
 * under that Node, then a marker file is written last, so a half-finished install is never taken
 * for a good one; a lock keeps two installers out of one folder.
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

import { withInstallLock } from './installLock';
import { DEFAULT_TARGET, N8N_TARGETS, targetNamed, type N8nTarget } from './matrix';
import { ensureNode, hostNode, installedNode, type NodeRuntime } from './nodeRuntime';
import { formatDuration, runCommand, type Log } from './processes';

/** The n8n the harness uses when a caller names no target. */
export const N8N_VERSION = DEFAULT_TARGET.n8n;

const MARKER = 'installed.json';

export interface N8nInstallation {
	dir: string;
	/** The n8n CLI script, run with `node.bin`: `<node> <bin> …`. */
	bin: string;
	version: string;
	/** The Node.js this n8n runs under (and its native modules were built for). */
	node: NodeRuntime;
	target: N8nTarget;
}

interface Marker {
	version?: string;
	/** The Node version the native modules were built with; absent in markers written before the matrix. */
	node?: string;
	installedAt?: string;
	seconds?: number;
}

/** `$N8N_CACHE_DIR`, or ~/.cache/n8n-nodes-feishu-attendance: one folder per n8n and per Node version. */
export function cacheRoot(): string {
	const fromEnv = process.env.N8N_CACHE_DIR;
	if (fromEnv && fromEnv.trim() !== '') return fromEnv;
	return join(homedir(), '.cache', 'n8n-nodes-feishu-attendance');
}

export function n8nCacheDir(target: N8nTarget = DEFAULT_TARGET): string {
	return join(cacheRoot(), `n8n-${target.n8n}`);
}

function nodeCacheDir(version: string): string {
	return join(cacheRoot(), `node-${version}`);
}

const major = (version: string): string => version.split('.')[0];

/** The Node a target runs under, if it is there already (the host's always is). */
function availableNode(target: N8nTarget): NodeRuntime | undefined {
	return target.node === 'host' ? hostNode() : installedNode(nodeCacheDir(target.node), target.node);
}

/** The finished installation of `target`, or undefined (none, half-finished, or built for another Node major). */
export function installedN8n(target: N8nTarget = DEFAULT_TARGET): N8nInstallation | undefined {
	const dir = n8nCacheDir(target);
	const bin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const node = availableNode(target);
	if (!node || !existsSync(join(dir, MARKER)) || !existsSync(bin)) return undefined;
	const marker = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Marker;
	if (marker.version !== target.n8n) return undefined;
	// sqlite3's binary is built for one Node ABI: a host Node of another major needs a new build.
	if (marker.node !== undefined && major(marker.node) !== major(node.version)) return undefined;
	return { dir, bin, version: target.n8n, node, target };
}

function installerPackageJson(target: N8nTarget): Record<string, unknown> {
	return {
		name: 'n8n-for-n8n-nodes-feishu-attendance',
		private: true,
		description: `n8n ${target.n8n} for the end-to-end tests and the demo of n8n-nodes-feishu-attendance (installed by scripts/n8n/install.ts)`,
		dependencies: { n8n: target.n8n },
		overrides: { xlsx: '0.18.5' },
	};
}

/** Returns the cached n8n of `target`, installing it (and its Node) first when this machine has none. */
export async function ensureN8n(log: Log = console.log, target: N8nTarget = DEFAULT_TARGET): Promise<N8nInstallation> {
	const cached = installedN8n(target);
	if (cached) {
		log(`n8n ${target.n8n} on Node ${cached.node.version}: using the installation in ${cached.dir}`);
		return cached;
	}
	const node = target.node === 'host' ? hostNode() : await ensureNode(nodeCacheDir(target.node), target.node, log);
	const dir = n8nCacheDir(target);
	return await withInstallLock(dir, log, async () => {
		// Another process may have finished it while this one waited for the lock.
		const finished = installedN8n(target);
		if (finished) return finished;
		return await install(target, node, dir, log);
	});
}

async function install(target: N8nTarget, node: NodeRuntime, dir: string, log: Log): Promise<N8nInstallation> {
	const name = `n8n ${target.n8n}`;
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'package.json'), `${JSON.stringify(installerPackageJson(target), null, 2)}\n`);
	log(
		`${name}: installing into ${dir} under Node ${node.version} (1,700–2,400 packages; several minutes the first time)`,
	);

	// npm itself runs under the target's Node (first on PATH), so engines, optional packages and
	// native builds all see that Node; node-gyp builds against its headers.
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PATH: `${dirname(node.bin)}${delimiter}${process.env.PATH ?? ''}`,
		// Nothing from outside the registry: some of n8n's dependencies report installs to analytics
		// services, and sqlite3 would first try to download a prebuilt binary (and wait for that to
		// time out) before building from source.
		SCARF_ANALYTICS: 'false',
		DO_NOT_TRACK: '1',
		npm_config_build_from_source: 'true',
		...(node.headersDir ? { npm_config_nodedir: node.headersDir } : {}),
	};
	const started = Date.now();
	const lines: string[] = [];
	const logFile = join(dir, 'install.log');
	const progress = { metadata: 0, tarballs: 0, phase: 'install' as 'install' | 'rebuild' };
	const heartbeat = setInterval(() => {
		// Tarballs already in npm's cache are not logged: the folder count shows unpacking then.
		const unpacked = countEntries(join(dir, 'node_modules'));
		const what =
			progress.phase === 'rebuild'
				? `building sqlite3 from source for Node ${node.version}`
				: progress.tarballs === 0 && unpacked === 0
					? `resolving dependencies (${progress.metadata} package manifests read)`
					: `downloading, unpacking and building (${progress.tarballs} packages downloaded, ${unpacked} folders in node_modules)`;
		log(`  … ${name}, ${formatDuration(Date.now() - started)}: ${what}`);
	}, 15_000);
	const npm = async (args: string[]): Promise<void> => {
		const result = await runCommand('npm', args, {
			cwd: dir,
			env,
			onLine: (line) => {
				lines.push(line);
				if (/^npm http fetch GET 200 .*\.tgz\b/.test(line)) progress.tarballs += 1;
				else if (/^npm http fetch GET 200 /.test(line)) progress.metadata += 1;
			},
		});
		if (result.code !== 0) {
			writeFileSync(logFile, lines.join('\n'));
			const tail = lines
				.filter((line) => !line.startsWith('npm http'))
				.slice(-25)
				.join('\n');
			throw new Error(
				`Installing ${name} failed (\`npm ${args[0]}\` exit ${result.code}); full log in ${logFile}:\n${tail}`,
			);
		}
	};
	try {
		await npm(['install', '--ignore-scripts=true', '--no-audit', '--no-fund', '--loglevel=http']);
		progress.phase = 'rebuild';
		await npm(['rebuild', '--ignore-scripts=false', '--foreground-scripts=false', 'sqlite3']);
	} finally {
		clearInterval(heartbeat);
		writeFileSync(logFile, lines.join('\n'));
	}

	// A module that cannot load would fail n8n at start; say which one here instead.
	const loads = await runCommand(
		node.bin,
		['-e', target.nativeModules.map((name) => `require(${JSON.stringify(name)});`).join('')],
		{ cwd: dir, env },
	);
	if (loads.code !== 0) {
		throw new Error(
			`n8n ${target.n8n} was installed in ${dir}, but ${target.nativeModules.join(' / ')} do not load under Node ${node.version}:\n${loads.stderr.trim().split('\n').slice(-15).join('\n')}`,
		);
	}
	const bin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const version = await runCommand(node.bin, [bin, '--version'], { cwd: dir, env });
	if (version.code !== 0 || !version.stdout.includes(target.n8n)) {
		throw new Error(
			`n8n was installed in ${dir} but \`n8n --version\` under Node ${node.version} printed: ${version.stdout}${version.stderr}`,
		);
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	const marker: Marker = { version: target.n8n, node: node.version, installedAt: new Date().toISOString(), seconds };
	writeFileSync(join(dir, MARKER), `${JSON.stringify(marker)}\n`);
	log(`${name}: installed in ${formatDuration(Date.now() - started)}`);
	return { dir, bin, version: target.n8n, node, target };
}

function countEntries(path: string): number {
	try {
		return readdirSync(path).length;
	} catch {
		return 0;
	}
}

/**
 * The whole matrix (or the versions named on the command line), `E2E_INSTALL_JOBS` at a time
 * (default: all at once). Most of an install is waiting on the registry (about 2,000 manifests
 * and tarballs) and unpacking, and only sqlite3's build is CPU work, so installs overlap well even
 * on two cores; npm's cache is safe to share. Every progress line names its version.
 */
async function installMatrix(versions: string[]): Promise<void> {
	const targets = versions.length > 0 ? versions.map(targetNamed) : [...N8N_TARGETS];
	const jobs = Math.max(1, Number(process.env.E2E_INSTALL_JOBS ?? targets.length) || targets.length);
	const started = Date.now();
	const summary: string[] = [];
	const failures: string[] = [];
	const queue = [...targets];
	console.log(
		`== installing n8n ${targets.map((target) => target.n8n).join(', ')} (${Math.min(jobs, targets.length)} at a time)`,
	);
	const worker = async (): Promise<void> => {
		for (let target = queue.shift(); target; target = queue.shift()) {
			console.log(`== n8n ${target.n8n}: ${target.role}`);
			const began = Date.now();
			try {
				const installation = await ensureN8n(console.log, target);
				summary.push(
					`n8n ${installation.version} on Node ${installation.node.version}: ready in ${formatDuration(Date.now() - began)} (${installation.dir})`,
				);
			} catch (error) {
				failures.push(`n8n ${target.n8n}: ${error instanceof Error ? error.message : String(error)}`);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(jobs, targets.length) }, worker));
	console.log(
		`== the n8n matrix: ${summary.length} of ${targets.length} installed (${formatDuration(Date.now() - started)})`,
	);
	for (const line of summary) console.log(`   ${line}`);
	if (failures.length > 0) throw new Error(`not installed:\n${failures.join('\n')}`);
}

if (require.main === module) {
	installMatrix(process.argv.slice(2)).catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	});
}
