/**
 * Turns people named by email or mobile into their employee IDs with Feishu's contact look-up
 * (`POST /open-apis/contact/v3/users/batch_get_id?user_id_type=user_id`; the contact `user_id`
 * is the attendance `employee_id`). One instance serves one run: each distinct person is looked
 * up once however many rows name them, up to 50 emails and 50 mobiles a request, every request
 * through the given send function (the Feishu client, which paces and retries). Answers are
 * matched back by value, never by position.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ItemFailure } from '../execution/failure';
import { employeeIdWithheld, lookupCallFailed, personNotFound } from './lookupFailures';
import { personKey, readPerson } from './personKeys';
import type { PersonIdType, PersonKey } from './personKeys';

export const CONTACT_LOOKUP_PATH = '/open-apis/contact/v3/users/batch_get_id';

/** Per list, per request: Feishu's page caps emails and mobiles at 50 each. */
export const LOOKUPS_PER_REQUEST = 50;

export interface ContactLookupCall {
	path: string;
	query: Record<string, string>;
	body: IDataObject;
}

export type ContactLookupResult = { ok: true; data: IDataObject } | { ok: false; failure: ItemFailure };

export type ContactLookupSend = (call: ContactLookupCall) => Promise<ContactLookupResult>;

export type PersonResolution = { ok: true; employeeId: string } | { ok: false; failure: ItemFailure };

/** What Feishu said about one value: a user ID, a person without one, or no one. */
type Answer = { userId: string } | { withheld: true } | undefined;

export class ContactDirectory {
	private readonly known = new Map<string, Promise<PersonResolution>>();

	constructor(private readonly send: ContactLookupSend) {}

	/**
	 * The employee ID of each person, keyed by `personKey`. People not asked about before in
	 * this run are looked up together, in as few requests as the 50-per-list cap allows; those
	 * already asked about (or being asked about) are not sent again.
	 */
	async resolve(people: readonly PersonKey[]): Promise<Map<string, PersonResolution>> {
		const fresh = new Map<string, PersonKey>();
		for (const person of people) {
			const key = personKey(person);
			if (!this.known.has(key)) fresh.set(key, person);
		}
		for (const batch of batchesOf([...fresh.values()])) {
			const answers = this.lookUp(batch);
			for (const person of [...batch.emails, ...batch.mobiles]) {
				this.known.set(
					personKey(person),
					answers.then((answered) => answered(person)),
				);
			}
		}
		const keys = [...new Set(people.map(personKey))];
		const resolutions = await Promise.all(keys.map(async (key) => [key, await this.known.get(key)] as const));
		const resolved = new Map<string, PersonResolution>();
		for (const [key, resolution] of resolutions) if (resolution) resolved.set(key, resolution);
		return resolved;
	}

	/** One request; resolves to how to answer each person of the batch. */
	private async lookUp(batch: Batch): Promise<(person: PersonKey) => PersonResolution> {
		const result = await this.send(lookupCall(batch));
		if (!result.ok) return (person) => ({ ok: false, failure: lookupCallFailed(result.failure, person.value) });
		const answers = readUserList(result.data);
		return (person) => {
			const answer = answers.get(personKey(person));
			if (answer && 'userId' in answer) return { ok: true, employeeId: answer.userId };
			if (answer) return { ok: false, failure: employeeIdWithheld(person.idType, person.value) };
			return { ok: false, failure: personNotFound(person.idType, person.value) };
		};
	}
}

interface Batch {
	emails: PersonKey[];
	mobiles: PersonKey[];
}

/** Request i carries the i-th 50 emails and the i-th 50 mobiles: 1,000 of each make 20 requests. */
function batchesOf(people: PersonKey[]): Batch[] {
	const chunks = (idType: PersonIdType): PersonKey[][] => {
		const ofType = people.filter((person) => person.idType === idType);
		return Array.from({ length: Math.ceil(ofType.length / LOOKUPS_PER_REQUEST) }, (_, index) =>
			ofType.slice(index * LOOKUPS_PER_REQUEST, (index + 1) * LOOKUPS_PER_REQUEST),
		);
	};
	const emails = chunks('email');
	const mobiles = chunks('mobile');
	return Array.from({ length: Math.max(emails.length, mobiles.length) }, (_, index) => ({
		emails: emails[index] ?? [],
		mobiles: mobiles[index] ?? [],
	}));
}

/** The request as Feishu's page and the SDK's declaration type it; an empty list is left out. */
export function lookupCall(batch: Batch): ContactLookupCall {
	const body: IDataObject = {};
	if (batch.emails.length > 0) body.emails = batch.emails.map((person) => person.value);
	if (batch.mobiles.length > 0) body.mobiles = batch.mobiles.map((person) => person.value);
	body.include_resigned = false;
	return { path: CONTACT_LOOKUP_PATH, query: { user_id_type: 'user_id' }, body };
}

/**
 * `data.user_list` by person key. Feishu echoes each value, but it is read the way rows are
 * (so an echo in another spelling still matches); a value answered twice with two different
 * user IDs matches no one rather than the wrong person.
 */
function readUserList(data: IDataObject): Map<string, Answer> {
	const answers = new Map<string, Answer>();
	const conflicting = new Set<string>();
	const list = Array.isArray(data.user_list) ? data.user_list : [];
	for (const entry of list) {
		if (!isObject(entry)) continue;
		const answer: Answer =
			typeof entry.user_id === 'string' && entry.user_id !== ''
				? { userId: entry.user_id }
				: isObject(entry.status)
					? { withheld: true }
					: undefined;
		for (const idType of ['email', 'mobile'] as const) {
			const reading = readPerson(idType, entry[idType]);
			if (!reading.ok) continue;
			const key = personKey(reading.person);
			const earlier = answers.get(key);
			if (earlier && 'userId' in earlier && answer && 'userId' in answer && earlier.userId !== answer.userId)
				conflicting.add(key);
			if (!earlier || (answer && 'userId' in answer)) answers.set(key, answer);
		}
	}
	for (const key of conflicting) answers.delete(key);
	return answers;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
