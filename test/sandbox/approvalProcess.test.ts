import { READONLY_APP } from '../../sandbox';
import { remedyBody, useSandbox } from './sandboxClient';

const { sandbox, client } = useSandbox();

/** A fresh pending remedy and a token of the demo app. */
async function pendingRemedy(): Promise<{ token: string; approvalId: string }> {
	const token = await client().token();
	const reply = await client().create(token, remedyBody());
	return { token, approvalId: reply.body.data?.user_remedy?.approval_id ?? '' };
}

function storedStatus(approvalId: string): number | undefined {
	return sandbox()
		.remedies()
		.find((remedy) => remedy.approvalId === approvalId)?.status;
}

describe('approval_infos/process', () => {
	test('approves a pending remedy', async () => {
		const { token, approvalId } = await pendingRemedy();
		const reply = await client().process(token, approvalId, 2);
		expect([reply.status, reply.body.code]).toEqual([200, 0]);
		expect(reply.body.data?.approval_info).toEqual({ approval_id: approvalId, approval_type: 'remedy', status: 2 });
		expect(storedStatus(approvalId)).toBe(2);
	});

	test('rejects a pending remedy', async () => {
		const { token, approvalId } = await pendingRemedy();
		expect((await client().process(token, approvalId, 1)).body.data?.approval_info?.status).toBe(1);
		expect(storedStatus(approvalId)).toBe(1);
	});

	test('withdraws an approved remedy', async () => {
		const { token, approvalId } = await pendingRemedy();
		await client().process(token, approvalId, 2);
		expect((await client().process(token, approvalId, 4)).body.code).toBe(0);
		expect(storedStatus(approvalId)).toBe(4);
	});

	test('refuses to withdraw a pending remedy with 1220001', async () => {
		const { token, approvalId } = await pendingRemedy();
		const reply = await client().process(token, approvalId, 4);
		expect([reply.status, reply.body.code]).toEqual([400, 1220001]);
		expect(reply.body.msg).toMatch(/transition from 0 to 4 is not allowed/);
		expect(storedStatus(approvalId)).toBe(0);
	});

	test('refuses to approve a rejected remedy', async () => {
		const { token, approvalId } = await pendingRemedy();
		await client().process(token, approvalId, 1);
		expect((await client().process(token, approvalId, 2)).body.code).toBe(1220001);
		expect(storedStatus(approvalId)).toBe(1);
	});

	test('refuses to approve an approved remedy a second time', async () => {
		const { token, approvalId } = await pendingRemedy();
		await client().process(token, approvalId, 2);
		expect((await client().process(token, approvalId, 2)).body.code).toBe(1220001);
	});

	test('refuses to reject a withdrawn remedy', async () => {
		const { token, approvalId } = await pendingRemedy();
		await client().process(token, approvalId, 2);
		await client().process(token, approvalId, 4);
		expect((await client().process(token, approvalId, 1)).body.code).toBe(1220001);
	});

	test('answers 1220004 for an unknown approval_id', async () => {
		const reply = await client().process(await client().token(), '7000000000000000001', 2);
		expect([reply.status, reply.body.code]).toEqual([400, 1220004]);
	});

	test('answers 1220004 for a remedy approval_id sent with approval_type leave', async () => {
		const { token, approvalId } = await pendingRemedy();
		expect((await client().process(token, approvalId, 2, 'leave')).body.code).toBe(1220004);
		expect(storedStatus(approvalId)).toBe(0);
	});

	test('answers 1220001 naming approval_type for an unknown type', async () => {
		const { token, approvalId } = await pendingRemedy();
		const reply = await client().process(token, approvalId, 2, 'vacation');
		expect(reply.body.msg).toBe('param is invalid: approval_type');
	});

	test('answers 1220001 naming status for status 3', async () => {
		const { token, approvalId } = await pendingRemedy();
		const reply = await client().process(token, approvalId, 3);
		expect([reply.body.code, reply.body.msg]).toEqual([1220001, 'param is invalid: status']);
	});

	test('answers 99991672 when a read-only app approves', async () => {
		const { approvalId } = await pendingRemedy();
		const reply = await client().process(await client().token(READONLY_APP), approvalId, 2);
		expect(reply.body.code).toBe(99991672);
		expect(storedStatus(approvalId)).toBe(0);
	});
});
