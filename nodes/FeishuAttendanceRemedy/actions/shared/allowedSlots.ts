/**
 * Allowed remedy slots (获取可补卡时间): which punches of a day may still be remedied and
 * in which time window. Used by "Get Allowed Remedy Slots" and by the create option
 * "Check Allowed Slots First". One run asks once per user and day, however many items
 * name them.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ItemFailure } from '../../execution/failure';
import type { EmployeeType, PunchNo, WorkType } from '../../remedy/remedyTypes';
import type { FeishuClient } from '../../transport/feishuClient';

export const ALLOWED_SLOTS_PATH = '/open-apis/attendance/v1/user_task_remedys/query_user_allowed_remedys';

export interface AllowedSlot {
	user_id: string;
	remedy_date: number;
	is_free_punch: boolean;
	punch_no: PunchNo;
	work_type: WorkType;
	punch_status: string;
	normal_punch_time: string;
	remedy_start_time: string;
	remedy_end_time: string;
}

export type SlotsAnswer = { ok: true; slots: AllowedSlot[] } | { ok: false; failure: ItemFailure };

/** Per-run memo of allowed-slot answers, keyed by ID type, user and day. */
export class AllowedSlotsLookup {
	private readonly answers = new Map<string, Promise<SlotsAnswer>>();

	constructor(private readonly client: FeishuClient) {}

	async get(employeeType: EmployeeType, userId: string, remedyDate: number): Promise<SlotsAnswer> {
		const key = `${employeeType}\n${userId}\n${remedyDate}`;
		let answer = this.answers.get(key);
		if (!answer) {
			answer = this.fetch(employeeType, userId, remedyDate);
			this.answers.set(key, answer);
		}
		return await answer;
	}

	private async fetch(employeeType: EmployeeType, userId: string, remedyDate: number): Promise<SlotsAnswer> {
		const result = await this.client.call({
			path: ALLOWED_SLOTS_PATH,
			query: { employee_type: employeeType },
			body: { user_id: userId, remedy_date: remedyDate },
		});
		if (!result.ok) return result;
		const slots = Array.isArray(result.data.user_allowed_remedys)
			? (result.data.user_allowed_remedys as unknown as AllowedSlot[])
			: [];
		return { ok: true, slots };
	}
}

/** Slots whose window holds the time; Feishu's `yyyy-MM-dd HH:mm` compares correctly as text. */
export function slotsContaining(slots: AllowedSlot[], remedyTime: string): AllowedSlot[] {
	return slots.filter((slot) => slot.remedy_start_time <= remedyTime && remedyTime <= slot.remedy_end_time);
}

export function isSameSlot(slot: AllowedSlot, punchNo: PunchNo, workType: WorkType): boolean {
	return slot.punch_no === punchNo && slot.work_type === workType;
}

const ORDINALS = ['1st', '2nd', '3rd'];

/** "1st pair on duty (Lack): 2026-01-12 00:00 – 2026-01-12 18:00", one slot per clause. */
export function describeSlots(slots: AllowedSlot[]): string {
	if (slots.length === 0) return 'none';
	return slots
		.map((slot) => {
			const which =
				slot.is_free_punch || slot.work_type === 0
					? 'free schedule'
					: `${ORDINALS[slot.punch_no] ?? slot.punch_no} pair ${slot.work_type === 1 ? 'on duty' : 'off duty'}`;
			return `${which} (${slot.punch_status}): ${slot.remedy_start_time} – ${slot.remedy_end_time}`;
		})
		.join('; ');
}

export function slotJson(slot: AllowedSlot, employeeType: EmployeeType): IDataObject {
	return { employee_type: employeeType, ...slot };
}
