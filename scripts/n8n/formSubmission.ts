/**
 * An n8n form filled in and sent over HTTP exactly as the form page's own script sends it
 * (n8n 2.x `form-trigger.handlebars`): GET the page, POST every form element as
 * multipart/form-data to the same URL (the submit button too, as an unnamed empty entry), and,
 * when a Form Ending node follows, poll `<formWaitingUrl>/n8n-execution-status` until it says
 * `form-waiting`, then GET that URL: the ending page the person sees.
 */

import { delay } from './processes';

export interface FormAnswer {
	/** The ending page's heading and message, as shown (HTML entities decoded). */
	title: string;
	message: string;
	html: string;
}

/** `values` by field label, as a person fills them in; every label must be on the form. */
export async function submitForm(
	formUrl: string,
	values: Record<string, string>,
	timeoutMs = 60_000,
): Promise<FormAnswer> {
	const page = await fetch(formUrl);
	const pageHtml = await page.text();
	if (page.status !== 200) throw new Error(`GET ${formUrl}: HTTP ${page.status}\n${pageHtml.slice(0, 500)}`);

	const body = new FormData();
	for (const element of formElements(pageHtml)) {
		const value = values[element.label];
		if (value === undefined)
			throw new Error(`the form has a field "${element.label}" the submission gives no value for`);
		body.append(element.name, value);
	}
	const unknown = Object.keys(values).filter(
		(label) => !formElements(pageHtml).some((element) => element.label === label),
	);
	if (unknown.length > 0) throw new Error(`the form has no field ${unknown.map((label) => `"${label}"`).join(', ')}`);
	// form.elements ends with the submit button, which has no name: the page's script appends ('', '').
	body.append('', '');

	const posted = await fetch(formUrl, { method: 'POST', body });
	const text = await posted.text();
	if (posted.status !== 200) throw new Error(`POST ${formUrl}: HTTP ${posted.status}\n${text.slice(0, 500)}`);
	const waitingUrl = (JSON.parse(text) as { formWaitingUrl?: string }).formWaitingUrl;
	if (!waitingUrl) throw new Error(`POST ${formUrl} answered without a formWaitingUrl: ${text.slice(0, 500)}`);

	const started = Date.now();
	for (let interval = 250; ; interval = Math.round(interval * 1.1)) {
		const status = (await (await fetch(`${waitingUrl}/n8n-execution-status`)).text()).trim();
		if (status === 'form-waiting') break;
		if (['canceled', 'crashed', 'error', 'null'].includes(status))
			throw new Error(`the form's execution ended with status "${status}"`);
		if (Date.now() - started > timeoutMs)
			throw new Error(`the form's execution was still "${status}" after ${timeoutMs / 1000}s`);
		await delay(interval);
	}
	const ending = await fetch(waitingUrl);
	const html = await ending.text();
	return { ...endingText(html), html };
}

/**
 * Waits until a published form answers: `n8n start` serves its REST API a moment before it has
 * activated the published workflows, and a form's page is a 404 until then.
 */
export async function waitForForm(formUrl: string, timeoutMs = 60_000): Promise<void> {
	const started = Date.now();
	for (;;) {
		const answer = await fetch(formUrl);
		await answer.text();
		if (answer.status === 200) return;
		if (Date.now() - started > timeoutMs)
			throw new Error(`${formUrl} still answers HTTP ${answer.status} after ${timeoutMs / 1000}s`);
		await delay(250);
	}
}

interface FormElement {
	name: string;
	label: string;
}

/** The page's inputs, selects and textareas in document order, with their labels. */
function formElements(html: string): FormElement[] {
	const labels = new Map<string, string>();
	for (const match of html.matchAll(/<label class='form-label[^']*' for='(field-\d+)'>([^<]*)<\/label>/g))
		labels.set(match[1], decodeEntities(match[2]));
	const names = [...html.matchAll(/<(?:input|select|textarea)\b[^>]*\bname=['"](field-\d+)['"]/g)].map(
		(match) => match[1],
	);
	return names.map((name) => ({ name, label: labels.get(name) ?? name }));
}

function endingText(html: string): { title: string; message: string } {
	const title = /<h1>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '';
	const message = /<p style="white-space: pre-line;">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
	return { title: decodeEntities(title.trim()), message: decodeEntities(message.replace(/<br\s*\/?>/g, '\n').trim()) };
}

function decodeEntities(text: string): string {
	return text
		.replace(/&quot;/g, '"')
		.replace(/&#x27;|&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&#x3D;/g, '=')
		.replace(/&#x60;/g, '`')
		.replace(/&amp;/g, '&');
}
