/**
 * The remedies (补卡审批) written through the API, their approval state machine, and the per-user
 * per-month count of live (pending or approved) remedies that the monthly limit rule reads.
 * Indexed so create and query stay O(1)/O(user's remedies) with 100k stored remedies.
 */

import type { RemedyStatus, StoredRemedy } from './types';

/** The fields every remedy answer shares (create's `user_remedy`, query's `user_remedys[]`). */
export function remedyAnswerFields(remedy: StoredRemedy, userId: string): Record<string, unknown> {
	return {
		user_id: userId,
		remedy_date: remedy.remedyDate,
		punch_no: remedy.punchNo,
		work_type: remedy.workType,
		approval_id: remedy.approvalId,
		remedy_time: remedy.remedyTime,
		status: remedy.status,
		reason: remedy.reason,
	};
}

export type NewRemedy = Omit<StoredRemedy, 'approvalId' | 'status' | 'createdAt' | 'updatedAt'>;

export type TransitionResult =
	| { ok: true; remedy: StoredRemedy }
	| { ok: false; reason: 'unknown' }
	| { ok: false; reason: 'not-allowed'; from: RemedyStatus };

/** Feishu's rule: only a pending approval can be approved or rejected; only an approved one withdrawn. */
const ALLOWED: Record<RemedyStatus, readonly RemedyStatus[]> = { 0: [1, 2], 1: [], 2: [4], 3: [], 4: [] };

/** Counted against the monthly limit. Rejected and withdrawn remedies give the chance back. */
const LIVE: ReadonlySet<RemedyStatus> = new Set<RemedyStatus>([0, 2]);

/** Real approval ids are 19-digit numbers starting with 7; a process-wide counter keeps them unique across resets. */
const APPROVAL_ID_BASE = BigInt(Date.now()) * 10_000n;
let approvalCounter = 0n;

export class RemedyStore {
	private readonly list: StoredRemedy[] = [];
	private readonly byApprovalId = new Map<string, StoredRemedy>();
	private readonly byEmployee = new Map<string, StoredRemedy[]>();
	private readonly liveByEmployeeMonth = new Map<string, number>();

	create(input: NewRemedy, nowMs: number): StoredRemedy {
		approvalCounter += 1n;
		const approvalId = `7${(APPROVAL_ID_BASE + approvalCounter).toString().padStart(18, '0').slice(-18)}`;
		const remedy: StoredRemedy = { ...input, approvalId, status: 0, createdAt: nowMs, updatedAt: nowMs };
		this.list.push(remedy);
		this.byApprovalId.set(approvalId, remedy);
		const mine = this.byEmployee.get(remedy.employeeId);
		if (mine) mine.push(remedy);
		else this.byEmployee.set(remedy.employeeId, [remedy]);
		this.countLive(remedy, 1);
		return remedy;
	}

	transition(approvalId: string, to: RemedyStatus, nowMs: number): TransitionResult {
		const remedy = this.byApprovalId.get(approvalId);
		if (!remedy) return { ok: false, reason: 'unknown' };
		if (!ALLOWED[remedy.status].includes(to)) return { ok: false, reason: 'not-allowed', from: remedy.status };
		this.countLive(remedy, -1);
		remedy.status = to;
		remedy.updatedAt = nowMs;
		this.countLive(remedy, 1);
		return { ok: true, remedy };
	}

	/** Pending + approved remedies of a user whose remedy_date lies in the month yyyyMM. */
	liveInMonth(employeeId: string, yyyyMM: number): number {
		return this.liveByEmployeeMonth.get(`${employeeId}|${yyyyMM}`) ?? 0;
	}

	ofEmployee(employeeId: string): readonly StoredRemedy[] {
		return this.byEmployee.get(employeeId) ?? [];
	}

	/** Copies, so callers cannot edit the store behind its indexes. */
	all(): StoredRemedy[] {
		return this.list.map((remedy) => ({ ...remedy }));
	}

	get size(): number {
		return this.list.length;
	}

	clear(): void {
		this.list.length = 0;
		this.byApprovalId.clear();
		this.byEmployee.clear();
		this.liveByEmployeeMonth.clear();
	}

	private countLive(remedy: StoredRemedy, delta: 1 | -1): void {
		if (!LIVE.has(remedy.status)) return;
		const key = `${remedy.employeeId}|${Math.floor(remedy.remedyDate / 100)}`;
		this.liveByEmployeeMonth.set(key, (this.liveByEmployeeMonth.get(key) ?? 0) + delta);
	}
}
