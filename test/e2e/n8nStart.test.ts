/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- e2e harness test: runs in jest under plain Node, never inside n8n */
/**
 * The harness's `n8n start` on every n8n of the matrix: it is ready only when the n8n it started
 * listens, never because something else answers on that port. Other n8n instances share the
 * machine, and a port free a moment ago can be taken before n8n binds it; the tests would then
 * talk to a stranger (seen: `POST /rest/owner/setup` answered 404 by another n8n).
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureN8n, installedN8n } from '../../scripts/n8n/install';
import { N8N_TARGETS, selectedTargets } from '../../scripts/n8n/matrix';
import { N8nInstance } from '../../scripts/n8n/n8nInstance';
import { ChildGroup, freePort } from '../../scripts/n8n/processes';
import { E2E_TIMEOUT_MS, targetTitle } from './realN8n';

jest.setTimeout(E2E_TIMEOUT_MS);

/** A server that looks like a ready n8n to a careless probe: 200 on every path. */
async function impostor(port: number): Promise<Server> {
	const server = createServer((_request, response) => {
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end('{"data":{}}');
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return server;
}

for (const target of N8N_TARGETS) {
	const describeTarget = selectedTargets().includes(target) ? describe : describe.skip;
	describeTarget(targetTitle(target), () => {
		const children = new ChildGroup();
		const workDir = mkdtempSync(join(tmpdir(), `feishu-attendance-e2e-start-${target.n8n}-`));
		let server: Server | undefined;

		afterAll(async () => {
			await children.stopAll();
			await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
			rmSync(workDir, { recursive: true, force: true });
		});

		test('refuses to call n8n ready when another server holds its port, naming the port', async () => {
			if (process.env.E2E_REQUIRE_INSTALLED && !installedN8n(target))
				throw new Error(`${targetTitle(target)} is not installed`);
			const installation = await ensureN8n(
				(line) => process.stderr.write(`[e2e start, n8n ${target.n8n}] ${line}\n`),
				target,
			);
			const port = await freePort();
			server = await impostor(port);
			const n8n = await N8nInstance.create(installation, join(workDir, 'user'), () => undefined, port);
			await expect(n8n.start(children, 90_000)).rejects.toThrow(new RegExp(`port ${port} .*was taken`));
		});
	});
}
