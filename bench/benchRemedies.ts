/**
 * The remedies the benchmark sends: valid ones for the sandbox's bulk users `bench-1` …
 * `bench-10000` (group "Unlimited": no monthly limit, 3650 days back, every slot a
 * "Lack"), each (user, date, slot) handed out once per benchmark run, so no phase ever
 * sends a remedy another phase already sent.
 */
import type { IDataObject } from 'n8n-workflow';

export const BENCH_USERS = 10_000;
/** Dates cycle through four weeks before "today", then the next four weeks back, … */
const DAYS_PER_CYCLE = 28;
/** The group accepts remedies up to 3650 days back; stay well inside. */
const MAX_DAYS_BACK = 3000;

export interface BenchRemedy {
	employeeId: string;
	/** yyyyMMdd */
	remedyDate: number;
	workType: 1 | 2;
	/** HH:mm on the remedy date: the group's 09:00 on duty or 18:00 off duty. */
	clock: string;
}

export class BenchRemedies {
	private issued = 0;

	/** `today` is the sandbox's "today" (yyyyMMdd); every remedy lies before it. */
	constructor(private readonly today: number) {}

	/**
	 * The next `count` remedies. The k-th goes to user (k mod 10,000) + 1 on the day
	 * 1 + (k mod 28) + 28 × ⌊k / 10,000⌋ before today: consecutive items spread over users
	 * and dates, and no (user, date) pair repeats within a run.
	 */
	take(count: number): BenchRemedy[] {
		const remedies: BenchRemedy[] = [];
		for (let i = 0; i < count; i++) {
			const k = this.issued++;
			const daysBack = 1 + (k % DAYS_PER_CYCLE) + DAYS_PER_CYCLE * Math.floor(k / BENCH_USERS);
			if (daysBack > MAX_DAYS_BACK) throw new RangeError(`the benchmark ran out of distinct remedies after ${k} items`);
			const workType = k % 2 === 0 ? 1 : 2;
			remedies.push({
				employeeId: `bench-${(k % BENCH_USERS) + 1}`,
				remedyDate: daysBefore(this.today, daysBack),
				workType,
				clock: workType === 1 ? '09:00' : '18:00',
			});
		}
		return remedies;
	}
}

/** The row a sheet or a Code node would hand the node, in the column names "Map Automatically" reads. */
export function asInputRow(remedy: BenchRemedy): IDataObject {
	return {
		employee_id: remedy.employeeId,
		remedy_date: isoDate(remedy.remedyDate),
		punch_no: 0,
		work_type: remedy.workType === 1 ? 'on_duty' : 'off_duty',
		remedy_time: remedy.clock,
		reason: 'Forgot to punch (benchmark)',
	};
}

/** The body of `POST user_task_remedys?employee_type=employee_id`, as a hand-written loop sends it. */
export function asRequestBody(remedy: BenchRemedy): IDataObject {
	return {
		user_id: remedy.employeeId,
		remedy_date: remedy.remedyDate,
		punch_no: 0,
		work_type: remedy.workType,
		remedy_time: `${isoDate(remedy.remedyDate)} ${remedy.clock}`,
		reason: 'Forgot to punch (benchmark)',
	};
}

function daysBefore(yyyymmdd: number, days: number): number {
	const year = Math.floor(yyyymmdd / 10000);
	const month = Math.floor(yyyymmdd / 100) % 100;
	const day = yyyymmdd % 100;
	const date = new Date(Date.UTC(year, month - 1, day - days));
	return date.getUTCFullYear() * 10000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

function isoDate(yyyymmdd: number): string {
	const text = String(yyyymmdd);
	return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}
