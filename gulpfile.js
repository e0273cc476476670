/**
 * Build steps tsc does not do: empty dist/ first (a module deleted from the sources must
 * not linger in the published package), and copy the node's icons and codex file next
 * to the compiled node afterwards.
 */
const { rmSync } = require('node:fs');
const { src, dest } = require('gulp');

function clean(done) {
	rmSync('dist', { recursive: true, force: true });
	done();
}

function buildAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports.clean = clean;
exports['build:assets'] = buildAssets;
