/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the sandbox is a dev tool: it runs in plain Node, never inside n8n, and is not published */
/** Small node:http helpers shared by the Open Platform gateway and the admin API. */

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** Bodies above this are refused: no call of this API comes near it, and memory must stay small. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The whole body as UTF-8, or undefined when it exceeds MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<string | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
		size += buffer.length;
		if (size > MAX_BODY_BYTES) return undefined;
		chunks.push(buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Parsed JSON, or the raw text when it is not JSON, or undefined when empty. */
export function parseBody(raw: string): unknown {
	if (raw === '') return undefined;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return raw;
	}
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	sendText(res, status, JSON.stringify(body), headers);
}

export function sendText(
	res: ServerResponse,
	status: number,
	text: string,
	headers: Record<string, string> = {},
): void {
	if (res.headersSent || res.destroyed) return;
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': String(Buffer.byteLength(text)),
		...headers,
	});
	res.end(text);
}

/** Headers worth keeping in the request log: enough to assert on, small enough for 100k entries. */
export function keptHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const kept: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		if (
			name === 'authorization' ||
			name === 'content-type' ||
			name === 'content-length' ||
			name === 'user-agent' ||
			name.startsWith('x-')
		) {
			kept[name] = intern(Array.isArray(value) ? value.join(', ') : value);
		}
	}
	return kept;
}

/**
 * The same token, user agent and content type arrive on almost every request; sharing one string
 * per distinct value keeps a full request log small. Bounded: cleared when it grows large.
 */
const interned = new Map<string, string>();

function intern(value: string): string {
	const known = interned.get(value);
	if (known !== undefined) return known;
	if (interned.size >= 1000) interned.clear();
	interned.set(value, value);
	return value;
}
