/**
 * A seeded user's working day: the punch slots their group schedules, each slot's punch result,
 * and the window in which a remedy of that slot may be placed (what query_user_allowed_remedys
 * reports). Every day is a working day: the sandbox has no holidays or rest days.
 */

import { MINUTES_PER_DAY, parseClock } from '../calendar';
import type { UserRecord } from '../directory';
import type { PunchResult, SeedGroup } from '../types';

export interface PunchSlot {
	punchNo: number;
	/** 1 on duty, 2 off duty; 0 for a free schedule. */
	workType: 0 | 1 | 2;
	/** Which on/off punch this is, whatever the schedule: 1 on, 2 off. */
	direction: 1 | 2;
	result: PunchResult;
	/** Minutes from 00:00 of the remedy date; past 1440 means the next day. */
	scheduledMinute: number;
	windowStartMinute: number;
	windowEndMinute: number;
}

/** Off-duty remedies may be placed until 06:00 the next day, as late punches of a long day are. */
const NEXT_MORNING = MINUTES_PER_DAY + 6 * 60;
/** The create page allows remedy_time on the remedy date or the next day, so windows end by then. */
const LAST_MINUTE = 2 * MINUTES_PER_DAY - 1;
const FREE_DEFAULT_HOURS = { onDuty: '09:00', offDuty: '18:00' };

export function slotsOfDay(user: UserRecord, ymd: number): PunchSlot[] {
	const results = user.days[String(ymd)] ?? [];
	const resultAt = (index: number): PunchResult => results[index] ?? user.defaultResult;
	const times = scheduledMinutes(user.group);
	if (user.group.freeSchedule) {
		return [
			{
				punchNo: 0,
				workType: 0,
				direction: 1,
				result: resultAt(0),
				scheduledMinute: times[0],
				windowStartMinute: 0,
				windowEndMinute: MINUTES_PER_DAY - 1,
			},
			{
				punchNo: 0,
				workType: 0,
				direction: 2,
				result: resultAt(1),
				scheduledMinute: times[1],
				windowStartMinute: 0,
				windowEndMinute: NEXT_MORNING,
			},
		];
	}
	return times.map((scheduledMinute, index): PunchSlot => {
		const isOnDuty = index % 2 === 0;
		const isLast = index === times.length - 1;
		return {
			punchNo: Math.floor(index / 2),
			workType: isOnDuty ? 1 : 2,
			direction: isOnDuty ? 1 : 2,
			result: resultAt(index),
			scheduledMinute,
			// On duty: after the previous pair's off duty, up to this pair's off duty.
			// Off duty: from this pair's on duty, up to the next pair's on duty (or the next morning).
			windowStartMinute: isOnDuty ? (index === 0 ? 0 : times[index - 1]) : times[index - 1],
			windowEndMinute: isOnDuty
				? times[index + 1]
				: isLast
					? Math.min(LAST_MINUTE, Math.max(NEXT_MORNING, scheduledMinute + 240))
					: times[index + 1],
		};
	});
}

/** The slot a create targets; for a free schedule any abnormal punch of the day makes it needed. */
export function slotNeedsRemedy(slots: PunchSlot[], punchNo: number, workType: number): boolean {
	if (slots[0]?.workType === 0) return slots.some((slot) => slot.result !== 'Normal');
	const slot = slots.find((candidate) => candidate.punchNo === punchNo && candidate.workType === workType);
	return slot !== undefined && slot.result !== 'Normal';
}

/** Scheduled punch times in order on0, off0, on1, …, each at or after the previous (overnight → +1 day). */
function scheduledMinutes(group: SeedGroup): number[] {
	const pairs = group.freeSchedule ? [group.punchPairs[0] ?? FREE_DEFAULT_HOURS] : group.punchPairs;
	const minutes: number[] = [];
	for (const pair of pairs) {
		for (const clock of [pair.onDuty, pair.offDuty]) {
			let minute = parseClock(clock) ?? 0;
			const previous = minutes[minutes.length - 1];
			while (previous !== undefined && minute < previous) minute += MINUTES_PER_DAY;
			minutes.push(minute);
		}
	}
	return minutes;
}
