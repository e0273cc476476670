/**
 * Get Remedy Records (获取补卡记录): the remedies of some users in a time range. Items that
 * ask the same question (ID type, range, statuses) are answered together, 50 users per
 * request; every item gets the records of the users it asked for. The API returns
 * approved remedies only unless told a status, so "all statuses" is one request per status.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { expressionFailure, invalidFieldFailure, unexpectedFailure } from '../execution/failure';
import type { ItemFailure } from '../execution/failure';
import { unreadablePerson } from '../identity/lookupFailures';
import { personKey, readPerson } from '../identity/personKeys';
import type { PersonIdType, PersonKey } from '../identity/personKeys';
import { parseRangeBound } from '../remedy/dateTime';
import { normaliseUserIdType } from '../remedy/employeeTypeChoice';
import type { EmployeeType } from '../remedy/remedyTypes';
import { MAX_USER_ID_LENGTH, renderValue } from '../remedy/remedyValidation';
import { defineOperation, mapConcurrently } from './operation';
import type { ItemRecord } from './operation';
import { contactDirectoryOf, resolvePeople, resolvedUserJson } from './shared/personLookup';
import { REMEDY_STATUS_NAMES, fetchRecords, recordJson, recordsRequests } from './shared/remedyRecords';
import type { RecordsAnswer, RecordsQuery, RemedyStatusName } from './shared/remedyRecords';

const show = { show: { operation: ['getRemedyRecords'] } };

const recordsFields: INodeProperties[] = [
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		default: '={{ $json.user_id }}',
		required: true,
		description:
			'One or more IDs (or emails or mobile numbers, as chosen in Employee ID Type), separated by commas or new lines, or an expression returning a list. Items asking the same question are answered together, 50 users per request.',
		displayOptions: show,
	},
	{
		displayName: 'From',
		name: 'rangeFrom',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2021-07-01',
		description: 'Start of the range (a date means its 00:00), compared with the remedy time',
		displayOptions: show,
	},
	{
		displayName: 'To',
		name: 'rangeTo',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2021-07-31',
		description: 'End of the range (a date means its 23:59:59)',
		displayOptions: show,
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: [
			{ name: 'Approved', value: 'approved' },
			{ name: 'Cancelled', value: 'cancelled' },
			{ name: 'Pending', value: 'pending' },
			{ name: 'Rejected', value: 'rejected' },
			{ name: 'Withdrawn', value: 'withdrawn' },
		],
		default: ['pending', 'rejected', 'approved', 'cancelled', 'withdrawn'],
		description:
			"Which records to return. Feishu's API returns approved remedies only unless asked for a status, so each status chosen here is one request per 50 users.",
		displayOptions: show,
	},
];

interface RecordsItem {
	query: Omit<RecordsQuery, 'userIds'>;
	/** Empty when the item names its users by email or mobile: the run looks up their IDs. */
	userIds: string[];
	/** The users named by email or mobile, in the order named, each once. */
	people: PersonKey[];
	groupKey: string;
}

/** Reads one parameter; a throwing expression fails the item naming that parameter's field. */
function readParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	field: string,
	fallback?: unknown,
): { ok: true; value: unknown } | { ok: false; failure: ItemFailure } {
	try {
		return {
			ok: true,
			value:
				fallback === undefined
					? context.getNodeParameter(name, itemIndex)
					: context.getNodeParameter(name, itemIndex, fallback),
		};
	} catch (error) {
		return { ok: false, failure: expressionFailure(name, field, error) };
	}
}

/** The item's parameter name → the field (Feishu's name) a failure reports. */
const PARAMETERS = [
	['employeeType', 'employee_type'],
	['userIds', 'user_ids'],
	['rangeFrom', 'check_time_from'],
	['rangeTo', 'check_time_to'],
	['statuses', 'status'],
] as const;

export const getRemedyRecordsOperation = defineOperation<null, RecordsItem>({
	properties: recordsFields,
	unplanned: { records_query: null },

	readSettings: () => null,

	plan(context, itemIndex, _settings, options) {
		const raw: Record<(typeof PARAMETERS)[number][0], unknown> = {
			employeeType: undefined,
			userIds: undefined,
			rangeFrom: undefined,
			rangeTo: undefined,
			statuses: undefined,
		};
		for (const [name, field] of PARAMETERS) {
			const read = readParameter(
				context,
				itemIndex,
				name,
				field,
				name === 'statuses' ? REMEDY_STATUS_NAMES : undefined,
			);
			if (!read.ok) return { ready: false, failure: read.failure };
			raw[name] = read.value;
		}
		const idType = normaliseUserIdType(raw.employeeType);
		const personType = idType === 'email' || idType === 'mobile' ? idType : undefined;
		// People named by email or mobile are asked about by their employee IDs.
		const employeeType: EmployeeType = idType === 'employee_no' ? 'employee_no' : 'employee_id';
		let people: PersonKey[] = [];
		if (personType) {
			const read = readPeople(personType, raw.userIds);
			if (!read.ok) return { ready: false, failure: read.failure };
			people = read.people;
		}
		const userIds = personType ? [] : parseUserIds(raw.userIds);
		if (!userIds) {
			return {
				ready: false,
				failure: invalidFieldFailure(
					`User IDs: got ${renderValue(raw.userIds)}; expected IDs separated by commas or new lines, or a list`,
					'user_ids',
					renderValue(raw.userIds),
				),
			};
		}
		const from = parseRangeBound(raw.rangeFrom, options.zone, 'from');
		const to = parseRangeBound(raw.rangeTo, options.zone, 'to');
		if (!from || !to || to < from) {
			const [field, value] = !from ? ['check_time_from', raw.rangeFrom] : ['check_time_to', raw.rangeTo];
			return {
				ready: false,
				failure: invalidFieldFailure(
					`${field === 'check_time_from' ? 'From' : 'To'}: got ${renderValue(value)}; expected a date or date-time, with To not before From`,
					field,
					renderValue(value),
				),
			};
		}
		const statuses = (
			Array.isArray(raw.statuses) && raw.statuses.length > 0 ? raw.statuses : REMEDY_STATUS_NAMES
		).filter(isStatusName);
		const query = {
			employeeType,
			from: String(Math.floor(from.toSeconds())),
			to: String(Math.floor(to.toSeconds())),
			statuses,
		};
		return { ready: true, plan: { query, userIds, people, groupKey: JSON.stringify(query) } };
	},

	async run(batch, feishu, _settings, options) {
		if (!feishu) return;
		const employeeIds = await resolvePeople(
			batch,
			(plan) => plan.people,
			contactDirectoryOf(feishu),
			(record) => ({ records_query: recordsQueryJson(record.plan, []) }),
		);
		const asked = new Map<ItemRecord<RecordsItem>, AskedUsers>();
		for (const record of batch) if (!record.settled) asked.set(record, askedUsers(record.plan, employeeIds));
		for (const group of groupItems([...asked])) {
			const query: RecordsQuery = { ...group.query, userIds: group.userIds };
			const requests = recordsRequests(query);
			const answers = await mapConcurrently(
				requests,
				options,
				async (request) => await fetchRecords(feishu, query, request),
				(error): RecordsAnswer => ({ ok: false, failure: unexpectedFailure(error) }),
			);
			const recordsOfUser = new Map<string, IDataObject[]>();
			const failedUsers = new Map<string, ItemFailure>();
			requests.forEach((request, position) => {
				const answer = answers[position];
				if (!answer.ok) {
					for (const userId of request.userIds) failedUsers.set(userId, answer.failure);
					return;
				}
				for (const record of answer.records) {
					const userId = String(record.user_id);
					recordsOfUser.set(userId, [...(recordsOfUser.get(userId) ?? []), recordJson(record, query.employeeType)]);
				}
			});
			for (const [item, { userIds, personOf }] of group.items) {
				const failure = userIds.map((userId) => failedUsers.get(userId)).find((f) => f !== undefined);
				if (failure) {
					item.fail(failure, { records_query: recordsQueryJson(item.plan, userIds) });
					continue;
				}
				// The item's users in the order it named them, each user's records by remedy time.
				item.produce(
					userIds.flatMap((userId) => {
						const person = personOf.get(userId);
						const resolved = person ? resolvedUserJson(person, userId) : {};
						return [...(recordsOfUser.get(userId) ?? [])].sort(byRemedyTime).map((json) => ({ ...json, ...resolved }));
					}),
				);
			}
		}
	},
});

function isStatusName(value: unknown): value is RemedyStatusName {
	return REMEDY_STATUS_NAMES.some((name) => name === value);
}

/** The question a failed item asked, in Feishu's names; `userIds` as asked (looked up from emails or mobiles). */
function recordsQueryJson({ query, people }: RecordsItem, userIds: string[]): IDataObject {
	return {
		employee_type: query.employeeType,
		user_ids: userIds,
		...(people.length > 0 ? { people: people.map((person) => person.value) } : {}),
		check_time_from: query.from,
		check_time_to: query.to,
		statuses: query.statuses,
	};
}

/** The users an item asks about: its IDs, or the employee IDs its emails or mobiles were looked up to. */
interface AskedUsers {
	userIds: string[];
	/** employee ID → the email or mobile it was named by. */
	personOf: Map<string, PersonKey>;
}

function askedUsers(plan: RecordsItem, employeeIds: Map<string, string>): AskedUsers {
	if (plan.people.length === 0) return { userIds: plan.userIds, personOf: new Map() };
	const personOf = new Map<string, PersonKey>();
	for (const person of plan.people) {
		const employeeId = employeeIds.get(personKey(person));
		// Two spellings of one person, or an email and a mobile of the same person: asked about once.
		if (employeeId !== undefined && !personOf.has(employeeId)) personOf.set(employeeId, person);
	}
	return { userIds: [...personOf.keys()], personOf };
}

interface ItemGroup {
	query: Omit<RecordsQuery, 'userIds'>;
	items: Array<[ItemRecord<RecordsItem>, AskedUsers]>;
	/** Every user any item of the group asked for, once, in first-asked order. */
	userIds: string[];
}

function groupItems(batch: Array<[ItemRecord<RecordsItem>, AskedUsers]>): ItemGroup[] {
	const groups = new Map<string, ItemGroup & { seen: Set<string> }>();
	for (const [record, users] of batch) {
		const request = record.plan;
		let group = groups.get(request.groupKey);
		if (!group) {
			group = { query: request.query, items: [], userIds: [], seen: new Set() };
			groups.set(request.groupKey, group);
		}
		group.items.push([record, users]);
		for (const userId of users.userIds) {
			if (group.seen.has(userId)) continue;
			group.seen.add(userId);
			group.userIds.push(userId);
		}
	}
	return [...groups.values()];
}

function byRemedyTime(a: IDataObject, b: IDataObject): number {
	return String(a.remedy_time ?? '').localeCompare(String(b.remedy_time ?? ''));
}

/** Emails or mobiles separated by commas, semicolons or new lines, or a list; each read as the look-up is asked. */
function readPeople(
	idType: PersonIdType,
	value: unknown,
): { ok: true; people: PersonKey[] } | { ok: false; failure: ItemFailure } {
	const parts = Array.isArray(value)
		? value
		: typeof value === 'string' || typeof value === 'number'
			? String(value).split(/[,\n;]/)
			: [];
	const people = new Map<string, PersonKey>();
	for (const part of parts) {
		if (typeof part === 'string' && part.trim() === '') continue;
		const reading = readPerson(idType, typeof part === 'string' ? part.trim() : part);
		if (!reading.ok)
			return {
				ok: false,
				failure: unreadablePerson(idType, typeof part === 'string' ? part.trim() : renderValue(part), reading.expected),
			};
		people.set(personKey(reading.person), reading.person);
	}
	if (people.size === 0) {
		return {
			ok: false,
			failure: invalidFieldFailure(
				`User IDs: got ${renderValue(value)}; expected one or more ${idType === 'email' ? 'emails' : 'mobile numbers'}`,
				'user_ids',
				renderValue(value),
			),
		};
	}
	return { ok: true, people: [...people.values()] };
}

function parseUserIds(value: unknown): string[] | undefined {
	const parts = Array.isArray(value)
		? value
		: typeof value === 'string' || typeof value === 'number'
			? String(value).split(/[,\n;]/)
			: undefined;
	if (!parts) return undefined;
	const ids = parts
		.map((part) => (typeof part === 'string' || typeof part === 'number' ? String(part).trim() : ''))
		.filter((id) => id !== '');
	if (ids.length === 0 || ids.some((id) => id.length > MAX_USER_ID_LENGTH || /\s/.test(id))) return undefined;
	return [...new Set(ids)];
}
