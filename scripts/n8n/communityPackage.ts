/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tool: builds, packs and installs this package for a real n8n, in plain Node */
/**
 * This package as a user gets it: built, packed by `npm pack` into the tarball npm would publish,
 * and installed into an n8n user folder the way n8n's Community Nodes screen does it (into
 * `<N8N_USER_FOLDER>/.n8n/nodes`, which holds a package.json of its own). n8n loads every
 * package in that folder's node_modules at start, under the type prefix `<package-name>.`.
 */

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { runChecked, type Log } from './processes';

export const REPO_ROOT = resolve(__dirname, '..', '..');

export const PACKAGE_NAME = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string })
	.name;

/** The node's type name in workflows, once installed as a community package. */
export const REMEDY_NODE_TYPE = `${PACKAGE_NAME}.feishuAttendanceRemedy`;

/** `npm run build`: tsc, then the icons next to the compiled node. */
export async function buildPackage(log: Log): Promise<void> {
	const started = Date.now();
	await runChecked('npm', ['run', 'build'], { cwd: REPO_ROOT });
	log(`built the package (${((Date.now() - started) / 1000).toFixed(1)}s)`);
}

/**
 * For the test suites: the package must already be built (the test command builds before jest
 * starts), because building starts from an empty dist/ and would pull the compiled node away
 * from suites running beside. Returns true (skip the build) or throws saying what to run.
 */
export function requireBuiltPackage(): true {
	for (const built of [
		'dist/nodes/FeishuAttendanceRemedy/FeishuAttendanceRemedy.node.js',
		'dist/credentials/FeishuApi.credentials.js',
	]) {
		if (!existsSync(join(REPO_ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
	}
	return true;
}

/** `npm pack` into `outDir`; returns the tarball's path. Builds nothing: call buildPackage first. */
export async function packPackage(outDir: string): Promise<string> {
	mkdirSync(outDir, { recursive: true });
	const { stdout } = await runChecked('npm', ['pack', '--json', '--pack-destination', outDir], { cwd: REPO_ROOT });
	// npm prints a JSON array; lifecycle output, if any, comes before it.
	const packed = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{
		filename: string;
		files: Array<{ path: string }>;
	}>;
	const tarball = join(outDir, packed[0].filename);
	const files = packed[0].files.map((file) => file.path);
	for (const required of [
		'package.json',
		'dist/nodes/FeishuAttendanceRemedy/FeishuAttendanceRemedy.node.js',
		'dist/credentials/FeishuApi.credentials.js',
	]) {
		if (!files.includes(required)) throw new Error(`npm pack left out ${required}: was the package built?`);
	}
	return tarball;
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` with the steps of n8n 2.8's
 * CommunityPackagesService.downloadPackage, only from our tarball instead of the registry's:
 * a package.json `installed-nodes` there; the tarball unpacked into node_modules/<name>; its
 * devDependencies, peerDependencies and optionalDependencies dropped (n8n lends its own
 * n8n-workflow); `npm install` of what remains, without scripts; the dependency recorded.
 */
export async function installIntoUserFolder(userFolder: string, tarball: string, log: Log): Promise<string> {
	const started = Date.now();
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const manifestPath = join(nodesDir, 'package.json');
	if (!existsSync(manifestPath)) {
		writeFileSync(
			manifestPath,
			`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`,
		);
	}
	const packageDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	await runChecked('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);

	const packageJsonPath = join(packageDir, 'package.json');
	const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as Record<string, unknown>;
	for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete packageJson[field];
	writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2));
	await runChecked(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{
			cwd: packageDir,
		},
	);

	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies: Record<string, string> };
	manifest.dependencies[PACKAGE_NAME] = String(packageJson.version);
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	log(
		`installed ${PACKAGE_NAME}@${String(packageJson.version)} as a community package in ${nodesDir} (${((Date.now() - started) / 1000).toFixed(1)}s)`,
	);
	return packageDir;
}
