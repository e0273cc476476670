/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- docs test: runs in jest under plain Node, never inside n8n */
/**
 * README's compatibility table says what the end-to-end suites ran on; the matrix in
 * scripts/n8n/matrix.ts is what they run on. The two must name the same n8n versions, each with
 * the Node.js it runs under, so the README never claims a version that CI does not run.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { N8N_TARGETS } from '../../scripts/n8n/matrix';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

function matrixRows(): Array<{ n8n: string; node: string }> {
	const table = /<!-- matrix:start -->\n([\s\S]*?)<!-- matrix:end -->/.exec(readme)?.[1];
	if (table === undefined) throw new Error('README.md has no <!-- matrix:start --> … <!-- matrix:end --> table');
	return table
		.split('\n')
		.filter((line) => /^\| \*\*/.test(line))
		.map((line) => {
			const [n8n, node] = line
				.split('|')
				.slice(1, 3)
				.map((cell) => cell.replace(/\*/g, '').trim());
			return { n8n, node };
		});
}

test("README's compatibility table lists exactly the n8n versions of the e2e matrix, in its order", () => {
	expect(matrixRows().map((row) => row.n8n)).toEqual(N8N_TARGETS.map((target) => target.n8n));
});

test('each version is listed with the Node.js it runs under: the one installed for it, or Node 20 for the host', () => {
	for (const target of N8N_TARGETS) {
		const row = matrixRows().find((candidate) => candidate.n8n === target.n8n);
		expect(row?.node).toMatch(
			target.node === 'host' ? /^20\./ : new RegExp(`^${target.node.replace(/\./g, '\\.')}\\b`),
		);
	}
});

test('the minimum README names is the oldest version of the matrix', () => {
	const oldest = [...N8N_TARGETS].sort((a, b) => a.n8n.localeCompare(b.n8n, 'en', { numeric: true }))[0];
	expect(readme).toMatch(new RegExp(`\\| n8n, minimum \\| \\*\\*${oldest.n8n.replace(/\./g, '\\.')}\\*\\*`));
});
