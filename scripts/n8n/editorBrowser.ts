/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tool: drives n8n's editor in headless Chromium from plain Node */
/**
 * n8n's editor in a real browser: the system's Chromium (Debian's `chromium` package; playwright
 * downloads no browser of its own here) driven by playwright-core. Signs in as the owner through
 * the sign-in form, opens a workflow, runs it from the canvas and opens a node, as a person would.
 * The selectors are the `data-test-id`s n8n 2.8's own end-to-end tests use.
 */

import { existsSync } from 'node:fs';

import type { Browser, BrowserContext, Page } from 'playwright-core';

import type { Owner } from './n8nInstance';

/** `$CHROMIUM_PATH`, or Debian's /usr/bin/chromium; undefined when neither exists. */
export function findChromium(): string | undefined {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return candidates.find((path): path is string => typeof path === 'string' && path !== '' && existsSync(path));
}

/** Off the network: no updates, sync or component downloads. Playwright adds a fresh, empty profile. */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

export class EditorBrowser {
	private constructor(
		private readonly browser: Browser,
		private readonly context: BrowserContext,
		readonly page: Page,
		private readonly baseUrl: string,
	) {}

	static async launch(baseUrl: string, executablePath: string): Promise<EditorBrowser> {
		// Imported here so that code which never opens a browser does not need playwright-core.
		const { chromium } = await import('playwright-core');
		const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
		const page = await context.newPage();
		page.setDefaultTimeout(60_000);
		return new EditorBrowser(browser, context, page, baseUrl);
	}

	async signIn(owner: Owner): Promise<void> {
		await this.page.goto(`${this.baseUrl}/signin`);
		await this.page.fill('input[name="emailOrLdapLoginId"]', owner.email);
		await this.page.fill('input[name="password"]', owner.password);
		await this.page.click('[data-test-id="form-submit-button"]');
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	}

	/** Opens a workflow on the canvas and waits until its nodes are drawn. */
	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await this.page.waitForSelector('[data-test-id="canvas-node"]');
		await this.page.waitForLoadState('networkidle');
	}

	/** The labels drawn at a canvas node's output handles, in output order. */
	async outputLabels(nodeName: string): Promise<string[]> {
		const handles = this.page.locator(`[data-test-id="canvas-node-output-handle"][data-node-name="${nodeName}"]`);
		const labels: string[] = [];
		for (let index = 0; index < (await handles.count()); index++) {
			labels.push((await handles.nth(index).innerText()).trim());
		}
		return labels;
	}

	/** The node's type as the canvas knows it. */
	async nodeType(nodeName: string): Promise<string | null> {
		return await this.page
			.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`)
			.getAttribute('data-node-type');
	}

	/** Clicks "Execute workflow" and waits until the last nodes of both branches show they ran. */
	async executeWorkflow(lastNodes: string[]): Promise<void> {
		await this.page.click('[data-test-id="execute-workflow-button"]');
		for (const name of lastNodes) {
			await this.page.waitForSelector(
				`[data-test-id="canvas-node"][data-node-name="${name}"] [data-test-id="canvas-node-status-success"]`,
			);
		}
		// The item counts on the connections are drawn right after.
		await this.page.waitForTimeout(1000);
	}

	/** The labels drawn on the canvas's connections after a run, e.g. "4 items". */
	async connectionLabels(): Promise<string[]> {
		return (await this.page.locator('[data-test-id="edge-label"]').allInnerTexts())
			.map((text) => text.trim())
			.filter((text) => text !== '');
	}

	/** Closes the toasts ("Workflow executed successfully") that would cover a screenshot. */
	async dismissNotifications(): Promise<void> {
		const closeButtons = this.page.locator('.el-notification .el-notification__closeBtn');
		for (let count = await closeButtons.count(); count > 0; count = await closeButtons.count()) {
			await closeButtons.first().click();
			await this.page.waitForTimeout(300);
		}
	}

	/** Opens a node's panel (double-click on the canvas). */
	async openNode(nodeName: string): Promise<void> {
		await this.page.dblclick(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
		await this.page.waitForSelector('[data-test-id="ndv"]');
		await this.page.waitForTimeout(1000);
	}

	async screenshot(path: string): Promise<void> {
		await this.page.screenshot({ path });
	}

	async close(): Promise<void> {
		await this.context.close();
		await this.browser.close();
	}
}
