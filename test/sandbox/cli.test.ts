/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code (starts the sandbox CLI as a child process): runs in jest under plain Node, never inside n8n */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { DEMO_APP, PATHS } from '../../sandbox';

const root = join(__dirname, '..', '..');

test('the CLI with --ready-json prints one JSON line with the base URL and demo credentials, and stops on SIGTERM', async () => {
	const child = spawn(
		process.execPath,
		[
			join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
			join(root, 'sandbox', 'cli.ts'),
			'--port',
			'0',
			'--ready-json',
		],
		{
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let stdout = '';
	child.stdout.setEncoding('utf8');
	const firstLine = new Promise<string>((resolve, reject) => {
		child.stdout.on('data', (chunk: string) => {
			stdout += chunk;
			if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
		});
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code} before it was ready`)));
	});
	try {
		const ready = JSON.parse(await firstLine) as { baseUrl: string; appId: string; appSecret: string };
		expect(ready).toEqual({ baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), ...DEMO_APP });
		const response = await fetch(`${ready.baseUrl}${PATHS.tenantToken}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ app_id: ready.appId, app_secret: ready.appSecret }),
		});
		expect(((await response.json()) as { code: number }).code).toBe(0);
	} finally {
		child.kill('SIGTERM');
	}
	const [exitCode] = (await once(child, 'exit')) as [number | null];
	expect(exitCode).toBe(0);
	expect(stdout.trim().split('\n')).toHaveLength(1);
});
