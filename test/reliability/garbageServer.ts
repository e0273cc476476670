/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in jest under plain Node, never inside n8n */
/**
 * A tiny HTTP server on 127.0.0.1 that answers whatever a test tells it to — HTML error
 * pages, cut JSON, bodies that echo the request (app secret, Authorization header), or a
 * hang-up — and records what it received. For what the sandbox will not do: misbehave
 * like a broken proxy in front of Feishu.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export type GarbageAnswer = { status: number; contentType: string; body: string } | 'hangUp';

export interface GarbageServer {
	baseUrl: string;
	port: number;
	received: ReceivedRequest[];
	close(): Promise<void>;
}

export async function startGarbageServer(answer: (request: ReceivedRequest) => GarbageAnswer): Promise<GarbageServer> {
	const received: ReceivedRequest[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const request: ReceivedRequest = {
				method: req.method ?? 'GET',
				path: new URL(req.url ?? '/', 'http://garbage').pathname,
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			received.push(request);
			const reply = answer(request);
			if (reply === 'hangUp') {
				req.socket.destroy();
				return;
			}
			res.writeHead(reply.status, {
				'content-type': reply.contentType,
				'content-length': String(Buffer.byteLength(reply.body)),
			});
			res.end(reply.body);
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		port,
		received,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
