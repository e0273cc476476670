/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code: runs in jest under plain Node, never inside n8n */
/**
 * n8n's community-package scanner (`@n8n/scan-community-package`, what n8n runs before it
 * verifies a package) on our package before it is published. Its CLI needs a published
 * version: it checks the registry's provenance attestation, then lints two things with ESLint
 * and n8n's rules — the source at the attested commit (`package.json`,
 * `{nodes,credentials}/**\/*.{js,ts,json}`) and the tarball (`**\/*.js`, `package.json`). Both
 * lint legs run here through the scanner's own `analyzePackage` (scanPackage.mjs), on this
 * repository and on the packed tarball. Provenance can only be checked after publishing; see
 * docs/release.md.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT, packPackage } from './packedPackage';
import type { PackedPackage } from './packedPackage';

interface ScanReport {
	scannerVersion: string;
	scannerUsesTarballPatterns: boolean;
	leg: 'tarball' | 'source';
	patterns: string[];
	files: string[];
	rules: { nodeJs: string[]; credentialJs: string[]; nodeTs: string[]; credentialTs: string[]; packageJson: string[] };
	passed: boolean;
	message: string | null;
	details: string | null;
}

function withoutNodeEnv(): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV'));
}

function scan(leg: 'tarball' | 'source', dir: string): ScanReport {
	const stdout = execFileSync(process.execPath, [join(__dirname, 'scanPackage.mjs'), leg, dir], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 16 * 1024 * 1024,
		// Not jest's NODE_ENV=test: under it eslint-plugin-n8n-nodes-base takes every file for
		// "Test.node.ts", a trigger node, and reports rules that do not apply.
		env: withoutNodeEnv(),
	});
	return JSON.parse(stdout) as ScanReport;
}

/** The ESLint report, readable in a failing test's output. */
function verdict(report: ScanReport): { passed: boolean; details: string | null } {
	return { passed: report.passed, details: report.details };
}

let packed: PackedPackage;
let tarball: ScanReport;

beforeAll(() => {
	packed = packPackage();
	tarball = scan('tarball', packed.dir);
}, 180_000); // packing (and building, when dist/ is missing) under a busy parallel jest run

afterAll(() => packed?.remove());

test('the pinned scanner is the one package.json names, and still lints tarballs as **/*.js + package.json', () => {
	const pinned = (
		JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
	).devDependencies['@n8n/scan-community-package'];
	expect(tarball.scannerVersion).toBe(pinned);
	expect(tarball.scannerUsesTarballPatterns).toBe(true);
});

test("the tarball leg passes: every compiled .js and package.json, under n8n's community rules", () => {
	expect(tarball.files).toContain('package.json');
	expect(tarball.files).toContain('dist/nodes/FeishuAttendanceRemedy/FeishuAttendanceRemedy.node.js');
	expect(tarball.files).toContain('dist/credentials/FeishuApi.credentials.js');
	expect(tarball.files.length).toBe(packed.files.filter((file) => file.path.endsWith('.js')).length + 1);
	expect(tarball.rules.nodeJs).toEqual(
		expect.arrayContaining([
			'@n8n/community-nodes/no-restricted-imports',
			'@n8n/community-nodes/no-restricted-globals',
			'no-console',
		]),
	);
	expect(tarball.rules.packageJson).toEqual(
		expect.arrayContaining([
			'@n8n/community-nodes/no-runtime-dependencies',
			'n8n-nodes-base/community-package-json-name-still-default',
		]),
	);
	expect(verdict(tarball)).toEqual({ passed: true, details: null });
});

test('the source leg passes: package.json and the node and credential sources, with the n8n-nodes-base rules for .ts', () => {
	const source = scan('source', REPO_ROOT);
	expect(source.files).toContain('nodes/FeishuAttendanceRemedy/FeishuAttendanceRemedy.node.ts');
	expect(source.files).toContain('credentials/FeishuApi.credentials.ts');
	expect(source.files.some((file) => /^(test|sandbox|bench|scripts)\//.test(file))).toBe(false);
	expect(source.rules.nodeTs).toEqual(expect.arrayContaining(['n8n-nodes-base/node-class-description-name-miscased']));
	expect(source.rules.credentialTs).toEqual(expect.arrayContaining(['n8n-nodes-base/cred-class-name-unsuffixed']));
	expect(verdict(source)).toEqual({ passed: true, details: null });
});

test('the scanner is not a formality: a copy of the tarball with a console call and a runtime dependency fails it', () => {
	const tampered = join(packed.root, 'tampered');
	cpSync(packed.dir, tampered, { recursive: true });
	appendFileSync(
		join(tampered, 'dist/nodes/FeishuAttendanceRemedy/FeishuAttendanceRemedy.node.js'),
		'\nconsole.log("hello");\n',
	);
	const manifest = JSON.parse(readFileSync(join(tampered, 'package.json'), 'utf8')) as Record<string, unknown>;
	writeFileSync(
		join(tampered, 'package.json'),
		JSON.stringify({ ...manifest, dependencies: { axios: '1.0.0' } }, null, 2),
	);
	const report = scan('tarball', tampered);
	expect(report.passed).toBe(false);
	expect(report.details).toContain('no-console');
	expect(report.details).toContain('no-runtime-dependencies');
});
