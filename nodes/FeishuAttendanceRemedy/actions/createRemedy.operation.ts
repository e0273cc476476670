/**
 * Create Remedy Request: `POST /open-apis/attendance/v1/user_task_remedys`. Writes the
 * remedy into Feishu Attendance as pending and returns its approval_id. In order, and
 * each only when switched on: the allowed-slot check (which may fill punch and work
 * type), the duplicate checks, then the create itself (skipped by Validate Only).
 */
import type { IDataObject } from 'n8n-workflow';

import { failedOutcome, invalidFieldFailure } from '../execution/itemOutcome';
import type { ItemFailure, ItemOutcome } from '../execution/itemOutcome';
import { mapEach, sendEach, unexpectedFailure } from '../execution/runAction';
import type { ReadyItem, RemedyAction } from '../execution/runAction';
import type { RunOptions } from '../execution/runOptions';
import { columnNamesOf } from '../remedy/columnAliases';
import { expectedColumns, readRemedyFields } from '../remedy/remedyFieldReader';
import type { MappingMode } from '../remedy/remedyFieldReader';
import type { FieldProblem, RemedyFieldName, RemedyRequest } from '../remedy/remedyTypes';
import { describeProblems, renderValue, validateOpenRemedyFields } from '../remedy/remedyValidation';
import type { OpenSlotRequest } from '../remedy/remedyValidation';
import type { FeishuClient } from '../transport/feishuClient';
import { AllowedSlotsLookup } from './allowedSlots';
import { readCreateSettings } from './createSettings';
import type { CreateSettings } from './createSettings';
import { duplicateRowFailure, existingRemedyFailure, existingRemedyFor, findDuplicateRows, findExistingRemedies } from './duplicateRemedies';
import { checkAgainstAllowedSlots } from './slotCheck';

export const REMEDY_PATH = '/open-apis/attendance/v1/user_task_remedys';

export interface PlannedRemedy {
	remedy: OpenSlotRequest;
	input: IDataObject;
	settings: CreateSettings;
}

/** The request as sent, flattened for the output: the query parameter beside the body. */
export function remedyJson(remedy: RemedyRequest | OpenSlotRequest): IDataObject {
	return { employee_type: remedy.employee_type, ...remedy.body };
}

export function invalidInputFailure(problems: FieldProblem[]): ItemFailure {
	const first = problems[0];
	return inputFailure(describeProblems(problems), first.field, renderValue(first.value));
}

export function inputFailure(msg: string, field: RemedyFieldName, value?: string): ItemFailure {
	return invalidFieldFailure(msg, columnNamesOf(field)[0], value);
}

/** In "Map Automatically", a missing value is a missing column: the message says which names work. */
export function fieldProblemsFailure(problems: FieldProblem[], mode: MappingMode): ItemOutcome {
	const explained =
		mode === 'autoMap'
			? problems.map((p) => (p.value === undefined ? { ...p, expected: `${expectedColumns(p.field)} holding ${p.expected}` } : p))
			: problems;
	return failedOutcome(invalidInputFailure(explained));
}

function planRemedy(
	context: Parameters<RemedyAction<unknown>['plan']>[0],
	itemIndex: number,
	options: RunOptions,
	punchAndWorkTypeOptional: boolean,
): { ok: true; remedy: OpenSlotRequest } | { ok: false; outcome: ItemOutcome } {
	const mode = context.getNodeParameter('mappingMode', itemIndex, 'defineBelow') as MappingMode;
	const read = readRemedyFields(context, itemIndex, mode);
	if (!read.ok) return { ok: false, outcome: failedOutcome(inputFailure(read.message, read.field)) };
	const validation = validateOpenRemedyFields(read.raw, { zone: options.zone, punchAndWorkTypeOptional });
	if (!validation.ok) return { ok: false, outcome: fieldProblemsFailure(validation.problems, mode) };
	return { ok: true, remedy: validation.request };
}

type Resolved = { ok: true; remedy: RemedyRequest } | { ok: false; outcome: ItemOutcome };

export const createRemedyAction: RemedyAction<PlannedRemedy> = {
	plan(context, itemIndex, options) {
		let settings: CreateSettings;
		try {
			settings = readCreateSettings(context, itemIndex);
		} catch (error) {
			// An Options expression that throws for this item fails this item, like a field's would.
			const reason = error instanceof Error ? error.message : String(error);
			return { ready: false, outcome: failedOutcome(invalidFieldFailure(`The expression of options failed: ${reason}`, 'options')) };
		}
		const planned = planRemedy(context, itemIndex, options, settings.checkAllowedSlots);
		if (!planned.ok) return { ready: false, outcome: planned.outcome };
		return { ready: true, request: { remedy: planned.remedy, input: context.getInputData()[itemIndex].json, settings } };
	},

	needsFeishu(items) {
		const { settings } = items[0].request;
		return !settings.validateOnly || settings.checkAllowedSlots || settings.checkExistingRemedies;
	},

	async sendAll(client, items, options) {
		const settings = items[0].request.settings;
		const outcomes = new Map<number, ItemOutcome>();
		const resolved = await resolveSlots(client, items, options, settings);

		const ready: Array<ReadyItem<RemedyRequest>> = [];
		for (const { index } of items) {
			const result = resolved.get(index) as Resolved;
			if (result.ok) ready.push({ index, request: result.remedy });
			else outcomes.set(index, result.outcome);
		}

		let toSend = ready;
		if (settings.catchDuplicateRows) {
			const remedyAt = new Map(ready.map(({ index, request }) => [index, request]));
			const duplicates = findDuplicateRows(ready.map(({ index, request }) => ({ index, remedy: request })));
			for (const [index, first] of duplicates) {
				outcomes.set(index, failedOutcome(duplicateRowFailure(first), remedyJson(remedyAt.get(index) as RemedyRequest)));
			}
			toSend = toSend.filter(({ index }) => !duplicates.has(index));
		}
		if (settings.checkExistingRemedies && client && toSend.length > 0) {
			const answer = await findExistingRemedies(client, toSend.map((item) => item.request), options.zone);
			if (!answer.ok) {
				for (const { index, request } of toSend) outcomes.set(index, failedOutcome(answer.failure, remedyJson(request)));
				return outcomes;
			}
			toSend = toSend.filter(({ index, request }) => {
				const found = existingRemedyFor(answer.existing, request);
				if (found) outcomes.set(index, failedOutcome(existingRemedyFailure(found), remedyJson(request)));
				return !found;
			});
		}

		const inputOf = new Map(items.map((item) => [item.index, item.request.input]));
		if (settings.validateOnly || !client) {
			for (const { index, request } of toSend) {
				outcomes.set(index, { success: [{ ...inputOf.get(index), approval_id: null, dry_run: true, remedy: remedyJson(request) }] });
			}
			return outcomes;
		}
		const created = await sendEach(toSend, options, async (remedy, index) => await createOne(client, remedy, inputOf.get(index) ?? {}));
		for (const [index, outcome] of created) outcomes.set(index, outcome);
		return outcomes;
	},
};

async function resolveSlots(
	client: FeishuClient | undefined,
	items: Array<ReadyItem<PlannedRemedy>>,
	options: RunOptions,
	settings: CreateSettings,
): Promise<Map<number, Resolved>> {
	if (!settings.checkAllowedSlots || !client) {
		// Without the check, planning already required punch and work type.
		return new Map(items.map(({ index, request }) => [index, { ok: true, remedy: request.remedy as RemedyRequest }]));
	}
	const lookup = new AllowedSlotsLookup(client);
	return await mapEach<PlannedRemedy, Resolved>(
		items,
		options,
		async ({ remedy }) => {
			const checked = await checkAgainstAllowedSlots(lookup, remedy);
			return checked.ok ? checked : { ok: false, outcome: failedOutcome(checked.failure, remedyJson(remedy)) };
		},
		(error) => ({ ok: false, outcome: failedOutcome(unexpectedFailure(error)) }),
	);
}

async function createOne(client: FeishuClient, remedy: RemedyRequest, input: IDataObject): Promise<ItemOutcome> {
	const result = await client.call({ path: REMEDY_PATH, query: { employee_type: remedy.employee_type }, body: { ...remedy.body } });
	if (!result.ok) return failedOutcome(result.failure, remedyJson(remedy));
	const userRemedy = (result.data.user_remedy ?? {}) as IDataObject;
	return { success: [{ ...input, approval_id: userRemedy.approval_id ?? null, remedy: remedyJson(remedy) }] };
}
