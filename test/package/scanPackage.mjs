/**
 * Child process of scanner.test.ts: runs n8n's community-package scanner
 * (`@n8n/scan-community-package`, pinned in devDependencies) on local directories instead of
 * a package downloaded from the registry. Prints one JSON report on stdout.
 *
 *   node scanPackage.mjs tarball <unpacked package dir>   the published-artifact leg
 *   node scanPackage.mjs source <repository root>          the attested-source leg
 *
 * The scanner's CLI only takes a package name: it checks the registry's provenance
 * attestation, downloads the source repository at the attested commit and the tarball, and
 * lints both with `analyzePackage`. That function is exported; this script calls it with the
 * same file patterns the CLI uses for each leg, so the lint verdict is the scanner's own.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { ESLint } from 'eslint';
import glob from 'fast-glob';
import { SOURCE_FILE_PATTERNS, analyzePackage, buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';

const require = createRequire(import.meta.url);
const scannerFile = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
const scannerVersion = JSON.parse(
	readFileSync(path.join(path.dirname(scannerFile), '..', 'package.json'), 'utf8'),
).version;

/** scanner.mjs, analyzePackageByName: `analyzePackage(packageDir, ['**\/*.js', 'package.json'])`. */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];
const TARBALL_CALL = "analyzePackage(packageDir, ['**/*.js', 'package.json'])";

const [leg, dir] = process.argv.slice(2);
const patterns = leg === 'source' ? SOURCE_FILE_PATTERNS : TARBALL_FILE_PATTERNS;

// The files the leg lints, found as analyzePackage finds them.
const files = glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] }).sort();

// The rules in force for each kind of file, as the scanner configures ESLint.
const eslint = new ESLint({
	cwd: dir,
	allowInlineConfig: false,
	overrideConfigFile: true,
	overrideConfig: await buildScanConfig(),
});
async function activeRules(matches) {
	const sample = files.find(matches);
	if (!sample) return [];
	const config = await eslint.calculateConfigForFile(path.join(dir, sample));
	const severity = (setting) => (Array.isArray(setting) ? setting[0] : setting);
	return Object.entries(config?.rules ?? {})
		.filter(([, setting]) => ![0, 'off'].includes(severity(setting)))
		.map(([rule]) => rule)
		.sort();
}

const result = await analyzePackage(dir, patterns);
const report = {
	scannerVersion,
	// The pinned scanner still lints the tarball with the patterns above.
	scannerUsesTarballPatterns: readFileSync(scannerFile, 'utf8').includes(TARBALL_CALL),
	leg,
	patterns,
	files,
	rules: {
		nodeJs: await activeRules((file) => /(^|\/)nodes\/.*\.js$/.test(file)),
		credentialJs: await activeRules((file) => /(^|\/)credentials\/.*\.js$/.test(file)),
		nodeTs: await activeRules((file) => /^nodes\/.*\.ts$/.test(file)),
		credentialTs: await activeRules((file) => /^credentials\/.*\.ts$/.test(file)),
		packageJson: await activeRules((file) => file === 'package.json'),
	},
	passed: result.passed,
	message: result.message ?? null,
	details: result.details ?? null,
};
process.stdout.write(JSON.stringify(report));
