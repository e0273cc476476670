/**
 * The app secret and every tenant token stay secret: they appear in no output item, no
 * error message or description, no run data and nothing logged or printed — when the
 * token endpoint refuses (10003 / 10014), is unreachable, or answers HTML or cut JSON
 * that echoes the request; when tokens are revoked in a storm (99991663); when answers
 * are malformed or echo the Authorization header. And a plain-http base URL that is
 * not loopback is refused before anything is sent.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeParameters,
} from 'n8n-workflow';

import { DEMO_APP } from '../../sandbox';
import { runRemedyNode, sandboxCredential } from '../engine/runRemedyNode';
import type { FeishuCredentialData, RemedyRun } from '../engine/runRemedyNode';
import { openSandbox, remedyRow, tokensSeenBy } from '../engine/sandboxSession';
import type { SandboxSession } from '../engine/sandboxSession';
import { startGarbageServer } from './garbageServer';
import type { GarbageAnswer, GarbageServer, ReceivedRequest } from './garbageServer';
import { CREATE_PATH, TOKEN_PATH, routeOf } from './itemAccounting';

const RECORDS_PATH = '/open-apis/attendance/v1/user_task_remedys/query';
import { expectNoSecrets, watchLogsAndConsole } from './leakWatch';
import { SeededChoice, suiteSeed } from './runSeed';

/* eslint-disable @typescript-eslint/no-require-imports */
const { FeishuApi } = require('../../dist/credentials/FeishuApi.credentials.js') as {
	FeishuApi: new () => ICredentialType;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const SEED = suiteSeed('secrets');
const choice = new SeededChoice(SEED);

const AUTO_MAP: INodeParameters = { operation: 'createRemedy', mappingMode: 'autoMap' };

let session: SandboxSession | undefined;
let garbage: GarbageServer | undefined;
afterEach(async () => {
	await session?.sandbox.close();
	await garbage?.close();
	session = undefined;
	garbage = undefined;
});

interface WatchedRun {
	result: RemedyRun;
	logs: string[];
}

async function runWatched(
	items: IDataObject[],
	credential: FeishuCredentialData,
	continueOnFail: boolean,
	parameters: INodeParameters = AUTO_MAP,
): Promise<WatchedRun> {
	const watch = watchLogsAndConsole();
	try {
		return { result: await runRemedyNode({ items, parameters, credential, continueOnFail }), logs: watch.lines };
	} finally {
		watch.stop();
	}
}

/** Scans everything the run produced or logged for each secret. */
function expectNothingLeaked({ result, logs }: WatchedRun, secrets: string[]): void {
	expectNoSecrets(
		{ success: result.success, failed: result.failed, error: result.error, runData: result.run, logs },
		secrets,
	);
}

/** What the run told the user: the node's error, or the first Failed item's error. */
function reported(run: WatchedRun): string {
	if (run.result.error) return `${run.result.error.message} ${run.result.error.description ?? ''}`;
	const error = run.result.failed[0]?.json.error as IDataObject | undefined;
	return `${String(error?.msg)} ${String(error?.hint)}`;
}

const rows = (count: number) =>
	Array.from({ length: count }, (_, index) => remedyRow({ row: index, user_id: `bench-${index + 1}` }));
const randomSecret = (label: string) =>
	`${label}-${choice.seed().toString(16).padStart(8, '0')}${choice.seed().toString(16).padStart(8, '0')}`;
const CONTINUE = [false, true];

describe('token endpoint failures', () => {
	test.each(CONTINUE)('an unknown App ID (10003), continue on fail %s', async (continueOnFail) => {
		session = await openSandbox();
		const run = await runWatched(rows(3), { ...session.credential, appId: 'cli_unknown_app' }, continueOnFail);
		expect(reported(run)).toContain('code 10003');
		expectNothingLeaked(run, [DEMO_APP.appSecret]);
	});

	test.each(CONTINUE)('a wrong App Secret (10014), continue on fail %s', async (continueOnFail) => {
		session = await openSandbox();
		const wrong = randomSecret('wrong-secret');
		const run = await runWatched(rows(3), { ...session.credential, appSecret: wrong }, continueOnFail);
		expect(reported(run)).toContain('code 10014');
		expectNothingLeaked(run, [wrong, DEMO_APP.appSecret]);
	});

	test.each(CONTINUE)('an unreachable host, continue on fail %s', async (continueOnFail) => {
		session = await openSandbox();
		const { port } = session.sandbox;
		await session.sandbox.close();
		session = undefined;
		const secret = randomSecret('unreachable-secret');
		const run = await runWatched(
			rows(3),
			sandboxCredential(`http://127.0.0.1:${port}`, DEMO_APP.appId, secret),
			continueOnFail,
		);
		expect(reported(run)).toContain('the connection was refused');
		expectNothingLeaked(run, [secret]);
	});

	/**
	 * Broken answers of a token endpoint; most echo the request body, app secret included.
	 * The last column: how often the node asks — a 5xx is a passing failure of an endpoint that
	 * writes nothing, so the exchange is retried twice; anything else is asked once.
	 */
	const TOKEN_GARBAGE: Array<[string, (request: ReceivedRequest) => GarbageAnswer, number]> = [
		[
			'an HTML page (200) echoing the request',
			(r) => ({
				status: 200,
				contentType: 'text/html',
				body: `<html><body><h1>Welcome</h1><pre>${r.body}</pre></body></html>`,
			}),
			1,
		],
		[
			'an HTML error page (502) echoing the request',
			(r) => ({
				status: 502,
				contentType: 'text/html',
				body: `<html><h1>502 Bad Gateway</h1><!-- ${r.body} --></html>`,
			}),
			3,
		],
		[
			'cut JSON echoing the request',
			(r) => ({ status: 200, contentType: 'application/json', body: `{"code":0,"request":${r.body.slice(0, -3)}` }),
			1,
		],
		[
			'JSON without an envelope echoing the request',
			(r) => ({
				status: 200,
				contentType: 'application/json',
				body: JSON.stringify({ echo: JSON.parse(r.body) as unknown }),
			}),
			1,
		],
		[
			'an envelope whose msg echoes the request',
			(r) => ({
				status: 400,
				contentType: 'application/json',
				body: JSON.stringify({ code: 10014, msg: `app secret invalid: ${r.body}` }),
			}),
			1,
		],
		[
			'a token of the wrong type',
			() => ({
				status: 200,
				contentType: 'application/json',
				body: JSON.stringify({ code: 0, tenant_access_token: 12345, expire: 'soon' }),
			}),
			1,
		],
		['a hang-up', () => 'hangUp', 1],
	];

	describe.each(TOKEN_GARBAGE)('a token endpoint answering %s', (_name, answer, tokenRequests) => {
		test.each(CONTINUE)(
			'continue on fail %s: the run fails, nothing is sent, the secret is nowhere',
			async (continueOnFail) => {
				garbage = await startGarbageServer(answer);
				const secret = randomSecret('garbage-secret');
				const run = await runWatched(
					rows(3),
					sandboxCredential(garbage.baseUrl, DEMO_APP.appId, secret),
					continueOnFail,
				);
				expect(garbage.received.map((r) => r.path)).toEqual(Array.from({ length: tokenRequests }, () => TOKEN_PATH));
				expect(garbage.received[0].body).toContain(secret);
				if (continueOnFail) {
					routeOf(run.result, 3);
					const categories = new Set(run.result.failed.map((item) => (item.json.error as IDataObject).category));
					expect([...categories]).toEqual([expect.stringMatching(/^(auth|network)$/)]);
				} else {
					expect(run.result.error?.message).toEqual(expect.any(String));
				}
				expectNothingLeaked(run, [secret]);
			},
		);
	});
});

describe('answers of the attendance API', () => {
	/** A server that hands out a token, then answers create with something broken that echoes the Authorization header. */
	const API_GARBAGE: Array<[string, (authorization: string) => GarbageAnswer]> = [
		[
			'an HTML page (200) echoing Authorization',
			(a) => ({ status: 200, contentType: 'text/html', body: `<html><pre>Authorization: ${a}</pre></html>` }),
		],
		[
			'an HTML error page (500) echoing Authorization',
			(a) => ({ status: 500, contentType: 'text/html', body: `<html><h1>500</h1><p>${a}</p></html>` }),
		],
		[
			'cut JSON echoing Authorization',
			(a) => ({ status: 200, contentType: 'application/json', body: `{"code":0,"data":{"authorization":"${a}"` }),
		],
		[
			'token-invalid whose msg echoes Authorization',
			(a) => ({
				status: 400,
				contentType: 'application/json',
				body: JSON.stringify({ code: 99991663, msg: `invalid token: ${a}` }),
			}),
		],
		[
			'a refusal whose msg echoes Authorization',
			(a) => ({
				status: 400,
				contentType: 'application/json',
				body: JSON.stringify({ code: 1220001, msg: `param is invalid: ${a}` }),
			}),
		],
	];

	test.each(
		API_GARBAGE.flatMap(([name, answer]) => CONTINUE.map((continueOnFail) => ({ name, answer, continueOnFail }))),
	)('$name, continue on fail $continueOnFail: no token anywhere', async ({ answer, continueOnFail }) => {
		const issued: string[] = [];
		garbage = await startGarbageServer((request) => {
			if (request.path === TOKEN_PATH) {
				issued.push(randomSecret('t-garbage'));
				return {
					status: 200,
					contentType: 'application/json',
					body: JSON.stringify({ code: 0, msg: 'ok', tenant_access_token: issued[issued.length - 1], expire: 7200 }),
				};
			}
			// The re-run check before each create is answered plainly (no remedies yet): the garbage is the create's answer.
			if (request.path === RECORDS_PATH)
				return {
					status: 200,
					contentType: 'application/json',
					body: JSON.stringify({ code: 0, msg: 'success', data: { user_remedys: [] } }),
				};
			return answer(String(request.headers.authorization));
		});
		const secret = randomSecret('api-garbage-secret');
		const run = await runWatched(rows(4), sandboxCredential(garbage.baseUrl, DEMO_APP.appId, secret), continueOnFail);
		expect(run.result.error).toBeUndefined();
		routeOf(run.result, 4);
		expect(run.result.failed).toHaveLength(4);
		expect(garbage.received.filter((r) => r.path === CREATE_PATH).length).toBeGreaterThanOrEqual(4);
		expect(issued.length).toBeGreaterThanOrEqual(1);
		expectNothingLeaked(run, [secret, ...issued]);
	});

	test.each(CONTINUE)('malformed answers from the sandbox, continue on fail %s', async (continueOnFail) => {
		session = await openSandbox({ rateLimitPerSecond: 0 });
		session.sandbox.injectFaults([{ fault: 'malformed', probability: 0.5 }]);
		const run = await runWatched(rows(40), session.credential, continueOnFail, {
			...AUTO_MAP,
			options: { requestsPerSecond: 400 },
		});
		routeOf(run.result, 40);
		expect(run.result.failed.length).toBeGreaterThan(0);
		expectNothingLeaked(run, [DEMO_APP.appSecret, ...tokensSeenBy(session.sandbox)]);
	});

	test.each(CONTINUE)(
		'a 99991663 storm (a fifth of the requests revoke every token), continue on fail %s',
		async (continueOnFail) => {
			session = await openSandbox({ rateLimitPerSecond: 0, faultSeed: choice.seed() });
			session.sandbox.injectFaults([{ fault: 'revokeToken', probability: 0.2, path: CREATE_PATH }]);
			const run = await runWatched(rows(150), session.credential, continueOnFail, {
				...AUTO_MAP,
				options: { requestsPerSecond: 100 },
			});
			routeOf(run.result, 150);
			const tokens = tokensSeenBy(session.sandbox);
			expect(tokens.length).toBeGreaterThanOrEqual(3);
			expect(run.result.failed.map((item) => (item.json.error as IDataObject).code)).toContain(99991663);
			// Renewed once per request: an item fails only when its renewed request was refused too — its
			// create, or, before it, the re-run check of its group (then no create was sent: []).
			const codesOf = (userId: unknown) =>
				session?.sandbox
					.requests()
					.filter((r) => r.path === CREATE_PATH && (r.body as IDataObject).user_id === userId)
					.map((r) => r.outcome.code);
			for (const item of run.result.failed) {
				expect([[99991663, 99991663], []]).toContainEqual(codesOf(item.json.user_id));
				expect(item.json.error).toMatchObject({ code: 99991663, retry_safe: true });
			}
			for (const item of run.result.success) expect([[0], [99991663, 0]]).toContainEqual(codesOf(item.json.user_id));
			expect(run.result.success.length).toBeGreaterThan(run.result.failed.length);
			expectNothingLeaked(run, [DEMO_APP.appSecret, ...tokens]);
		},
	);
});

describe('a plain-http base URL that is not loopback', () => {
	test.each(CONTINUE)(
		'is refused before anything is sent, though it would reach the sandbox (continue on fail %s)',
		async (continueOnFail) => {
			session = await openSandbox();
			// 0.0.0.0 is "this host": a connection would reach the sandbox on 127.0.0.1, but it is not a loopback address.
			const credential = sandboxCredential(
				`http://0.0.0.0:${session.sandbox.port}`,
				DEMO_APP.appId,
				DEMO_APP.appSecret,
			);
			const run = await runWatched(rows(3), credential, continueOnFail);
			expect(reported(run)).toMatch(/must use https:\/\//);
			if (continueOnFail) {
				routeOf(run.result, 3);
				expect(run.result.failed.map((item) => item.json.error)).toEqual(
					rows(3).map(() => expect.objectContaining({ category: 'auth', retry_safe: true })),
				);
			} else {
				expect(run.result.success).toHaveLength(0);
				expect(run.result.failed).toHaveLength(0);
			}
			expect(session.sandbox.requests()).toHaveLength(0);
			expectNothingLeaked(run, [DEMO_APP.appSecret]);
		},
	);

	test.each([
		'http://10.1.2.3:8787',
		'http://open.feishu.cn',
		'http://127.0.0.1.example.com',
		'http://localhost.example.com:8787',
		'http://[::ffff:a01:203]:8787',
	])('%s is refused with a reason', async (baseUrl) => {
		const run = await runWatched(rows(1), sandboxCredential(baseUrl, DEMO_APP.appId, DEMO_APP.appSecret), false);
		expect(run.result.error?.message).toMatch(/must use https:\/\/.*loopback/);
		expectNothingLeaked(run, [DEMO_APP.appSecret]);
	});

	test("the credential's own token exchange (used by its Test button) refuses it without a request", async () => {
		const requests: IHttpRequestOptions[] = [];
		const helpers = {
			helpers: { httpRequest: async (options: IHttpRequestOptions) => requests.push(options) },
		} as unknown as IHttpRequestHelper;
		const credential: ICredentialDataDecryptedObject = {
			region: 'custom',
			baseUrl: 'http://0.0.0.0:8787',
			appId: DEMO_APP.appId,
			appSecret: DEMO_APP.appSecret,
		};
		const preAuthentication = new FeishuApi().preAuthentication;
		expect(preAuthentication).toEqual(expect.any(Function));
		await expect(preAuthentication?.call(helpers, credential)).rejects.toThrow(/must use https:\/\//);
		expect(requests).toHaveLength(0);
	});
});
