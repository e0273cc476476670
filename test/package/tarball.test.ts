/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in jest under plain Node, never inside n8n */
/**
 * The npm tarball is the product: n8n installs community packages by name from the registry,
 * so what `npm pack` puts in it is exactly what every user runs. These tests pack the
 * repository and check the file list, its size, and the manifest rules n8n's installer,
 * `n8n-node lint` and the verification checklist rely on.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_NAME, REPO_ROOT, packPackage } from './packedPackage';
import type { PackedPackage } from './packedPackage';

/**
 * Unpacked size limit. The package is about 215 KB today: ~150 KB of compiled JS (four operations,
 * people by email or mobile, the re-run check, tool mode and n8n's error output), the README
 * (~50 KB), icons, codex, LICENSE and CHANGELOG. The limit leaves about 85 KB for the node to grow,
 * while anything packed by mistake pushes it over on its own: the sandbox (~160 KB), the tests
 * (~580 KB), the TypeScript sources (~230 KB) or source maps (as large as the JS).
 * Raising it is fine when the node itself grew; say why in the commit.
 */
const UNPACKED_SIZE_LIMIT = 300 * 1024;

/** Every file the tarball may hold. */
const ALLOWED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE$/,
	/^CHANGELOG\.md$/,
	/^dist\/credentials\/[A-Za-z0-9]+(?:\.credentials)?\.js$/,
	/^dist\/nodes\/[A-Za-z0-9]+\/(?:[A-Za-z0-9]+\/)*[A-Za-z0-9]+(?:\.node|\.operation)?\.js$/,
	/^dist\/nodes\/[A-Za-z0-9]+\/[A-Za-z0-9]+\.node\.json$/,
	/^dist\/nodes\/[A-Za-z0-9]+\/[A-Za-z0-9.]+\.svg$/,
];

/** Files that must never ship, whatever the allow-list says. */
const FORBIDDEN = [
	/(^|\/)(sandbox|test|tests|__tests__|__mocks__|fixtures|bench|scripts|examples|docs|coverage|node_modules)(\/|$)/,
	/\.(test|spec)\.[cm]?[jt]s$/,
	/\.map$/,
	/\.[cm]?ts$/, // TypeScript sources and declarations alike
	/(^|\/)\./, // dotfiles: .npmrc, .env, .github, .ci …
	/\.(tgz|log|pem|key|p12|pfx|crt)$/,
	/(^|\/)(tsconfig[^/]*\.json|jest\.config\.[cm]?js|gulpfile\.js|eslint\.config\.[cm]?js|package-lock\.json)$/,
];

/** Strings that would mean a secret was packed. */
const SECRET_MARKERS = [
	/-----BEGIN [A-Z ]*PRIVATE KEY-----/,
	/\bnpm_[A-Za-z0-9]{36}\b/, // npm access token
	/\bgh[pousr]_[A-Za-z0-9]{36}\b/, // GitHub token
	/_authToken/,
	/\bt-[0-9a-f]{30,}\b/, // a Feishu tenant_access_token
	/sandbox-[a-z]+-secret-/, // the sandbox's demo app secrets (sandbox/seed.ts)
];

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function filesUnder(dir: string): string[] {
	return readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
		.map((file) => `${dir}/${file.split('\\').join('/')}`)
		.filter((file) => statSync(join(REPO_ROOT, file)).isFile());
}

/** What the build makes of the sources: tsc's JS for every .ts, gulp's copies of icons and codex. */
function expectedFromSources(): string[] {
	const sources = [...filesUnder('nodes'), ...filesUnder('credentials')];
	const built = sources.flatMap((file) => {
		if (file.endsWith('.ts')) return [`dist/${file.slice(0, -'.ts'.length)}.js`];
		if (/\.(svg|png)$/.test(file) || file.endsWith('.node.json')) return [`dist/${file}`];
		return [];
	});
	return ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', ...built].sort();
}

/** The newest released version in CHANGELOG.md: the first `## [x.y.z] - date` heading. */
function changelogTop(): { version: string; date: string } | undefined {
	const changelog = readFileSync(join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
	const match = /^## \[(\d[^\]]*)\] - (\S+)/m.exec(changelog);
	return match ? { version: match[1], date: match[2] } : undefined;
}

let packed: PackedPackage;
let paths: string[];

beforeAll(() => {
	packed = packPackage();
	paths = packed.files.map((file) => file.path).sort();
}, 180_000); // packing (and building, when dist/ is missing) under a busy parallel jest run

afterAll(() => packed?.remove());

describe('the files users install', () => {
	test('are exactly the compiled node and credential, their icons and codex, README, LICENSE, CHANGELOG and package.json', () => {
		// A difference here means the `files` list in package.json misses or adds something, or
		// dist/ is older than the sources (`npm run build` starts from an empty dist/).
		expect(paths).toEqual(expectedFromSources());
	});

	test('all match the allow-list of what n8n needs', () => {
		expect(paths.filter((path) => !ALLOWED.some((pattern) => pattern.test(path)))).toEqual([]);
	});

	test('include no sandbox, tests, benchmarks, scripts, examples, TypeScript, source maps or dotfiles', () => {
		expect(paths.filter((path) => FORBIDDEN.some((pattern) => pattern.test(path)))).toEqual([]);
	});

	test('contain no secrets: no keys, tokens or the sandbox demo secrets', () => {
		const hits = packed.files.flatMap(({ path }) => {
			const text = readFileSync(join(packed.dir, path), 'utf8');
			return SECRET_MARKERS.filter((marker) => marker.test(text)).map((marker) => `${path}: ${marker}`);
		});
		expect(hits).toEqual([]);
	});

	test(`unpack to less than ${UNPACKED_SIZE_LIMIT / 1024} KiB`, () => {
		expect(packed.unpackedSize).toBeLessThan(UNPACKED_SIZE_LIMIT);
	});

	test('include every node and credential file package.json names, and a codex beside each node', () => {
		const { nodes = [], credentials = [] } = packed.manifest.n8n ?? {};
		expect(nodes.length).toBeGreaterThan(0);
		expect(credentials.length).toBeGreaterThan(0);
		const named = [...nodes, ...credentials, ...nodes.map((node) => `${node}on`)];
		expect(named.filter((path) => !paths.includes(path))).toEqual([]);
	});

	test('hold the file package.json names as main, if it names one', () => {
		const { main } = packed.manifest;
		if (main !== undefined) expect(paths).toContain(main.replace(/^\.\//, ''));
	});
});

describe('the packed package.json', () => {
	test(`is named ${PACKAGE_NAME} and carries the keyword n8n searches for`, () => {
		expect(packed.manifest.name).toBe(PACKAGE_NAME);
		expect(packed.manifest.keywords).toContain('n8n-community-node-package');
	});

	test('declares n8n nodes API version 1 and strict mode', () => {
		expect(packed.manifest.n8n?.n8nNodesApiVersion).toBe(1);
		expect(packed.manifest.n8n?.strict).toBe(true);
	});

	test('has no runtime dependencies: n8n-workflow is the only peer, at any version', () => {
		const { dependencies, optionalDependencies, bundleDependencies, bundledDependencies, peerDependencies } =
			packed.manifest;
		expect({ dependencies, optionalDependencies, bundleDependencies, bundledDependencies }).toEqual({
			dependencies: undefined,
			optionalDependencies: undefined,
			bundleDependencies: undefined,
			bundledDependencies: undefined,
		});
		expect(peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	test('has no overrides and no script that runs on install', () => {
		expect(packed.manifest.overrides).toBeUndefined();
		const installHooks = ['prepare', 'preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'postprepare'];
		expect(Object.keys(packed.manifest.scripts ?? {}).filter((name) => installHooks.includes(name))).toEqual([]);
	});

	test('is MIT licensed, with the MIT text in LICENSE', () => {
		expect(packed.manifest.license).toBe('MIT');
		const license = readFileSync(join(packed.dir, 'LICENSE'), 'utf8');
		expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} n8n-nodes-feishu-attendance contributors\n/);
		expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
	});

	test('has a semver version that is the newest entry of CHANGELOG.md', () => {
		expect(packed.manifest.version).toMatch(SEMVER);
		const top = changelogTop();
		expect(top?.version).toBe(packed.manifest.version);
		expect(top?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});
});
