/**
 * Get Allowed Remedy Slots: per user and day, the punches that may still be remedied and
 * their time windows — one output item per slot, or all slots in one item.
 */
import type { IDataObject } from 'n8n-workflow';

import { failedOutcome, invalidFieldFailure } from '../execution/itemOutcome';
import { sendEach } from '../execution/runAction';
import type { RemedyAction } from '../execution/runAction';
import { readRemedyFields } from '../remedy/remedyFieldReader';
import type { MappingMode } from '../remedy/remedyFieldReader';
import type { EmployeeType } from '../remedy/remedyTypes';
import { validateUserAndDay } from '../remedy/remedyValidation';
import { AllowedSlotsLookup, slotJson } from './allowedSlots';
import { fieldProblemsFailure, inputFailure } from './createRemedy';

interface SlotsRequest {
	employeeType: EmployeeType;
	userId: string;
	remedyDate: number;
	allInOneItem: boolean;
}

export const getAllowedSlotsAction: RemedyAction<SlotsRequest> = {
	plan(context, itemIndex, options) {
		const mode = context.getNodeParameter('mappingMode', itemIndex, 'defineBelow') as MappingMode;
		const read = readRemedyFields(context, itemIndex, mode, ['employeeType', 'userId', 'remedyDate']);
		if (!read.ok) return { ready: false, outcome: failedOutcome(inputFailure(read.message, read.field)) };
		const valid = validateUserAndDay(read.raw, options.zone);
		if (!valid.ok) return { ready: false, outcome: fieldProblemsFailure(valid.problems, mode) };
		let output: unknown;
		try {
			output = context.getNodeParameter('slotOutput', itemIndex, 'eachSlot');
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			return { ready: false, outcome: failedOutcome(invalidFieldFailure(`The expression of slotOutput failed: ${reason}`, 'output')) };
		}
		return { ready: true, request: { ...valid, allInOneItem: output === 'oneItem' } };
	},

	async sendAll(client, items, options) {
		const lookup = new AllowedSlotsLookup(client as NonNullable<typeof client>);
		return await sendEach(items, options, async (request) => {
			const answer = await lookup.get(request.employeeType, request.userId, request.remedyDate);
			const query: IDataObject = { employee_type: request.employeeType, user_id: request.userId, remedy_date: request.remedyDate };
			if (!answer.ok) return failedOutcome(answer.failure, query);
			const slots = answer.slots.map((slot) => slotJson(slot, request.employeeType));
			if (request.allInOneItem) return { success: [{ ...query, slots }] };
			// A day with nothing to remedy answers 1226501 (Failed); an empty list still counts as an answer.
			return { success: slots.length > 0 ? slots : [{ ...query, slots: [] }] };
		});
	},
};
