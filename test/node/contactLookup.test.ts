/**
 * The run-scoped contact directory against the sandbox over real HTTP: batching, one look-up per
 * distinct person, answers matched back, and the failures a row gets. The send function here is
 * a bare fetch (the node's own path, through the Feishu client, is covered by the engine tests).
 */
import { failure } from '../../nodes/FeishuAttendanceRemedy/execution/failure';
import { ContactDirectory, CONTACT_LOOKUP_PATH } from '../../nodes/FeishuAttendanceRemedy/identity/contactLookup';
import type { ContactLookupSend } from '../../nodes/FeishuAttendanceRemedy/identity/contactLookup';
import { personKey, readPerson } from '../../nodes/FeishuAttendanceRemedy/identity/personKeys';
import type { PersonIdType, PersonKey } from '../../nodes/FeishuAttendanceRemedy/identity/personKeys';
import { lookUpFeishuCode } from '../../nodes/FeishuAttendanceRemedy/transport/errorCatalogue';
import { DEMO_APP, NO_EMPLOYEE_ID_APP, PATHS, READONLY_APP, startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ settings: { rateLimitPerSecond: 0 } });
});
beforeEach(() => sandbox.reset());
afterAll(async () => {
	await sandbox.close();
});

/** A send function as plain as can be: a token, one POST, the envelope read. */
function fetchSend(app: { appId: string; appSecret: string } = DEMO_APP): ContactLookupSend {
	let token: Promise<string> | undefined;
	const tokenOf = async (): Promise<string> => {
		const response = await fetch(`${sandbox.baseUrl}${PATHS.tenantToken}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ app_id: app.appId, app_secret: app.appSecret }),
		});
		return ((await response.json()) as { tenant_access_token: string }).tenant_access_token;
	};
	return async (call) => {
		token ??= tokenOf();
		const url = new URL(`${sandbox.baseUrl}${call.path}`);
		for (const [name, value] of Object.entries(call.query)) url.searchParams.set(name, value);
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${await token}` },
			body: JSON.stringify(call.body),
		});
		const envelope = (await response.json()) as {
			code: number;
			msg: string;
			data?: Record<string, unknown>;
			error?: { log_id?: string };
		};
		if (envelope.code === 0) return { ok: true, data: envelope.data as never };
		const { category, hint } = lookUpFeishuCode(envelope.code, response.status);
		return {
			ok: false,
			failure: failure({
				category,
				hint,
				code: envelope.code,
				msg: envelope.msg,
				httpStatus: response.status,
				logId: envelope.error?.log_id ?? null,
			}),
		};
	};
}

function person(idType: PersonIdType, raw: unknown): PersonKey {
	const reading = readPerson(idType, raw);
	if (!reading.ok) throw new Error(`${String(raw)} does not read as ${idType}`);
	return reading.person;
}

const lookups = () => sandbox.requests().filter((request) => request.path === CONTACT_LOOKUP_PATH);

describe('batching and one look-up per person', () => {
	test('asks with user_id_type=user_id, the values as read, and include_resigned false', async () => {
		const people = [person('email', ' Zhang.Wei@Example.com'), person('mobile', '+852 9123 4567')];
		const resolved = await new ContactDirectory(fetchSend()).resolve(people);
		expect([...resolved.values()]).toEqual([
			{ ok: true, employeeId: 'e1001' },
			{ ok: true, employeeId: 'e1002' },
		]);
		expect(lookups().map((request) => [request.query, request.body])).toEqual([
			[
				{ user_id_type: 'user_id' },
				{ emails: ['zhang.wei@example.com'], mobiles: ['+85291234567'], include_resigned: false },
			],
		]);
	});

	test('sends 50 emails and 50 mobiles a request at most: 120 emails and 30 mobiles make 3 requests', async () => {
		const emails = Array.from({ length: 120 }, (_, index) => person('email', `bench-${index + 1}@bench.example.com`));
		const mobiles = Array.from({ length: 30 }, (_, index) =>
			person('mobile', `139${String(index + 201).padStart(8, '0')}`),
		);
		const resolved = await new ContactDirectory(fetchSend()).resolve([...emails, ...mobiles]);
		expect(
			lookups().map((request) => {
				const body = request.body as { emails?: string[]; mobiles?: string[] };
				return [body.emails?.length ?? 0, body.mobiles?.length ?? 0];
			}),
		).toEqual([
			[50, 30],
			[50, 0],
			[20, 0],
		]);
		expect(emails.map((key) => resolved.get(personKey(key)))).toEqual(
			emails.map((_, index) => ({ ok: true, employeeId: `bench-${index + 1}` })),
		);
		expect(mobiles.map((key) => resolved.get(personKey(key)))).toEqual(
			mobiles.map((_, index) => ({ ok: true, employeeId: `bench-${index + 201}` })),
		);
	});

	test('1,000 distinct emails make 20 requests', async () => {
		const emails = Array.from({ length: 1000 }, (_, index) => person('email', `bench-${index + 1}@bench.example.com`));
		const resolved = await new ContactDirectory(fetchSend()).resolve(emails);
		expect(lookups()).toHaveLength(20);
		expect([...resolved.values()].filter((resolution) => resolution.ok)).toHaveLength(1000);
	});

	test('the same person written several ways is asked about once', async () => {
		const people = [
			person('email', 'li.na@example.com'),
			person('email', 'LI.NA@example.com '),
			person('mobile', 13800000003),
			person('mobile', '+86 138 0000 0003'),
		];
		const resolved = await new ContactDirectory(fetchSend()).resolve(people);
		expect(resolved.size).toBe(2);
		expect(lookups().map((request) => request.body)).toEqual([
			{ emails: ['li.na@example.com'], mobiles: ['13800000003'], include_resigned: false },
		]);
	});

	test('people already asked about in this run are not asked again; a new one is asked alone', async () => {
		const directory = new ContactDirectory(fetchSend());
		await directory.resolve([person('email', 'zhang.wei@example.com'), person('email', 'nobody@example.com')]);
		const again = await directory.resolve([
			person('email', 'zhang.wei@example.com'),
			person('email', 'nobody@example.com'),
			person('email', 'li.na@example.com'),
		]);
		expect(lookups().map((request) => (request.body as { emails: string[] }).emails)).toEqual([
			['zhang.wei@example.com', 'nobody@example.com'],
			['li.na@example.com'],
		]);
		expect(again.get('email:li.na@example.com')).toEqual({ ok: true, employeeId: 'e1003' });
		expect(again.get('email:nobody@example.com')).toMatchObject({ ok: false });
	});

	test('two resolves running at once share the look-up of the people they both name', async () => {
		const directory = new ContactDirectory(fetchSend());
		const [first, second] = await Promise.all([
			directory.resolve([person('email', 'zhang.wei@example.com')]),
			directory.resolve([person('email', 'zhang.wei@example.com')]),
		]);
		expect(lookups()).toHaveLength(1);
		expect([first.get('email:zhang.wei@example.com'), second.get('email:zhang.wei@example.com')]).toEqual([
			{ ok: true, employeeId: 'e1001' },
			{ ok: true, employeeId: 'e1001' },
		]);
	});

	test('nothing is sent when no one is named', async () => {
		expect((await new ContactDirectory(fetchSend()).resolve([])).size).toBe(0);
		expect(lookups()).toHaveLength(0);
	});
});

describe('people who cannot be resolved', () => {
	test.each([
		['an unknown email', 'email', 'nobody@example.com'],
		['a resigned person', 'email', 'sun.li@example.com'],
		['a person outside the contact range', 'email', 'zhou.jie@example.com'],
		['an unknown mobile', 'mobile', '13999999999'],
	] as const)(
		'%s is invalid input on user_id with the value and a hint on address, scopes and range',
		async (_name, idType, value) => {
			const key = person(idType, value);
			const resolution = (await new ContactDirectory(fetchSend()).resolve([key])).get(personKey(key));
			expect(resolution).toEqual({
				ok: false,
				failure: {
					category: 'invalid_input',
					code: null,
					msg: expect.stringContaining(JSON.stringify(value)),
					hint: expect.stringMatching(
						/Check the (email|mobile number)\..*contact:user\.id:readonly and contact:user\.employee_id:readonly.*contact data range/,
					),
					retrySafe: true,
					httpStatus: null,
					logId: null,
					field: 'user_id',
					value,
				},
			});
		},
	);

	test('an unknown mobile’s hint reminds that numbers outside mainland China need + and the country code', async () => {
		const key = person('mobile', '13999999999');
		const resolution = (await new ContactDirectory(fetchSend()).resolve([key])).get(personKey(key));
		expect(!resolution?.ok && resolution?.failure.hint).toContain('+ and the country code');
	});

	test('an app without contact:user.employee_id:readonly: the person is found but has no user ID, and the hint names the scope', async () => {
		const key = person('email', 'zhang.wei@example.com');
		const resolution = (await new ContactDirectory(fetchSend(NO_EMPLOYEE_ID_APP)).resolve([key])).get(personKey(key));
		expect(resolution).toMatchObject({
			ok: false,
			failure: { category: 'permission', field: 'user_id', value: 'zhang.wei@example.com', retrySafe: true },
		});
		expect(!resolution?.ok && resolution?.failure.hint).toMatch(/^Add the scope contact:user\.employee_id:readonly/);
	});

	test('an app without contact:user.id:readonly: every person of the request fails with 99991672 and a hint naming the scope', async () => {
		const people = [person('email', 'zhang.wei@example.com'), person('mobile', '13800000003')];
		const resolved = await new ContactDirectory(fetchSend(READONLY_APP)).resolve(people);
		for (const key of people) {
			const resolution = resolved.get(personKey(key));
			expect(resolution).toMatchObject({
				ok: false,
				failure: {
					category: 'permission',
					code: 99991672,
					httpStatus: 400,
					field: 'user_id',
					value: key.value,
					retrySafe: true,
				},
			});
			expect(!resolution?.ok && resolution?.failure.hint).toMatch(/^The app lacks the scope contact:user\.id:readonly/);
			expect(!resolution?.ok && resolution?.failure.logId).toMatch(/^\d{14}/);
		}
		expect(lookups()).toHaveLength(1);
	});

	test('a failed look-up request fails only its own people; other requests of the run resolve', async () => {
		sandbox.injectFaults([{ fault: 'http500', path: CONTACT_LOOKUP_PATH, times: 1 }]);
		const emails = Array.from({ length: 60 }, (_, index) => person('email', `bench-${index + 1}@bench.example.com`));
		const resolved = await new ContactDirectory(fetchSend()).resolve(emails);
		const outcomes = emails.map((key) => resolved.get(personKey(key)));
		const failed = outcomes.filter((resolution) => resolution && !resolution.ok);
		expect(failed).toHaveLength(lookups()[0]?.outcome.status === 500 ? 50 : 10);
		expect(failed[0]).toMatchObject({
			ok: false,
			failure: {
				category: 'server',
				code: 1225000,
				retrySafe: true,
				hint: expect.stringContaining('a look-up writes nothing'),
			},
		});
		expect(outcomes.filter((resolution) => resolution?.ok)).toHaveLength(60 - failed.length);
	});
});
