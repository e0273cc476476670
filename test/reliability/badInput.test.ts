/**
 * Bad input never reaches Feishu and never stops the run: wrong types, blanks, nulls,
 * missing columns, impossible dates and times, 1 MB strings, emoji, RTL and zero-width
 * characters, objects and arrays where strings belong, and expressions that throw — in
 * "Map Automatically" and in "Define Below", with continue-on-fail off and on. Each bad
 * item lands in Failed naming its field; the sandbox sees one create request per valid
 * item and none for the others. Items come from a seeded generator (seed printed;
 * `FAULT_SEED=<n>` replays it) plus an exhaustive pass over every bad value.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { runRemedyNode } from '../engine/runRemedyNode';
import type { RemedyRun } from '../engine/runRemedyNode';
import { openSandbox, tokensSeenBy } from '../engine/sandboxSession';
import type { SandboxSession } from '../engine/sandboxSession';
import { CREATE_PATH, Problems, routeOf, storedAsExpected, traceByItem } from './itemAccounting';
import { expectNoSecrets, watchLogsAndConsole } from './leakWatch';
import {
	FIELD_NAMES,
	ONE_MB,
	REMEDY_FIELDS,
	allBadValues,
	defineBelowParameters,
	generateItem,
} from './remedyItemGenerator';
import type { GeneratedItem, MappingMode } from './remedyItemGenerator';
import { choiceFor as choiceForSeed, suiteSeed } from './runSeed';

const SEED = suiteSeed('badInput');

const choiceFor = (testName: string) => choiceForSeed(SEED, testName);

let session: SandboxSession;
beforeEach(async () => {
	session = await openSandbox({ rateLimitPerSecond: 0 });
});
afterEach(async () => {
	await session.sandbox.close();
});

function parametersFor(mode: MappingMode, options: IDataObject = {}): INodeParameters {
	const base = mode === 'autoMap' ? { operation: 'createRemedy', mappingMode: 'autoMap' } : defineBelowParameters();
	return { ...base, options: { requestsPerSecond: 400, ...options } } as INodeParameters;
}

async function run(
	items: GeneratedItem[],
	parameters: INodeParameters,
	continueOnFail: boolean,
): Promise<{ result: RemedyRun; logs: string[] }> {
	const watch = watchLogsAndConsole();
	try {
		const result = await runRemedyNode({
			items: items.map((item) => item.json),
			parameters,
			credential: session.credential,
			continueOnFail,
		});
		return { result, logs: watch.lines };
	} finally {
		watch.stop();
	}
}

/** Every bad item Failed naming its field and sent nowhere; every valid one sent once and stored as sent. */
function expectBadOnesCaught(items: GeneratedItem[], result: RemedyRun, sandbox: Sandbox, logs: string[]): void {
	expect(result.error).toBeUndefined();
	const routed = routeOf(result, items.length);
	const { requestsOf, storedOf, strangers } = traceByItem(sandbox.requests(), sandbox.remedies(), items.length);
	expect(strangers).toEqual([]);

	const problems = new Problems();
	items.forEach((item, index) => {
		const { output, json } = routed[index];
		const what = `item ${index} (${item.badField ? `${item.badField} = ${item.badValue}` : 'valid'}, ${output})`;
		if (item.badField) {
			const error = (json.error ?? {}) as IDataObject;
			const names = FIELD_NAMES[item.badField];
			const msg = String(error.msg);
			problems.check(output === 'failed', () => `${what}: must be Failed`);
			problems.check(requestsOf[index].length === 0 && storedOf[index].length === 0, () => `${what}: reached Feishu`);
			problems.check(
				error.category === 'invalid_input' && error.retry_safe === true && error.code === null,
				() => `${what}: error ${JSON.stringify(error)}`,
			);
			problems.check(error.field === item.badField, () => `${what}: names field ${String(error.field)}`);
			problems.check(
				msg.startsWith(`${names.label}: got `) || msg.startsWith(`The expression of ${names.parameter} failed`),
				() => `${what}: message does not name the field: ${msg.slice(0, 200)}`,
			);
			// A 1 MB value is not echoed back: messages stay readable.
			problems.check(
				msg.length < 2000 && String(error.value ?? '').length <= 80,
				() => `${what}: message of ${msg.length} characters`,
			);
			problems.check(json.remedy === null, () => `${what}: remedy must be null`);
			for (const [key, value] of Object.entries(item.json)) {
				problems.check(
					Object.is(json[key], value) || JSON.stringify(json[key]) === JSON.stringify(value),
					() => `${what}: input column ${key} changed`,
				);
			}
			return;
		}
		problems.check(
			output === 'success' && requestsOf[index].length === 1,
			() => `${what}: ${requestsOf[index].length} requests, error ${JSON.stringify(json.error)}`,
		);
		problems.check(
			JSON.stringify(json.remedy) === JSON.stringify(item.expected),
			() => `${what}: remedy ${JSON.stringify(json.remedy)} ≠ ${JSON.stringify(item.expected)}`,
		);
		const stored = storedOf[index];
		problems.check(
			stored.length === 1 && stored[0].approvalId === json.approval_id,
			() => `${what}: ${stored.length} stored`,
		);
		if (stored.length === 1)
			problems.check(
				JSON.stringify(storedAsExpected(stored[0])) === JSON.stringify(item.expected),
				() => `${what}: Feishu holds ${JSON.stringify(storedAsExpected(stored[0]))}`,
			);
	});
	problems.expectNone();

	const validCount = items.filter((item) => !item.badField).length;
	expect(sandbox.requests().filter((r) => r.path === CREATE_PATH)).toHaveLength(validCount);
	expectNoSecrets({ success: result.success, failed: result.failed, error: result.error, runData: result.run, logs }, [
		session.credential.appSecret,
		...tokensSeenBy(sandbox),
	]);
}

const MODES: MappingMode[] = ['autoMap', 'defineBelow'];
const RUNS = MODES.flatMap((mode) => [false, true].map((continueOnFail) => [mode, continueOnFail] as const));

describe.each(RUNS)('%s, continue on fail %s', (mode, continueOnFail) => {
	test('250 random items, half of them bad in one field: the bad ones are Failed naming it, and only the valid ones are sent', async () => {
		const choice = choiceFor(`random ${mode} ${continueOnFail}`);
		const items = Array.from({ length: 250 }, (_, index) =>
			generateItem(choice, index, mode, choice.chance(0.5) ? choice.pick(REMEDY_FIELDS) : undefined),
		);
		const { result, logs } = await run(items, parametersFor(mode), continueOnFail);
		expectBadOnesCaught(items, result, session.sandbox, logs);
	});

	test('every bad value of every field, between valid items', async () => {
		const choice = choiceFor(`exhaustive ${mode} ${continueOnFail}`);
		const items: GeneratedItem[] = [];
		for (const field of REMEDY_FIELDS) {
			for (const bad of allBadValues(field, mode)) {
				items.push(generateItem(choice, items.length, mode, field, bad));
				if (choice.chance(0.2)) items.push(generateItem(choice, items.length, mode, undefined));
			}
		}
		items.push(generateItem(choice, items.length, mode, undefined));
		const { result, logs } = await run(items, parametersFor(mode), continueOnFail);
		expectBadOnesCaught(items, result, session.sandbox, logs);
	});

	test('a run of bad items only sends nothing at all, not even a token request', async () => {
		const choice = choiceFor(`all bad ${mode} ${continueOnFail}`);
		const items = REMEDY_FIELDS.map((field, index) =>
			generateItem(choice, index, mode, field, field === 'employee_type' ? ONE_MB : null),
		);
		const { result, logs } = await run(items, parametersFor(mode), continueOnFail);
		expectBadOnesCaught(items, result, session.sandbox, logs);
		expect(session.sandbox.requests()).toHaveLength(0);
	});
});

describe('expressions', () => {
	test.each([false, true])(
		'an expression that does not parse fails every item naming its field, and sends nothing (continue on fail %s)',
		async (continueOnFail) => {
			const choice = choiceFor(`syntax ${continueOnFail}`);
			const items = Array.from({ length: 5 }, (_, index) => generateItem(choice, index, 'defineBelow', undefined));
			const { result } = await run(
				items,
				{ ...parametersFor('defineBelow'), reason: '={{ $json.r + }}' },
				continueOnFail,
			);
			expect(result.error).toBeUndefined();
			routeOf(result, items.length);
			expect(result.failed.map((item) => item.json.error)).toEqual(
				items.map(() =>
					expect.objectContaining({
						category: 'invalid_input',
						field: 'reason',
						msg: expect.stringContaining('The expression of reason failed'),
					}),
				),
			);
			expect(session.sandbox.requests()).toHaveLength(0);
		},
	);

	test.each([false, true])(
		'an Options expression that throws for one item fails that item, not the run (continue on fail %s)',
		async (continueOnFail) => {
			const choice = choiceFor(`options ${continueOnFail}`);
			const items = Array.from({ length: 4 }, (_, index) => generateItem(choice, index, 'autoMap', undefined));
			const parameters = parametersFor('autoMap', {
				validateOnly: '={{ $json.row === 2 ? $("No Such Node").item.json.x : false }}',
			});
			const { result } = await run(items, parameters, continueOnFail);
			expect(result.error).toBeUndefined();
			routeOf(result, items.length);
			expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 3 }]);
			expect(result.failed[0].json.error).toMatchObject({
				category: 'invalid_input',
				retry_safe: true,
				field: 'options',
				msg: expect.stringContaining('The expression of options failed'),
			});
			expect(session.sandbox.requests().filter((r) => r.path === CREATE_PATH)).toHaveLength(3);
		},
	);
});

describe('a bad option concerns the whole run', () => {
	test.each([
		['a time zone that is not IANA', { timeZone: 'Mars/Olympus' }, /not an IANA time zone/],
		[
			'an Options expression that throws for the first item',
			{ timeZone: '={{ $("No Such Node").item.json.zone }}' },
			/No Such Node|Referenced node/,
		],
	])(
		'%s: it stops the run, or with continue on fail every item is Failed — none passes to Success unsent',
		async (_case, options, message) => {
			const choice = choiceFor(`run option ${_case}`);
			const items = Array.from({ length: 3 }, (_, index) => generateItem(choice, index, 'autoMap', undefined));
			const stopped = await run(items, parametersFor('autoMap', options), false);
			expect(stopped.result.error?.message).toMatch(message);
			expect([stopped.result.success, stopped.result.failed]).toEqual([[], []]);

			const continued = await run(items, parametersFor('autoMap', options), true);
			expect(continued.result.success).toHaveLength(0);
			routeOf(continued.result, items.length);
			expect(continued.result.failed.map((item) => item.json.error)).toEqual(
				items.map(() =>
					expect.objectContaining({ category: 'invalid_input', retry_safe: true, msg: expect.stringMatching(message) }),
				),
			);
			expect(session.sandbox.requests()).toHaveLength(0);
		},
	);
});
