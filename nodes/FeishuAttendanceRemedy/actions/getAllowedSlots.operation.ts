/**
 * Get Allowed Remedy Slots: per user and day, the punches that may still be remedied and
 * their time windows — one output item per slot, or all slots in one item.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { expressionFailure, unexpectedFailure } from '../execution/failure';
import { personKey } from '../identity/personKeys';
import type { PersonKey } from '../identity/personKeys';
import { readRemedyFields } from '../remedy/remedyFieldReader';
import type { EmployeeType } from '../remedy/remedyTypes';
import { validateUserAndDay } from '../remedy/remedyValidation';
import { defineOperation, settleEach } from './operation';
import { AllowedSlotsLookup, slotJson } from './shared/allowedSlots';
import { identifyPerson } from './shared/personInput';
import { contactDirectoryOf, resolvePeople, resolvedUserJson } from './shared/personLookup';
import { fieldProblemsFailure, inputFailure, mappingModeOf, parametersOf } from './shared/remedyInput';

/** Its own field; who and which day are the shared remedy fields. */
const slotsFields: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'slotOutput',
		type: 'options',
		options: [
			{ name: 'One Item per Slot', value: 'eachSlot' },
			{ name: 'All Slots in One Item', value: 'oneItem', description: 'One item per input with the slots in a list' },
		],
		default: 'eachSlot',
		displayOptions: { show: { operation: ['getAllowedSlots'] } },
	},
];

interface SlotsQuery {
	employeeType: EmployeeType;
	userId: string;
	remedyDate: number;
	allInOneItem: boolean;
	/** Named by email or mobile: the run looks up the employee ID to ask with. */
	person?: PersonKey;
}

export const getAllowedSlotsOperation = defineOperation<null, SlotsQuery>({
	properties: slotsFields,
	unplanned: { slot_query: null },

	readSettings: () => null,

	plan(context, itemIndex, _settings, options) {
		const mode = mappingModeOf(context, itemIndex);
		const read = readRemedyFields(parametersOf(context, itemIndex), context.getInputData()[itemIndex].json, mode, [
			'employeeType',
			'userId',
			'remedyDate',
		]);
		if (!read.ok) return { ready: false, failure: inputFailure(read.message, read.field) };
		const who = identifyPerson(read.raw);
		if (!who.ok) return { ready: false, failure: who.failure };
		const valid = validateUserAndDay(who.raw, options.zone);
		if (!valid.ok) return { ready: false, failure: fieldProblemsFailure(valid.problems, mode) };
		let output: unknown;
		try {
			output = context.getNodeParameter('slotOutput', itemIndex, 'eachSlot');
		} catch (error) {
			return { ready: false, failure: expressionFailure('slotOutput', 'output', error) };
		}
		const { employeeType, userId, remedyDate } = valid;
		return {
			ready: true,
			plan: { employeeType, userId, remedyDate, allInOneItem: output === 'oneItem', person: who.person },
		};
	},

	async run(batch, feishu, _settings, options) {
		if (!feishu) return;
		const employeeIds = await resolvePeople(batch, peopleOf, contactDirectoryOf(feishu), ({ plan }) => ({
			slot_query: { employee_type: plan.employeeType, user_id: null, remedy_date: plan.remedyDate },
		}));
		const lookup = new AllowedSlotsLookup(feishu);
		await settleEach(
			batch.filter((record) => !record.settled),
			options,
			async (record) => {
				const { employeeType, remedyDate, allInOneItem, person } = record.plan;
				const userId = person ? employeeIds.get(personKey(person)) : record.plan.userId;
				if (userId === undefined)
					return record.fail(unexpectedFailure(new Error('the person was not looked up')), { slot_query: null });
				const answer = await lookup.get(employeeType, userId, remedyDate);
				const query: IDataObject = { employee_type: employeeType, user_id: userId, remedy_date: remedyDate };
				if (!answer.ok) return record.fail(answer.failure, { slot_query: query });
				const resolved = person ? resolvedUserJson(person, userId) : {};
				const slots = answer.slots.map((slot) => ({ ...slotJson(slot, employeeType), ...resolved }));
				if (allInOneItem) return record.produce([{ ...query, slots, ...resolved }]);
				// A day with nothing to remedy answers 1226501 (Failed); an empty list still counts as an answer.
				record.produce(slots.length > 0 ? slots : [{ ...query, slots: [], ...resolved }]);
			},
		);
	},
});

function peopleOf(plan: SlotsQuery): PersonKey[] {
	return plan.person ? [plan.person] : [];
}
