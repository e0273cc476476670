/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code: runs in jest under plain Node, never inside n8n */
/**
 * The packed package loads with nothing installed beside it. n8n installs a community package
 * into `<user folder>/nodes/node_modules/<name>` and resolves `n8n-workflow` and `luxon` for it
 * from its own modules; the package has no dependencies of its own. Here the tarball is unpacked
 * into such a folder and loaded in a separate Node process whose NODE_PATH offers exactly those
 * two packages (links to the repository's copies) and nothing else — once by plain `require`,
 * once by n8n-core's PackageDirectoryLoader, the loader n8n uses for installed packages.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { REPO_ROOT, PACKAGE_NAME, packPackage } from './packedPackage';
import type { PackedPackage } from './packedPackage';

/** What n8n provides to community packages. */
const PROVIDED_BY_N8N = ['n8n-workflow', 'luxon'];

interface IconCheck {
	ref: string;
	inPackage: string;
	exists: boolean;
}

interface LoadReport {
	resolution: Record<string, { resolved: boolean; path?: string; code?: string }>;
	nodes: Array<{
		path: string;
		className: string;
		exportedNames: string[];
		hasExecute: boolean;
		name: string;
		displayName: string;
		version: number;
		inputs: string[];
		outputs: string[];
		outputNames: string[];
		credentials: string[];
		credentialTests: Array<{ testedBy: string; found: boolean }>;
		usableAsTool: true | { replacements?: { description?: string } };
		operations: string[];
		icons: IconCheck[];
		codex: { node?: string; categories?: string[] } | null;
	}>;
	credentials: Array<{
		path: string;
		className: string;
		name: string;
		displayName: string;
		properties: string[];
		hasPreAuthentication: boolean;
		authenticateType: string;
		hasTest: boolean;
		icons: IconCheck[];
	}>;
	n8nLoader: {
		packageName: string;
		loadedNodes: Array<{ name: string; version: number }>;
		nodes: Array<{
			name: string;
			outputs: string[];
			outputNames: string[];
			iconUrl: { light: string; dark: string };
			codexCategories: string[];
			communityNodePackageVersion: string;
		}>;
		credentials: Array<{ name: string; iconUrl: { light: string; dark: string }; supportedNodes: string[] }>;
	};
	requested: { packages: string[]; builtins: string[] };
}

let packed: PackedPackage;
let report: LoadReport;

beforeAll(() => {
	packed = packPackage();
	const provided = join(packed.root, 'provided-by-n8n');
	mkdirSync(provided);
	for (const name of PROVIDED_BY_N8N) symlinkSync(join(REPO_ROOT, 'node_modules', name), join(provided, name), 'dir');
	const stdout = execFileSync(
		process.execPath,
		[join(__dirname, 'loadPacked.cjs'), packed.dir, dirname(require.resolve('n8n-core/package.json'))],
		{
			cwd: packed.root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {
				PATH: process.env.PATH,
				NODE_PATH: provided,
				// n8n-core loads classes through its vm sandbox outside tests, as n8n does.
				NODE_ENV: 'production',
				N8N_USER_FOLDER: join(packed.root, 'user'),
				N8N_DIAGNOSTICS_ENABLED: 'false',
			},
		},
	);
	report = JSON.parse(stdout) as LoadReport;
}, 180_000); // packing (and building, when dist/ is missing) under a busy parallel jest run

afterAll(() => packed?.remove());

describe('the unpacked package, with only n8n-workflow and luxon resolvable', () => {
	test('sees n8n-workflow and luxon, and nothing else from the repository', () => {
		expect(report.resolution['n8n-workflow'].resolved).toBe(true);
		expect(report.resolution.luxon.resolved).toBe(true);
		expect(report.resolution.lodash).toEqual({ resolved: false, code: 'MODULE_NOT_FOUND' });
		expect(report.resolution['n8n-core']).toEqual({ resolved: false, code: 'MODULE_NOT_FOUND' });
		// The same n8n-workflow n8n-core uses, as in n8n (one copy, shared classes).
		expect(realpathSync(report.resolution['n8n-workflow'].path ?? '')).toBe(
			realpathSync(require.resolve('n8n-workflow')),
		);
	});

	test('asks for no package other than n8n-workflow and luxon, and no Node builtin but crypto', () => {
		expect(report.requested.packages).toEqual([...PROVIDED_BY_N8N].sort());
		// crypto is the one builtin n8n's community rules allow in node code.
		expect(report.requested.builtins.filter((name) => name.replace(/^node:/, '') !== 'crypto')).toEqual([]);
	});

	test('exports the node class its file is named after, and it instantiates', () => {
		const [node] = report.nodes;
		expect(report.nodes).toHaveLength(1);
		expect(node.exportedNames).toEqual([node.className]);
		expect(node.className).toBe('FeishuAttendanceRemedy');
		expect(node.hasExecute).toBe(true);
	});

	test('describes the Feishu Attendance Remedy node: one input, outputs Success and Failed, the Feishu API credential', () => {
		const [node] = report.nodes;
		expect(node).toMatchObject({
			name: 'feishuAttendanceRemedy',
			displayName: 'Feishu Attendance Remedy',
			version: 1,
			inputs: ['main'],
			outputs: ['main', 'main'],
			outputNames: ['Success', 'Failed'],
			credentials: ['feishuApi'],
			// As a tool, the description the agent reads says what an answer holds.
			usableAsTool: {
				replacements: { description: expect.stringMatching(/approval_id.*error\.code, error\.msg and error\.hint/) },
			},
		});
		expect([...node.operations].sort()).toEqual([
			'createRemedy',
			'getAllowedSlots',
			'getRemedyRecords',
			'updateApprovalStatus',
		]);
	});

	test('finds the node icons (light and dark) and its codex in the package', () => {
		const [node] = report.nodes;
		expect(node.icons.map((icon) => icon.exists)).toEqual([true, true]);
		expect(node.codex?.node).toBe(`${PACKAGE_NAME}.${node.name}`);
	});

	test("exports the credential class, which instantiates with token exchange and a Bearer header function; its Test is the node's (testedBy)", () => {
		const [credential] = report.credentials;
		expect(report.credentials).toHaveLength(1);
		expect(credential).toMatchObject({
			className: 'FeishuApi',
			name: 'feishuApi',
			displayName: 'Feishu API',
			hasPreAuthentication: true,
			authenticateType: 'function',
			hasTest: false,
		});
		expect(credential.properties).toEqual(expect.arrayContaining(['appId', 'appSecret', 'tenantAccessToken']));
		expect(report.nodes[0].credentialTests).toEqual([{ testedBy: 'feishuApiTenantToken', found: true }]);
		expect(credential.icons.map((icon) => icon.exists)).toEqual([true, true]);
	});

	test("loads through n8n-core's PackageDirectoryLoader as the package's node and credential types", () => {
		const { n8nLoader } = report;
		expect(n8nLoader.packageName).toBe(PACKAGE_NAME);
		expect(n8nLoader.loadedNodes).toEqual([{ name: 'feishuAttendanceRemedy', version: 1 }]);
		const [node] = n8nLoader.nodes;
		expect(node).toMatchObject({
			name: 'feishuAttendanceRemedy',
			outputNames: ['Success', 'Failed'],
			communityNodePackageVersion: packed.manifest.version,
		});
		expect(node.codexCategories.length).toBeGreaterThan(0);
		expect(node.iconUrl.light).toBe(`icons/${PACKAGE_NAME}/dist/nodes/FeishuAttendanceRemedy/feishu.svg`);
		const [credential] = n8nLoader.credentials;
		expect(credential).toMatchObject({ name: 'feishuApi', supportedNodes: ['feishuAttendanceRemedy'] });
		expect(credential.iconUrl.dark).toBe(`icons/${PACKAGE_NAME}/dist/nodes/FeishuAttendanceRemedy/feishu.dark.svg`);
	});
});
