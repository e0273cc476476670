/**
 * Create Remedy Request: `POST /open-apis/attendance/v1/user_task_remedys`. Writes the
 * remedy into Feishu Attendance as pending and returns its approval_id. In order, and
 * each only where an item's options switch it on: the allowed-slot check (which may fill
 * punch and work type), duplicate rows of the run, the check for a live remedy already in
 * Feishu (on by default: a re-run creates nothing twice), then the create itself
 * (skipped by Validate Only). The switches are read per item, so an expression in Options is
 * honoured for each item (and one that throws fails only its item).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { expressionFailure, unexpectedFailure } from '../execution/failure';
import type { ItemFailure } from '../execution/failure';
import { WorkQueue } from '../execution/workQueue';
import { personKey } from '../identity/personKeys';
import type { PersonKey } from '../identity/personKeys';
import { readRemedyFields } from '../remedy/remedyFieldReader';
import type { RemedyRequest } from '../remedy/remedyTypes';
import { validateOpenRemedyFields, validateRemedyFields } from '../remedy/remedyValidation';
import type { OpenSlotRequest } from '../remedy/remedyValidation';
import { objectAt } from '../transport/envelope';
import type { FeishuClient } from '../transport/feishuClient';
import { concurrencyFor, defineOperation, mapConcurrently } from './operation';
import type { ItemRecord } from './operation';
import { AllowedSlotsLookup } from './shared/allowedSlots';
import { duplicateRowFailure, findDuplicateRows } from './shared/duplicateRemedies';
import { checkFailure, checkGroups, existingRemedyFor, findExistingRemedies } from './shared/existingRemedies';
import { identifyPerson } from './shared/personInput';
import { contactDirectoryOf, resolvePeople, resolvedUserJson } from './shared/personLookup';
import { fieldProblemsFailure, inputFailure, mappingModeOf, parametersOf, remedyJson } from './shared/remedyInput';
import type { RunOptions } from './shared/runOptions';
import { checkAgainstAllowedSlots } from './shared/slotCheck';

export const REMEDY_PATH = '/open-apis/attendance/v1/user_task_remedys';

/** Create's own entries in the Options collection. */
const createOptions: INodeProperties[] = [
	{
		displayName: 'Catch Duplicate Rows',
		name: 'catchDuplicateRows',
		type: 'boolean',
		default: true,
		description:
			'Whether an item for the same user, day, punch and work type as an earlier item of the run goes to Failed as its duplicate instead of being sent',
	},
	{
		displayName: 'Check Allowed Slots First',
		name: 'checkAllowedSlots',
		type: 'boolean',
		default: false,
		description:
			'Whether to ask Feishu for the day\'s allowed remedy slots before creating: a remedy time outside every allowed window goes to Failed with the windows, and Punch "From Allowed Slots" is filled from the one slot that fits. Costs one extra request per user and day.',
	},
	{
		displayName: 'Check Existing Remedies',
		name: 'checkExistingRemedies',
		type: 'boolean',
		default: true,
		description:
			'Whether to ask Feishu first for pending and approved remedies of the same slot (user, day, punch, work type): a row that already has one is not sent again and goes to Success with that remedy (existing: true), so a sheet can be run again, or resumed after a crash, without duplicates. Costs one round trip per 50 users.',
	},
	{
		displayName: 'Validate Only (Dry Run)',
		name: 'validateOnly',
		type: 'boolean',
		default: false,
		description:
			'Whether to map, validate and check (allowed slots and duplicates, when on) without creating anything. Items are routed as in a real run and marked dry_run.',
	},
];

/** The safety switches of one item. */
interface CreateSwitches {
	/** Ask Feishu for the day's allowed slots before creating; fill an open punch from them. */
	checkAllowedSlots: boolean;
	/** Map, validate and check, but create nothing. */
	validateOnly: boolean;
	/** A second item for the same user, day, punch and work type fails as a duplicate. */
	catchDuplicateRows: boolean;
	/** Send nothing for a slot that already holds a pending or approved remedy in Feishu; answer with that one. */
	checkExistingRemedies: boolean;
}

/** A remedy ready to send, or (with the slot check) one whose punch the allowed slots will fill. */
type PlannedRemedy = { switches: CreateSwitches; person?: PersonKey } & (
	| { slotsFill: false; remedy: RemedyRequest }
	| { slotsFill: true; remedy: OpenSlotRequest }
);

function readSwitches(context: IExecuteFunctions, itemIndex: number): CreateSwitches {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		checkAllowedSlots: options.checkAllowedSlots === true,
		validateOnly: options.validateOnly === true,
		catchDuplicateRows: options.catchDuplicateRows !== false,
		checkExistingRemedies: options.checkExistingRemedies !== false,
	};
}

function needsFeishu({ switches, person }: PlannedRemedy): boolean {
	// A dry run still looks people up: whether the row names someone Feishu knows is part of validating it.
	return !switches.validateOnly || switches.checkAllowedSlots || switches.checkExistingRemedies || person !== undefined;
}

export const createRemedyOperation = defineOperation<null, PlannedRemedy>({
	properties: [],
	options: createOptions,
	unplanned: { remedy: null },

	readSettings: () => null,

	plan(context, itemIndex, _settings, options) {
		let switches: CreateSwitches;
		try {
			switches = readSwitches(context, itemIndex);
		} catch (error) {
			// An Options expression that throws for this item fails this item, like a field's would.
			return { ready: false, failure: expressionFailure('options', 'options', error) };
		}
		const mode = mappingModeOf(context, itemIndex);
		const read = readRemedyFields(parametersOf(context, itemIndex), context.getInputData()[itemIndex].json, mode);
		if (!read.ok) return { ready: false, failure: inputFailure(read.message, read.field) };
		const who = identifyPerson(read.raw);
		if (!who.ok) return { ready: false, failure: who.failure };
		const { person } = who;
		if (switches.checkAllowedSlots) {
			const open = validateOpenRemedyFields(who.raw, { zone: options.zone, punchAndWorkTypeOptional: true });
			if (!open.ok) return { ready: false, failure: fieldProblemsFailure(open.problems, mode) };
			return { ready: true, plan: { switches, person, slotsFill: true, remedy: open.request } };
		}
		const closed = validateRemedyFields(who.raw, { zone: options.zone });
		if (!closed.ok) return { ready: false, failure: fieldProblemsFailure(closed.problems, mode) };
		return { ready: true, plan: { switches, person, slotsFill: false, remedy: closed.request } };
	},

	needsFeishu: (_settings, batch) => batch.some((record) => needsFeishu(record.plan)),

	async run(batch, feishu, _settings, options) {
		const employeeIds = feishu
			? await resolvePeople(batch, peopleOf, contactDirectoryOf(feishu), (record) => ({
					remedy: { ...remedyJson(record.plan.remedy), user_id: null },
				}))
			: new Map<string, string>();
		const identified = batch.filter((record) => !record.settled);
		const resolved = await resolveSlots(identified, employeeIds, feishu, options);
		let toSend: Array<Ready> = [];
		resolved.forEach((result, position) => {
			const record = identified[position];
			if ('failure' in result) record.fail(result.failure, { remedy: result.remedy });
			else toSend.push({ record, remedy: result.remedy });
		});

		const duplicates = findDuplicateRows(
			toSend
				.filter(({ record }) => record.plan.switches.catchDuplicateRows)
				.map(({ record, remedy }) => ({ index: record.index, remedy })),
		);
		toSend = toSend.filter(({ record, remedy }) => {
			const first = duplicates.get(record.index);
			if (first !== undefined) record.fail(duplicateRowFailure(first), { remedy: remedyJson(remedy) });
			return first === undefined;
		});

		if (!feishu) {
			// No check and no create asked for (a dry run without checks): every item is a dry run.
			for (const ready of toSend) ready.record.succeed(dryRunJson(ready));
			return;
		}
		// One pool of creates, fed as each group's check is answered (the checks run a few groups ahead
		// on the records API): the check costs one round trip, not one per group, and as many creates
		// wait for the pace as without it.
		const creates = new WorkQueue<Ready>();
		creates.push(toSend.filter(({ record }) => !record.plan.switches.checkExistingRemedies));
		const checked = toSend.filter(({ record }) => record.plan.switches.checkExistingRemedies);
		const checking = mapConcurrently(
			checkGroups(checked),
			options,
			async (group) => creates.push(await checkGroup(feishu, group, options)),
			(error, group) => {
				for (const { record, remedy } of group) {
					if (!record.settled) record.fail(unexpectedFailure(error), { remedy: remedyJson(remedy) });
				}
			},
			GROUPS_CHECKED_AT_ONCE,
		).finally(() => creates.close());
		await Promise.all([
			checking,
			// No more workers than rows that may need a create (a form's one row needs one).
			creates.drain(Math.min(concurrencyFor(options.requestsPerSecond), toSend.length), async (ready) => {
				await createOrDryRun(feishu, ready);
			}),
		]);
	},
});

/**
 * Checks in flight ahead of the creates: two keep the creates fed (a group holds up to 50
 * users' rows, more than a second of creates at 50/s), and few enough that a failing check
 * is found before many others were asked.
 */
const GROUPS_CHECKED_AT_ONCE = 2;

/** The slots of one group that already hold a live remedy go to Success with it; returns the rest, to create. */
async function checkGroup(feishu: FeishuClient, group: Ready[], options: RunOptions): Promise<Ready[]> {
	const answer = await findExistingRemedies(
		feishu,
		group.map(({ remedy }) => remedy),
		options.zone,
	);
	const toCreate: Ready[] = [];
	for (const ready of group) {
		const { record, remedy } = ready;
		if (!answer.ok) {
			record.fail(checkFailure(answer.failure), { remedy: remedyJson(remedy) });
			continue;
		}
		const found = existingRemedyFor(answer.existing, remedy);
		if (!found) toCreate.push(ready);
		else
			record.succeed({
				approval_id: found.approvalId,
				existing: true,
				existing_status: found.status,
				remedy: remedyJson(remedy),
				// A dry run is marked as one, whatever it found.
				...(record.plan.switches.validateOnly ? { dry_run: true } : {}),
				...resolvedUser(ready),
			});
	}
	return toCreate;
}

/** Creates one remedy (or, for Validate Only, marks it a dry run); a throw of ours fails its item. */
async function createOrDryRun(feishu: FeishuClient, ready: Ready): Promise<void> {
	const { record, remedy } = ready;
	if (record.plan.switches.validateOnly) return record.succeed(dryRunJson(ready));
	try {
		await createOne(feishu, record, remedy);
	} catch (error) {
		record.fail(unexpectedFailure(error), { remedy: remedyJson(remedy) });
	}
}

function dryRunJson(ready: Ready): IDataObject {
	return { approval_id: null, dry_run: true, remedy: remedyJson(ready.remedy), ...resolvedUser(ready) };
}

interface Ready {
	record: ItemRecord<PlannedRemedy>;
	remedy: RemedyRequest;
}

type Resolved = { remedy: RemedyRequest } | { failure: ItemFailure; remedy: IDataObject | null };

const peopleOf = (plan: PlannedRemedy): PersonKey[] => (plan.person ? [plan.person] : []);

/** The remedy with the looked-up employee ID in place of the stand-in, for a row that named its person. */
function withEmployeeId<Remedy extends RemedyRequest | OpenSlotRequest>(remedy: Remedy, employeeId: string): Remedy {
	return { ...remedy, body: { ...remedy.body, user_id: employeeId } };
}

/** Beside the email or mobile the row came with, the employee ID it was sent as. */
function resolvedUser({ record, remedy }: Ready): IDataObject {
	return record.plan.person ? resolvedUserJson(record.plan.person, remedy.body.user_id) : {};
}

/**
 * Each item's closed remedy: as planned, with the looked-up employee ID when the row named its
 * person, and with punch and work type from the allowed slots when those fill it.
 */
async function resolveSlots(
	batch: Array<ItemRecord<PlannedRemedy>>,
	employeeIds: Map<string, string>,
	feishu: FeishuClient | undefined,
	options: RunOptions,
): Promise<Resolved[]> {
	const lookup = feishu ? new AllowedSlotsLookup(feishu) : undefined;
	return await mapConcurrently<ItemRecord<PlannedRemedy>, Resolved>(
		batch,
		options,
		async ({ plan }) => {
			const employeeId = plan.person ? employeeIds.get(personKey(plan.person)) : undefined;
			if (plan.person && employeeId === undefined) {
				return { failure: unexpectedFailure(new Error('the person was not looked up')), remedy: null };
			}
			if (!plan.slotsFill) {
				return { remedy: employeeId === undefined ? plan.remedy : withEmployeeId(plan.remedy, employeeId) };
			}
			const open = employeeId === undefined ? plan.remedy : withEmployeeId(plan.remedy, employeeId);
			if (!lookup)
				return {
					failure: unexpectedFailure(new Error('the allowed slots could not be asked')),
					remedy: remedyJson(open),
				};
			const checked = await checkAgainstAllowedSlots(lookup, open);
			return checked.ok ? { remedy: checked.remedy } : { failure: checked.failure, remedy: remedyJson(open) };
		},
		(error) => ({ failure: unexpectedFailure(error), remedy: null }),
	);
}

async function createOne(
	feishu: FeishuClient,
	record: ItemRecord<PlannedRemedy>,
	remedy: RemedyRequest,
): Promise<void> {
	const result = await feishu.call({
		path: REMEDY_PATH,
		query: { employee_type: remedy.employee_type },
		body: { ...remedy.body },
	});
	if (!result.ok) return record.fail(result.failure, { remedy: remedyJson(remedy) });
	record.succeed({
		approval_id: objectAt(result.data, 'user_remedy').approval_id ?? null,
		remedy: remedyJson(remedy),
		...resolvedUser({ record, remedy }),
	});
}
