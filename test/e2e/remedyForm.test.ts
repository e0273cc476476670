/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- e2e test, runs in jest under plain Node */
/**
 * End to end in a real n8n with this package installed as a community node: the form example
 * (examples/form-remedy.json), published, filled in by an employee. Over HTTP exactly as the
 * form page's script posts it (multipart/form-data), and once in Chromium: fill in, submit, read
 * the ending page. Checked on that page and in what the Feishu sandbox received.
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { RecordedRequest } from '../../sandbox';
import { REPO_ROOT } from '../../scripts/n8n/communityPackage';
import { EditorBrowser, findChromium } from '../../scripts/n8n/editorBrowser';
import { FORM_EXAMPLE } from '../../scripts/n8n/examples';
import { submitForm, waitForForm } from '../../scripts/n8n/formSubmission';
import { E2E_TIMEOUT_MS, useRealN8n } from './realN8n';

jest.setTimeout(E2E_TIMEOUT_MS);

/** The sandbox's "today", so the days below stay inside the 30 days a group allows. */
const TODAY = 20261127;

const stack = useRealN8n('form');

beforeAll(async () => {
	await stack().sandbox.configure({ today: TODAY });
	await stack().n8n.start(stack().children);
	await waitForForm(stack().n8n.formUrl(FORM_EXAMPLE.path));
}, 180_000);

const formUrl = () => stack().n8n.formUrl(FORM_EXAMPLE.path);

async function sentSince(mark: number): Promise<RecordedRequest[]> {
	return await stack().sandbox.remedyRequests(mark);
}

/** The contact look-ups (email → employee ID) the sandbox received since `mark`. */
async function lookupsSince(mark: number): Promise<Array<[unknown, unknown]>> {
	const requests = await stack().sandbox.requests(mark);
	return requests
		.filter((request) => request.path === '/open-apis/contact/v3/users/batch_get_id')
		.map((request) => [request.query, request.body]);
}

const lookupOf = (email: string): [unknown, unknown] => [
	{ user_id_type: 'user_id' },
	{ emails: [email], include_resigned: false },
];

describe('the form example, submitted over HTTP as a browser posts it', () => {
	test('a good request ends on "Remedy created" with the approval id the sandbox issued, and Feishu got exactly that request', async () => {
		const mark = await stack().sandbox.lastSeq();
		const answer = await submitForm(formUrl(), {
			'Work email': 'alice.chen@example.com',
			Day: '2026-11-26',
			'On or off duty': 'On duty',
			Time: '9:05 AM',
			Reason: 'Forgot to clock in',
		});
		expect(await lookupsSince(mark)).toEqual([lookupOf('alice.chen@example.com')]);
		const sent = await sentSince(mark);
		expect(sent.map((request) => [request.query, request.body])).toEqual([
			[
				{ employee_type: 'employee_id' },
				{
					user_id: 'e1002',
					remedy_date: 20261126,
					punch_no: 0,
					work_type: 1,
					remedy_time: '2026-11-26 09:05',
					reason: 'Forgot to clock in',
				},
			],
		]);
		const stored = (await stack().sandbox.remedies()).find((remedy) => remedy.reason === 'Forgot to clock in');
		expect(answer.title).toBe('Remedy created');
		expect(answer.message).toBe(
			`Your punch correction for 2026-11-26 09:05 was created and waits for approval. Approval id: ${stored?.approvalId}`,
		);
	});

	test('a request Feishu refuses ends on "Remedy not created" with the hint in plain words', async () => {
		const answer = await submitForm(formUrl(), {
			'Work email': 'liu.yang@example.com',
			Day: '2026-11-25',
			'On or off duty': 'Off duty',
			Time: '下午6:30',
			Reason: 'Client visit',
		});
		expect(answer.title).toBe('Remedy not created');
		expect(answer.message).toBe("The user's attendance group does not allow remedies. (考勤组设置不允许补卡)");
	});

	test('an email Feishu knows no one by ends on "Remedy not created" saying so, and no remedy is sent', async () => {
		const mark = await stack().sandbox.lastSeq();
		const answer = await submitForm(formUrl(), {
			'Work email': 'nobody@example.com',
			Day: '2026-11-24',
			'On or off duty': 'On duty',
			Time: '09:00',
			Reason: 'Forgot to clock in',
		});
		expect(await lookupsSince(mark)).toEqual([lookupOf('nobody@example.com')]);
		expect(answer.title).toBe('Remedy not created');
		expect(answer.message).toContain('Feishu found no user with the email "nobody@example.com"');
		expect(await sentSince(mark)).toEqual([]);
	});

	test('a time the node cannot read ends on "Remedy not created" naming the field, and nothing reaches Feishu', async () => {
		const mark = await stack().sandbox.lastSeq();
		const answer = await submitForm(formUrl(), {
			'Work email': 'zhang.wei@example.com',
			Day: '2026-11-24',
			'On or off duty': 'On duty',
			Time: '25:00',
			Reason: 'Typo in the time',
		});
		expect(answer.title).toBe('Remedy not created');
		expect(answer.message).toMatch(/^Remedy Time: got "25:00"; expected a time such as 08:00, 6:30 PM/);
		expect(answer.message).toContain('Nothing was sent to Feishu');
		expect(await sentSince(mark)).toEqual([]);
	});
});

// Debian's chromium (apt-get install chromium fonts-noto-cjk); without it this test is skipped, and says so.
const chromiumPath = findChromium();
const describeInBrowser = chromiumPath ? describe : describe.skip;
if (!chromiumPath)
	process.stderr.write('[e2e form] no Chromium (apt-get install chromium): the browser test is skipped\n');

describeInBrowser('the form example in Chromium', () => {
	let browser: EditorBrowser;

	beforeAll(async () => {
		browser = await EditorBrowser.launch(stack().n8n.baseUrl, chromiumPath as string);
		await browser.page.setViewportSize({ width: 820, height: 780 });
	}, 120_000);

	afterAll(async () => {
		await browser?.close();
	});

	test('filled in and submitted, it shows "Remedy created" with the approval id, and Feishu got the request', async () => {
		const mark = await stack().sandbox.lastSeq();
		const { page } = browser;
		await page.goto(formUrl());
		await page.getByLabel('Work email').fill('zhang.wei@example.com');
		await page.getByLabel('Day').fill('2026-11-25');
		await page.getByLabel('On or off duty').selectOption('Off duty');
		await page.getByLabel('Time').fill('下午6:30');
		await page.getByLabel('Reason').fill('外出拜访客户，忘记打卡');
		// README's pictures come from here: E2E_SCREENSHOTS_DIR=docs/screenshots npx jest test/e2e/remedyForm.test.ts
		const screenshots = process.env.E2E_SCREENSHOTS_DIR
			? join(REPO_ROOT, process.env.E2E_SCREENSHOTS_DIR)
			: join(stack().workDir, 'screenshots');
		mkdirSync(screenshots, { recursive: true });
		await page.screenshot({ path: join(screenshots, 'form-filled.png') });
		await page.click('#submit-btn');

		await page.waitForSelector('h1:text("Remedy created")', { timeout: 60_000 });
		const message = (await page.locator('p[style*="pre-line"]').innerText()).trim();
		await page.screenshot({
			path: join(screenshots, 'form-answer.png'),
			clip: { x: 0, y: 0, width: 820, height: 200 },
		});

		expect(await lookupsSince(mark)).toEqual([lookupOf('zhang.wei@example.com')]);
		const sent = await sentSince(mark);
		expect(sent.map((request) => [request.query, request.body])).toEqual([
			[
				{ employee_type: 'employee_id' },
				{
					user_id: 'e1001',
					remedy_date: 20261125,
					punch_no: 0,
					work_type: 2,
					remedy_time: '2026-11-25 18:30',
					reason: '外出拜访客户，忘记打卡',
				},
			],
		]);
		const stored = (await stack().sandbox.remedies()).find((remedy) => remedy.reason === '外出拜访客户，忘记打卡');
		expect(message).toBe(
			`Your punch correction for 2026-11-25 18:30 was created and waits for approval. Approval id: ${stored?.approvalId}`,
		);
	});
});
