/**
 * "Check Allowed Slots First": a remedy is created only when its time falls inside an
 * allowed window of that day; a punch and work type left open are filled from the one
 * slot whose window holds the time.
 */
import { failure } from '../../execution/failure';
import type { ItemFailure } from '../../execution/failure';
import type { RemedyRequest } from '../../remedy/remedyTypes';
import type { OpenSlotRequest } from '../../remedy/remedyValidation';
import { describeSlots, isSameSlot, slotsContaining } from './allowedSlots';
import type { AllowedSlotsLookup } from './allowedSlots';

export type SlotCheck = { ok: true; remedy: RemedyRequest } | { ok: false; failure: ItemFailure };

export async function checkAgainstAllowedSlots(lookup: AllowedSlotsLookup, open: OpenSlotRequest): Promise<SlotCheck> {
	const { body } = open;
	const answer = await lookup.get(open.employee_type, body.user_id, body.remedy_date);
	if (!answer.ok) return { ok: false, failure: answer.failure };

	const fitting = slotsContaining(answer.slots, body.remedy_time);
	const allowed = describeSlots(answer.slots);
	if (body.punch_no !== undefined && body.work_type !== undefined) {
		const { punch_no: punchNo, work_type: workType } = body;
		const slot = answer.slots.find((s) => isSameSlot(s, punchNo, workType));
		if (!slot)
			return {
				ok: false,
				failure: slotFailure(`That punch has nothing to remedy on ${body.remedy_date}. Allowed slots: ${allowed}`),
			};
		if (!fitting.includes(slot)) {
			return {
				ok: false,
				failure: slotFailure(
					`The remedy time ${body.remedy_time} is outside the allowed window of that punch. Allowed slots: ${allowed}`,
				),
			};
		}
		return {
			ok: true,
			remedy: { employee_type: open.employee_type, body: { ...body, punch_no: punchNo, work_type: workType } },
		};
	}

	if (fitting.length === 0) {
		return {
			ok: false,
			failure: slotFailure(
				`The remedy time ${body.remedy_time} is outside every allowed window. Allowed slots: ${allowed}`,
			),
		};
	}
	if (fitting.length > 1) {
		return {
			ok: false,
			failure: slotFailure(
				`The remedy time ${body.remedy_time} fits several slots; set Punch and Work Type. Fitting slots: ${describeSlots(fitting)}`,
			),
		};
	}
	const [slot] = fitting;
	return {
		ok: true,
		remedy: {
			employee_type: open.employee_type,
			body: { ...body, punch_no: slot.punch_no, work_type: slot.work_type },
		},
	};
}

function slotFailure(hint: string): ItemFailure {
	return failure({
		category: 'not_allowed',
		msg: 'The remedy does not fit an allowed slot of that day; no remedy was created',
		hint,
	});
}
