/**
 * Where each input item went and what Feishu holds for it: every input item must be in
 * exactly one output, once, linked by pairedItem, in input order; requests and stored
 * remedies are traced back to their item by a tag at the start of the reason.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { PATHS } from '../../sandbox';
import type { RecordedRequest, StoredRemedy } from '../../sandbox';

export const CREATE_PATH = PATHS.createRemedy;
export const TOKEN_PATH = PATHS.tenantToken;

export interface RoutedItem {
	output: 'success' | 'failed';
	json: IDataObject;
}

/** The remedy as the node reports it and Feishu should hold it. */
export interface ExpectedRemedy {
	employee_type: 'employee_id' | 'employee_no';
	user_id: string;
	remedy_date: number;
	punch_no: number;
	work_type: number;
	remedy_time: string;
	reason: string;
}

/** Problems are collected and compared to [] once: thousands of items, one readable failure. */
export class Problems {
	readonly list: string[] = [];

	add(problem: string): void {
		if (this.list.length < 30) this.list.push(problem);
	}

	check(condition: boolean, problem: () => string): void {
		if (!condition) this.add(problem());
	}

	expectNone(): void {
		expect(this.list).toEqual([]);
	}
}

/**
 * Checks that the two outputs hold each of `count` input items exactly once, each linked
 * by `pairedItem: { item: i }` and carrying its input's `row` column (= i), each output in
 * input order. Returns the items by input index.
 */
export function routeOf(
	result: { success: INodeExecutionData[]; failed: INodeExecutionData[] },
	count: number,
): RoutedItem[] {
	const problems = new Problems();
	const routed: Array<RoutedItem | undefined> = new Array(count);
	for (const output of ['success', 'failed'] as const) {
		let previous = -1;
		for (const item of result[output]) {
			const paired = item.pairedItem as { item?: unknown } | undefined;
			const index = paired?.item;
			if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
				problems.add(`${output}: pairedItem ${JSON.stringify(item.pairedItem)} names no input item`);
				continue;
			}
			if (routed[index]) problems.add(`item ${index} is in ${routed[index]?.output} and again in ${output}`);
			if (index <= previous) problems.add(`${output}: item ${index} comes after item ${previous}`);
			if (item.json.row !== index)
				problems.add(`${output}: pairedItem ${index} carries the columns of row ${String(item.json.row)}`);
			previous = index;
			routed[index] = { output, json: item.json };
		}
	}
	for (let index = 0; index < count; index++) if (!routed[index]) problems.add(`item ${index} is in neither output`);
	problems.expectNone();
	return routed as RoutedItem[];
}

/** The tag is the reason's first word: `#17 forgot to clock in` belongs to item 17. */
export function tagOfReason(reason: unknown): number | undefined {
	if (typeof reason !== 'string') return undefined;
	const match = /^#(\d+)(?:\s|$)/.exec(reason);
	return match ? Number(match[1]) : undefined;
}

/** Create requests and stored remedies of each item, by the tag in their reason. */
export function traceByItem(requests: RecordedRequest[], remedies: StoredRemedy[], count: number) {
	const requestsOf: RecordedRequest[][] = Array.from({ length: count }, () => []);
	const storedOf: StoredRemedy[][] = Array.from({ length: count }, () => []);
	const strangers: string[] = [];
	for (const request of requests) {
		if (request.path !== CREATE_PATH) continue;
		const tag = tagOfReason((request.body as { reason?: unknown } | undefined)?.reason);
		if (tag === undefined || tag >= count) strangers.push(`request ${request.seq}`);
		else requestsOf[tag].push(request);
	}
	for (const remedy of remedies) {
		const tag = tagOfReason(remedy.reason);
		if (tag === undefined || tag >= count) strangers.push(`remedy ${remedy.approvalId}`);
		else storedOf[tag].push(remedy);
	}
	return { requestsOf, storedOf, strangers };
}

export function storedAsExpected(stored: StoredRemedy): ExpectedRemedy {
	return {
		employee_type: stored.employeeType,
		user_id: stored.userId,
		remedy_date: stored.remedyDate,
		punch_no: stored.punchNo,
		work_type: stored.workType,
		remedy_time: stored.remedyTime,
		reason: stored.reason,
	};
}

export function slotOf(remedy: StoredRemedy): string {
	return [remedy.employeeId, remedy.remedyDate, remedy.punchNo, remedy.workType].join('|');
}
