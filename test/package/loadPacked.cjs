/**
 * Child process of loadsAlone.test.ts: loads the unpacked package the way n8n does, in a
 * Node process where the only packages the package can resolve are the ones n8n provides
 * (n8n-workflow and luxon, through NODE_PATH). Prints one JSON report on stdout.
 *
 *   node loadPacked.cjs <unpacked package dir> <n8n-core dir>
 *
 * Three looks at the same files: which bare modules the package asks for; a plain
 * `require` + `new` of every class package.json's n8n block names; and n8n-core's own
 * PackageDirectoryLoader, which n8n uses for installed community packages (class name from
 * the file name, codex from the .node.json beside the node, icon paths checked to stay
 * inside the package).
 */
'use strict';

const { existsSync, readFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const [packageDir, n8nCoreDir] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));

// Every bare specifier a .js file of the package asks for: packages and Node builtins.
const requested = new Set();
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
	const fromPackage =
		parent && parent.filename && parent.filename.startsWith(packageDir + path.sep) && parent.filename.endsWith('.js');
	if (fromPackage && !request.startsWith('.') && !path.isAbsolute(request)) requested.add(request);
	return resolveFilename.call(this, request, parent, ...rest);
};
const isBuiltin = (name) => Module.isBuiltin(name);

/** Where a module resolves from inside the package, or the error code when it does not. */
function resolvesFromPackage(name) {
	const requireFromPackage = Module.createRequire(path.join(packageDir, 'package.json'));
	try {
		return { resolved: true, path: requireFromPackage.resolve(name) };
	} catch (error) {
		return { resolved: false, code: error.code };
	}
}

function iconFiles(icon, fromFile) {
	const refs = typeof icon === 'string' ? [icon] : icon ? [icon.light, icon.dark] : [];
	return refs
		.filter((ref) => typeof ref === 'string' && ref.startsWith('file:'))
		.map((ref) => {
			const file = path.join(path.dirname(fromFile), ref.slice('file:'.length));
			return { ref, inPackage: path.relative(packageDir, file), exists: existsSync(file) };
		});
}

function instantiate(relativePath) {
	const file = path.join(packageDir, relativePath);
	const className = path.basename(relativePath).split('.')[0];
	const exported = require(file);
	return { file, className, exportedNames: Object.keys(exported), instance: new exported[className]() };
}

function plainNodes() {
	return (manifest.n8n.nodes || []).map((relativePath) => {
		const { file, className, exportedNames, instance } = instantiate(relativePath);
		const d = instance.description;
		return {
			path: relativePath,
			className,
			exportedNames,
			hasExecute: typeof instance.execute === 'function',
			name: d.name,
			displayName: d.displayName,
			version: d.version,
			inputs: d.inputs,
			outputs: d.outputs,
			outputNames: d.outputNames,
			credentials: (d.credentials || []).map((c) => c.name),
			credentialTests: (d.credentials || []).map((c) => ({
				testedBy: c.testedBy,
				found: typeof (instance.methods?.credentialTest || {})[c.testedBy] === 'function',
			})),
			usableAsTool: d.usableAsTool,
			operations: ((d.properties || []).find((p) => p.name === 'operation') || { options: [] }).options.map(
				(o) => o.value,
			),
			icons: iconFiles(d.icon, file),
			codex: existsSync(`${file}on`) ? JSON.parse(readFileSync(`${file}on`, 'utf8')) : null,
		};
	});
}

function plainCredentials() {
	return (manifest.n8n.credentials || []).map((relativePath) => {
		const { file, className, exportedNames, instance } = instantiate(relativePath);
		return {
			path: relativePath,
			className,
			exportedNames,
			name: instance.name,
			displayName: instance.displayName,
			properties: instance.properties.map((p) => p.name),
			hasPreAuthentication: typeof instance.preAuthentication === 'function',
			authenticateType:
				typeof instance.authenticate === 'function' ? 'function' : instance.authenticate && instance.authenticate.type,
			hasTest: Boolean(instance.test && instance.test.request),
			icons: iconFiles(instance.icon, file),
		};
	});
}

async function n8nLoader() {
	const { PackageDirectoryLoader } = require(n8nCoreDir);
	const loader = new PackageDirectoryLoader(packageDir);
	await loader.loadAll();
	return {
		packageName: loader.packageName,
		loadedNodes: loader.loadedNodes,
		nodes: loader.types.nodes.map((d) => ({
			name: d.name,
			outputs: d.outputs,
			outputNames: d.outputNames,
			iconUrl: d.iconUrl,
			codexCategories: d.codex && d.codex.categories,
			communityNodePackageVersion: d.communityNodePackageVersion,
		})),
		credentials: loader.types.credentials.map((c) => ({
			name: c.name,
			iconUrl: c.iconUrl,
			supportedNodes: c.supportedNodes,
		})),
	};
}

async function main() {
	const report = {
		resolution: {
			'n8n-workflow': resolvesFromPackage('n8n-workflow'),
			luxon: resolvesFromPackage('luxon'),
			// Both are in the repository's node_modules; neither may be visible to the package.
			lodash: resolvesFromPackage('lodash'),
			'n8n-core': resolvesFromPackage('n8n-core'),
		},
		nodes: plainNodes(),
		credentials: plainCredentials(),
	};
	report.n8nLoader = await n8nLoader();
	report.requested = {
		packages: [...requested].filter((name) => !isBuiltin(name)).sort(),
		builtins: [...requested].filter(isBuiltin).sort(),
	};
	process.stdout.write(JSON.stringify(report));
}

main().catch((error) => {
	process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
	process.exit(1);
});
