/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- the sandbox is a dev tool: it runs in plain Node, never inside n8n, and is not published */
/**
 * `npm run sandbox -- [options]`: runs the Feishu sandbox on 127.0.0.1 until SIGINT/SIGTERM.
 * With --ready-json, stdout carries exactly one JSON line once listening, for a parent process.
 */

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ADMIN_PREFIX, DEMO_APP, startSandbox, type SandboxSeed, type SandboxSettings } from './index';

const USAGE = `Usage: npm run sandbox -- [options]

  --port <n>                   port (default 8787; 0 = a free port)
  --host <addr>                address to bind (default 127.0.0.1)
  --rate-limit <n>             requests per second per app per API (default 50; 0 = off)
  --contact-rate-limit <n>     contact look-ups (batch_get_id) per minute per app (default 1000; 0 = off)
  --token-rate-limit <n>       token endpoint requests per second per app (default 0 = off)
  --latency <ms>               added to every answer (default 0)
  --jitter <ms>                random extra latency in [0, ms) (default 0)
  --token-lifetime <s>         tenant_access_token lifetime (default 7200)
  --token-renew-threshold <s>  a new token is issued when less than this is left (default 1800)
  --token-invalid-status <n>   HTTP status of token-invalid answers: 400 or 200 (default 400)
  --today <yyyyMMdd>           the date the "days back" rule counts from (default: today in Asia/Shanghai)
  --fault-seed <n>             seed of the PRNG behind probabilistic faults and jitter (default 1)
  --seed <file.json>           a SandboxSeed to serve instead of the default one
  --ready-json                 print only {"baseUrl","appId","appSecret"} as one JSON line once listening
  --help                       this text
`;

const NUMERIC_FLAGS: ReadonlyArray<[flag: string, setting: keyof SandboxSettings]> = [
	['rate-limit', 'rateLimitPerSecond'],
	['contact-rate-limit', 'contactRateLimitPerMinute'],
	['token-rate-limit', 'tokenRateLimitPerSecond'],
	['latency', 'latencyMs'],
	['jitter', 'jitterMs'],
	['token-lifetime', 'tokenLifetimeSeconds'],
	['token-renew-threshold', 'tokenRenewThresholdSeconds'],
	['token-invalid-status', 'tokenInvalidHttpStatus'],
	['today', 'today'],
	['fault-seed', 'faultSeed'],
];

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '8787' },
			host: { type: 'string', default: '127.0.0.1' },
			seed: { type: 'string' },
			'ready-json': { type: 'boolean', default: false },
			help: { type: 'boolean', default: false },
			...Object.fromEntries(NUMERIC_FLAGS.map(([flag]) => [flag, { type: 'string' as const }])),
		},
	});
	if (values.help) {
		process.stdout.write(USAGE);
		return;
	}
	const settings: Record<string, number> = {};
	const flagValues: Record<string, unknown> = values;
	for (const [flag, setting] of NUMERIC_FLAGS) {
		const text = flagValues[flag];
		if (typeof text !== 'string') continue;
		if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(`--${flag} takes a number, got ${JSON.stringify(text)}`);
		settings[setting] = Number(text);
	}
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error(`--port takes 0..65535, got ${JSON.stringify(values.port)}`);
	const seed =
		typeof values.seed === 'string' ? (JSON.parse(readFileSync(values.seed, 'utf8')) as SandboxSeed) : undefined;
	const sandbox = await startSandbox({
		port,
		host: String(values.host),
		seed,
		// mergeSettings checks every value (e.g. a token-invalid status other than 400/200 is refused).
		settings: settings as Partial<SandboxSettings>,
	});

	// With a custom seed, its first app stands in for the demo app.
	const app = seed?.apps[0] ?? DEMO_APP;
	if (values['ready-json']) {
		process.stdout.write(
			`${JSON.stringify({ baseUrl: sandbox.baseUrl, appId: app.appId, appSecret: app.appSecret })}\n`,
		);
	} else {
		process.stdout.write(
			[
				`Feishu sandbox listening on ${sandbox.baseUrl}`,
				`  app id:      ${app.appId}`,
				`  app secret:  ${app.appSecret}`,
				`  admin API:   ${sandbox.baseUrl}${ADMIN_PREFIX}  (e.g. GET ${ADMIN_PREFIX}stats)`,
				'  seed users:  see sandbox/README.md; Ctrl-C to stop',
				'',
			].join('\n'),
		);
	}

	const stop = (): void => {
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`feishu sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
