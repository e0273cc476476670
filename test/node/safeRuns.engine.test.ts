/**
 * Safe month-end runs: validate-only, duplicate rows, existing remedies, and a rate limit
 * learned from Feishu — in n8n's engine against the sandbox.
 */
import { captureWarnings } from '../engine/logCapture';
import { runRemedyNode } from '../engine/runRemedyNode';
import { remedyRow, useSandboxPerTest } from '../engine/sandboxSession';

const CREATE = { operation: 'createRemedy', mappingMode: 'autoMap' };
const CREATE_PATH = '/open-apis/attendance/v1/user_task_remedys';
const SLOTS_PATH = '/open-apis/attendance/v1/user_task_remedys/query_user_allowed_remedys';
const RECORDS_PATH = '/open-apis/attendance/v1/user_task_remedys/query';

const session = useSandboxPerTest();

const requestsTo = session.requestsTo;

describe('Validate Only', () => {
	test('routes items as a real run would, marked dry_run, and creates nothing: it only asks whether the slot holds a remedy', async () => {
		const rows = [remedyRow(), remedyRow({ remedy_date: '2026-02-30' })];
		const result = await runRemedyNode({
			items: rows,
			parameters: { ...CREATE, options: { validateOnly: true } },
			credential: session.credential,
		});
		expect(result.success[0].json).toMatchObject({
			dry_run: true,
			approval_id: null,
			remedy: { remedy_date: 20260112, work_type: 1 },
		});
		expect(result.failed[0].json.error).toMatchObject({ field: 'remedy_date' });
		expect(
			requestsTo(RECORDS_PATH)
				.map((r) => (r.body as { status: number }).status)
				.sort(),
		).toEqual([0, 2]);
		expect(requestsTo(CREATE_PATH)).toHaveLength(0);
		expect(session.sandbox.remedies()).toHaveLength(0);
	});

	test('with every check off, sends nothing at all', async () => {
		const rows = [remedyRow(), remedyRow({ remedy_date: '2026-02-30' })];
		const options = { validateOnly: true, checkExistingRemedies: false };
		const result = await runRemedyNode({
			items: rows,
			parameters: { ...CREATE, options },
			credential: session.credential,
		});
		expect(result.success[0].json).toMatchObject({ dry_run: true, approval_id: null });
		expect(session.sandbox.requests()).toHaveLength(0);
	});

	test('with the slot check, asks the read-only slots API but creates nothing', async () => {
		const rows = [remedyRow(), remedyRow({ user_id: 'e1006' }), remedyRow({ remedy_time: '2026-01-13 07:00' })];
		const result = await runRemedyNode({
			items: rows,
			parameters: { ...CREATE, options: { validateOnly: true, checkAllowedSlots: true } },
			credential: session.credential,
		});
		expect(result.success.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(result.failed.map((i) => (i.json.error as { code: unknown }).code)).toEqual([1226502, null]);
		expect(requestsTo(SLOTS_PATH)).toHaveLength(2);
		expect(requestsTo(CREATE_PATH)).toHaveLength(0);
	});
});

describe('duplicate rows', () => {
	test('the second item for the same slot fails as a duplicate naming the first item', async () => {
		const rows = [
			remedyRow(),
			remedyRow({ user_id: 'e1002' }),
			remedyRow({ reason: 'typed twice', remedy_time: '08:45' }),
		];
		const result = await runRemedyNode({ items: rows, parameters: CREATE, credential: session.credential });
		expect(result.success.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.failed[0].pairedItem).toEqual({ item: 2 });
		expect(result.failed[0].json.error).toMatchObject({ category: 'duplicate', retry_safe: true });
		expect((result.failed[0].json.error as { msg: string }).msg).toContain('Same remedy as item 0');
		expect(requestsTo(CREATE_PATH)).toHaveLength(2);
	});

	test('turned off, both are sent', async () => {
		const rows = [remedyRow(), remedyRow()];
		const result = await runRemedyNode({
			items: rows,
			parameters: { ...CREATE, options: { catchDuplicateRows: false } },
			credential: session.credential,
		});
		expect(result.success).toHaveLength(2);
		expect(session.sandbox.remedies()).toHaveLength(2);
	});

	test('an employee number and an employee ID are different keys', async () => {
		const rows = [remedyRow(), remedyRow({ user_id: undefined, 工号: 'A1001' })];
		const result = await runRemedyNode({ items: rows, parameters: CREATE, credential: session.credential });
		expect(result.success).toHaveLength(2);
	});

	test('a remedy already pending in Feishu is not sent again: the row is in Success with it, marked existing', async () => {
		const first = await runRemedyNode({ items: [remedyRow()], parameters: CREATE, credential: session.credential });
		const again = await runRemedyNode({
			items: [remedyRow(), remedyRow({ remedy_date: '2026-01-13' })],
			parameters: CREATE,
			credential: session.credential,
		});
		const approvalId = first.success[0].json.approval_id as string;
		expect(again.failed).toHaveLength(0);
		expect(again.success.map((i) => [i.pairedItem, i.json.existing ?? false])).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, false],
		]);
		expect(again.success[0].json).toMatchObject({
			approval_id: approvalId,
			existing: true,
			existing_status: 'pending',
		});
		expect(session.sandbox.remedies()).toHaveLength(2);
	});

	test('with Check Existing Remedies off, the same row is sent again', async () => {
		await runRemedyNode({ items: [remedyRow()], parameters: CREATE, credential: session.credential });
		const again = await runRemedyNode({
			items: [remedyRow()],
			parameters: { ...CREATE, options: { checkExistingRemedies: false } },
			credential: session.credential,
		});
		expect(again.success[0].json.existing).toBeUndefined();
		expect(session.sandbox.remedies()).toHaveLength(2);
	});
});

describe('a limit learned from Feishu', () => {
	test('a lower x-ogw-ratelimit-limit slows the shared limiter, says so in the log, and loses no item', async () => {
		session.sandbox.configure({ rateLimitPerSecond: 5 });
		const warnings = captureWarnings();
		try {
			const rows = Array.from({ length: 15 }, (_, i) => remedyRow({ user_id: `bench-${i + 1}` }));
			const result = await runRemedyNode({ items: rows, parameters: CREATE, credential: session.credential });
			expect(result.success).toHaveLength(15);
			expect(result.failed).toHaveLength(0);
			expect(warnings.messages.some((m) => /reports a limit of 5 requests\/s .* lowered from 50 to 5/.test(m))).toBe(
				true,
			);
			const limited = requestsTo(CREATE_PATH).filter((r) => r.outcome.status === 429).length;
			expect(limited).toBeLessThan(10);
		} finally {
			warnings.restore();
		}
	});

	test('a limit above the configured rate is ignored', async () => {
		session.sandbox.configure({ rateLimitPerSecond: 3 });
		const warnings = captureWarnings();
		try {
			const rows = Array.from({ length: 6 }, (_, i) => remedyRow({ user_id: `bench-${i + 1}` }));
			const result = await runRemedyNode({
				items: rows,
				parameters: { ...CREATE, options: { requestsPerSecond: 2 } },
				credential: session.credential,
			});
			expect(result.success).toHaveLength(6);
			expect(warnings.messages).toEqual([]);
			expect(requestsTo(CREATE_PATH).filter((r) => r.outcome.status === 429)).toHaveLength(0);
		} finally {
			warnings.restore();
		}
	});
});
