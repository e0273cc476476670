/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test helper: runs in jest under plain Node, never inside n8n */
/**
 * What users install: this repository packed by `npm pack` (the same `files` list and ignore
 * rules `npm publish` uses) into a temporary directory, and unpacked where n8n puts community
 * packages (`<user folder>/nodes/node_modules/<name>`), with no node_modules of its own.
 * Builds first only when dist/ is missing; the main test command builds before jest.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-feishu-attendance';

export interface PackageManifest {
	name: string;
	version: string;
	license?: string;
	main?: string;
	keywords?: string[];
	files?: string[];
	scripts?: Record<string, string>;
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	bundleDependencies?: unknown;
	bundledDependencies?: unknown;
	overrides?: unknown;
	n8n?: { n8nNodesApiVersion?: unknown; strict?: unknown; nodes?: string[]; credentials?: string[] };
}

export interface PackedFile {
	path: string;
	size: number;
}

export interface PackedPackage {
	/** The .tgz `npm pack` wrote. */
	tarball: string;
	/** Size of the .tgz, as npm reports it. */
	size: number;
	/** Sum of the unpacked file sizes, as npm reports it. */
	unpackedSize: number;
	files: PackedFile[];
	/** The unpacked package: `<userFolder>/nodes/node_modules/n8n-nodes-feishu-attendance`. */
	dir: string;
	/** The temporary directory holding all of the above. */
	root: string;
	manifest: PackageManifest;
	remove(): void;
}

interface NpmPackReport {
	filename: string;
	size: number;
	unpackedSize: number;
	files: PackedFile[];
}

export function repoManifest(): PackageManifest {
	return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageManifest;
}

function isBuilt(): boolean {
	const { n8n } = repoManifest();
	const entries = [...(n8n?.nodes ?? []), ...(n8n?.credentials ?? [])];
	return entries.length > 0 && entries.every((entry) => existsSync(join(REPO_ROOT, entry)));
}

/**
 * Runs `npm run build` when any file package.json's n8n block names is missing from dist/.
 * Jest runs the package suites in parallel: a lock directory lets one of them build while the
 * others wait for it.
 */
export function ensureBuilt(): void {
	if (isBuilt()) return;
	const lock = join(
		tmpdir(),
		`feishu-package-build-${createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12)}`,
	);
	const deadline = Date.now() + 5 * 60_000;
	while (Date.now() < deadline) {
		try {
			mkdirSync(lock);
		} catch {
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250); // another suite is building
			if (isBuilt()) return;
			continue;
		}
		try {
			if (!isBuilt()) execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'pipe' });
			return;
		} finally {
			rmSync(lock, { recursive: true, force: true });
		}
	}
	throw new Error(`dist/ is missing and no build finished within 5 minutes (lock ${lock}); run npm run build`);
}

export function packPackage(): PackedPackage {
	ensureBuilt();
	const root = mkdtempSync(join(tmpdir(), 'feishu-package-'));
	const stdout = execFileSync('npm', ['pack', '--json', '--pack-destination', root], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
	});
	const [report] = JSON.parse(stdout) as NpmPackReport[];
	const tarball = join(root, report.filename);
	const dir = join(root, 'user', 'nodes', 'node_modules', PACKAGE_NAME);
	mkdirSync(dir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], { stdio: 'pipe' });
	return {
		tarball,
		size: report.size,
		unpackedSize: report.unpackedSize,
		files: report.files.map(({ path, size }) => ({ path, size })),
		dir,
		root,
		manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest,
		remove: () => rmSync(root, { recursive: true, force: true }),
	};
}
