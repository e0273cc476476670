/**
 * Duplicate rows: two items of one run for the same slot (ID type, user, day, punch, work
 * type). Both sent would make a second pending remedy that someone must withdraw by hand.
 */
import { failure } from '../../execution/failure';
import type { ItemFailure } from '../../execution/failure';
import type { EmployeeType, RemedyRequest } from '../../remedy/remedyTypes';

export function slotKey(
	employeeType: EmployeeType,
	userId: string,
	remedyDate: unknown,
	punchNo: unknown,
	workType: unknown,
): string {
	return [employeeType, userId, remedyDate, punchNo, workType].join('\n');
}

/** The slot a remedy is for: Feishu holds one live remedy per slot. */
export function keyOf(remedy: RemedyRequest): string {
	const { body } = remedy;
	return slotKey(remedy.employee_type, body.user_id, body.remedy_date, body.punch_no, body.work_type);
}

/** For each later item that repeats an earlier one's slot: the earlier item's index. */
export function findDuplicateRows(items: Array<{ index: number; remedy: RemedyRequest }>): Map<number, number> {
	const firstIndexOf = new Map<string, number>();
	const duplicates = new Map<number, number>();
	for (const { index, remedy } of [...items].sort((a, b) => a.index - b.index)) {
		const key = keyOf(remedy);
		const first = firstIndexOf.get(key);
		if (first === undefined) firstIndexOf.set(key, index);
		else duplicates.set(index, first);
	}
	return duplicates;
}

export function duplicateRowFailure(firstIndex: number): ItemFailure {
	return failure({
		category: 'duplicate',
		msg: `Same remedy as item ${firstIndex} (same user, day, punch and work type); it was not sent`,
		hint: `Only the first of the two is sent. Remove the repeated row, or turn off Catch Duplicate Rows if both are meant.`,
	});
}
