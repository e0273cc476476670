/**
 * Where the sandbox has to guess (Feishu does not document it) or cannot produce a documented
 * answer by itself, the node must be safe whichever way real Feishu behaves. Each test plays
 * the other possibility with an injected answer and checks the node's outcome: nothing is
 * written twice, and the item says what Feishu said.
 */
import { PATHS } from '../../sandbox';
import { runRemedyNode } from '../engine/runRemedyNode';
import { remedyRow, useSandboxPerTest } from '../engine/sandboxSession';

const CREATE = { operation: 'createRemedy', mappingMode: 'autoMap' };

const session = useSandboxPerTest();

const error = (item: { json: Record<string, unknown> }) => item.json.error as Record<string, unknown>;

describe('token endpoint failures (documented codes, undocumented HTTP status)', () => {
	test.each([400, 200])(
		'a rejected App Secret answered with HTTP %i stops the node with code 10014 and sends nothing',
		async (httpStatus) => {
			session.sandbox.injectFaults([
				{ fault: 'feishuError', path: PATHS.tenantToken, code: 10014, httpStatus, msg: 'app secret invalid' },
			]);
			const result = await runRemedyNode({ items: [remedyRow()], parameters: CREATE, credential: session.credential });
			expect(result.error?.message).toContain('code 10014');
			expect(result.success).toHaveLength(0);
			expect(session.requestsTo(PATHS.createRemedy)).toHaveLength(0);
		},
	);
});

describe('token-invalid codes the sandbox never sends by itself', () => {
	test.each([99991664, 99991671, 99991661, 99991668])(
		'%i: the token is renewed once and the request replayed',
		async (code) => {
			session.sandbox.injectFaults([
				{
					fault: 'feishuError',
					path: PATHS.createRemedy,
					code,
					httpStatus: 400,
					msg: 'invalid access token',
					times: 1,
				},
			]);
			const result = await runRemedyNode({ items: [remedyRow()], parameters: CREATE, credential: session.credential });
			expect(result.failed).toHaveLength(0);
			expect(session.requestsTo(PATHS.createRemedy).map((request) => request.outcome.code)).toEqual([code, 0]);
			expect(session.sandbox.tokenRequests()).toBe(2);
			expect(session.sandbox.remedies()).toHaveLength(1);
		},
	);

	test('99991679 (user authorization missing) is a permission failure, never retried', async () => {
		session.sandbox.injectFaults([
			{
				fault: 'feishuError',
				path: PATHS.createRemedy,
				code: 99991679,
				httpStatus: 400,
				msg: 'user authorization missing',
			},
		]);
		const result = await runRemedyNode({ items: [remedyRow()], parameters: CREATE, credential: session.credential });
		expect(error(result.failed[0])).toMatchObject({ code: 99991679, category: 'permission', retry_safe: true });
		expect(session.requestsTo(PATHS.createRemedy)).toHaveLength(1);
		expect(session.sandbox.tokenRequests()).toBe(1);
	});
});

describe('rate limiting without the documented headers', () => {
	test.each([429, 400])(
		'a 99991400 with HTTP %i and no x-ogw-ratelimit-reset is waited out with a back-off and retried',
		async (httpStatus) => {
			session.sandbox.injectFaults([
				{
					fault: 'feishuError',
					path: PATHS.createRemedy,
					code: 99991400,
					httpStatus,
					msg: 'request trigger frequency limit',
					times: 1,
				},
			]);
			const result = await runRemedyNode({ items: [remedyRow()], parameters: CREATE, credential: session.credential });
			expect(result.success).toHaveLength(1);
			expect(session.requestsTo(PATHS.createRemedy).map((request) => request.outcome.code)).toEqual([99991400, 0]);
			expect(session.sandbox.remedies()).toHaveLength(1);
		},
	);
});

// If Feishu accepts duplicates (as the sandbox does), Catch Duplicate Rows and Check Existing Remedies
// keep them from being sent: test/node/safeRuns.engine.test.ts.
describe('duplicates: Feishu does not document whether a second pending remedy for a slot is refused', () => {
	test("if Feishu refuses it, the duplicate lands in Failed with Feishu's code, is not retried, and the first stays in Success", async () => {
		session.sandbox.injectFaults([
			{
				fault: 'feishuError',
				path: PATHS.createRemedy,
				code: 1220600,
				httpStatus: 400,
				msg: 'remedy already exists',
				afterRequests: 1,
			},
		]);
		const result = await runRemedyNode({
			items: [remedyRow(), remedyRow()],
			parameters: { ...CREATE, options: { catchDuplicateRows: false } },
			credential: session.credential,
		});
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(error(result.failed[0])).toMatchObject({ code: 1220600, msg: 'remedy already exists' });
		expect(session.requestsTo(PATHS.createRemedy)).toHaveLength(2);
		expect(session.sandbox.remedies()).toHaveLength(1);
	});
});

describe('approval transitions: Feishu does not document the code of a refused one', () => {
	test("a refusal with a code other than 1220001 still lands in Failed with Feishu's code and message, sent once", async () => {
		const created = await runRemedyNode({ items: [remedyRow()], parameters: CREATE, credential: session.credential });
		session.sandbox.injectFaults([
			{
				fault: 'feishuError',
				path: PATHS.processApproval,
				code: 1220600,
				httpStatus: 400,
				msg: 'approval status can not be changed',
			},
		]);
		const result = await runRemedyNode({
			items: created.success.map((item) => item.json),
			parameters: { operation: 'updateApprovalStatus', approvalStatus: 'withdraw' },
			credential: session.credential,
		});
		expect(error(result.failed[0])).toMatchObject({
			code: 1220600,
			msg: 'approval status can not be changed',
			retry_safe: true,
		});
		expect(session.requestsTo(PATHS.processApproval)).toHaveLength(1);
		expect(session.sandbox.remedies()[0].status).toBe(0);
	});
});
