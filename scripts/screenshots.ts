/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets, no-console -- dev tool: takes the README's screenshots in plain Node; the owner password is a throwaway for a loopback-only n8n */
/**
 * `npx tsx scripts/screenshots.ts`: the pictures in docs/screenshots/, taken from a real n8n with
 * this package installed, right after the sheet example ran from the editor. Needs Debian's
 * `chromium` (and `fonts-noto-cjk`, or the Chinese column names render as boxes).
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from './n8n/communityPackage';
import { EditorBrowser, findChromium } from './n8n/editorBrowser';
import { SHEET_EXAMPLE } from './n8n/examples';
import type { Owner } from './n8n/n8nInstance';
import { REMEDY_NODE_NAME } from './n8n/sheetOutcome';
import { setUpStack } from './n8n/stack';

const OWNER: Owner = {
	email: 'screenshots@example.com',
	firstName: 'Screen',
	lastName: 'Shots',
	password: 'Screenshots-2026',
};
const OUT_DIR = join(REPO_ROOT, 'docs', 'screenshots');

async function main(): Promise<void> {
	const chromium = findChromium();
	if (!chromium) throw new Error('no Chromium: apt-get install chromium fonts-noto-cjk (or set CHROMIUM_PATH)');
	mkdirSync(OUT_DIR, { recursive: true });
	const stack = await setUpStack({ name: 'feishu-attendance-screenshots', log: (line) => console.log(line) });
	try {
		await stack.n8n.start(stack.children);
		await stack.n8n.setupOwner(OWNER);
		const editor = await EditorBrowser.launch(stack.n8n.baseUrl, chromium);
		try {
			await editor.signIn(OWNER);
			await editor.openWorkflow(SHEET_EXAMPLE.id);
			await editor.executeWorkflow(['Remedies created', 'Rows to fix']);
			await editor.dismissNotifications();
			await editor.screenshot(join(OUT_DIR, 'workflow-canvas.png'));
			await editor.openNode(REMEDY_NODE_NAME);
			await editor.dismissNotifications();
			await editor.screenshot(join(OUT_DIR, 'node-settings.png'));
			console.log(
				`saved ${join('docs', 'screenshots', 'workflow-canvas.png')} and ${join('docs', 'screenshots', 'node-settings.png')}`,
			);
		} finally {
			await editor.close();
		}
	} finally {
		await stack.close();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
});
