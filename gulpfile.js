/**
 * Copies what tsc does not: the node's icons and codex file, next to the compiled
 * node in dist/. Runs after `tsc` in `npm run build`.
 */
const { src, dest } = require('gulp');

function buildAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.png', 'nodes/**/*.node.json'], { base: '.', encoding: false }).pipe(dest('dist'));
}

exports['build:assets'] = buildAssets;
