/**
 * The node as an AI tool, in n8n-core's real tool path (getInputConnectionData →
 * createNodeAsTool → the node's execute): every call answers with one result on the first
 * output, the only one n8n hands back — the approval ID, or the failure's code, message and hint.
 */
import { callRemedyTool } from '../engine/runAsTool';
import { useSandboxPerTest } from '../engine/sandboxSession';

const CREATE_PATH = '/open-apis/attendance/v1/user_task_remedys';

/** Create Remedy Request with every field filled by the agent, as the MCP example has it. */
const TOOL_PARAMETERS = {
	operation: 'createRemedy',
	mappingMode: 'defineBelow',
	employeeType: 'employee_id',
	userId: "={{ $fromAI('user_id', 'Employee ID of the person', 'string') }}",
	remedyDate: "={{ $fromAI('remedy_date', 'Attendance day, yyyy-MM-dd', 'string') }}",
	punch: '0',
	workType: "={{ $fromAI('work_type', 'on_duty or off_duty', 'string') }}",
	remedyTime: "={{ $fromAI('remedy_time', 'Punch time, HH:mm', 'string') }}",
	reason: "={{ $fromAI('reason', 'Why the punch is corrected', 'string') }}",
};

const call = (overrides: Record<string, string> = {}) => ({
	user_id: 'e1001',
	remedy_date: '2026-01-12',
	work_type: 'on_duty',
	remedy_time: '09:00',
	reason: 'Forgot to clock in',
	...overrides,
});

const session = useSandboxPerTest();

function answerOf(answer: { text: string } | { thrown: string }): Array<Record<string, unknown>> {
	if ('thrown' in answer) throw new Error(`the tool threw: ${answer.thrown}`);
	return JSON.parse(answer.text) as Array<Record<string, unknown>>;
}

test('a created remedy answers ok with its approval ID; a refused one and a bad date answer with code, message and hint', async () => {
	const run = await callRemedyTool({
		parameters: TOOL_PARAMETERS,
		credential: session.credential,
		calls: [call(), call({ user_id: 'e1006' }), call({ remedy_date: '2026-02-30' })],
	});

	const [created, refused, badDate] = run.answers.map(answerOf);
	const [stored] = session.sandbox.remedies();
	expect(created).toEqual([expect.objectContaining({ ok: true, approval_id: stored.approvalId })]);
	expect(refused).toEqual([
		expect.objectContaining({
			ok: false,
			error: expect.objectContaining({
				code: 1226502,
				msg: expect.any(String),
				hint: expect.stringContaining('does not allow remedies'),
				category: 'not_allowed',
			}),
		}),
	]);
	expect(badDate).toEqual([
		expect.objectContaining({
			ok: false,
			error: expect.objectContaining({ field: 'remedy_date', msg: expect.stringContaining('got "2026-02-30"') }),
		}),
	]);
	expect(session.requestsTo(CREATE_PATH)).toHaveLength(2);
});

test('a rejected App Secret is an answer too, not an exception: code 10014 and what to check', async () => {
	const run = await callRemedyTool({
		parameters: TOOL_PARAMETERS,
		credential: { ...session.credential, appSecret: 'not-the-secret' },
		calls: [call()],
	});
	const [answer] = run.answers.map(answerOf);
	expect(answer).toEqual([
		expect.objectContaining({
			ok: false,
			error: expect.objectContaining({ category: 'auth', code: 10014, hint: expect.stringContaining('credential') }),
		}),
	]);
	expect(JSON.stringify(run)).not.toContain('not-the-secret');
});

test('the tool is named after the node and its description tells the agent what the answer holds', async () => {
	const run = await callRemedyTool({ parameters: TOOL_PARAMETERS, credential: session.credential, calls: [] });
	expect(run.tool.name).toBe('Create_remedy');
	expect(run.tool.description).toMatch(/approval_id.*error\.code, error\.msg and error\.hint/);
});
