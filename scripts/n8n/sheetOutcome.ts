/**
 * What became of each row of the sheet example, read from n8n's own record of the run: which
 * output (Success / Failed) it left the Feishu node on, with the approval id or the error. The
 * demo prints it as a table and checks it against the `expected` column the example's rows carry.
 */

import { outputItems, type ExecutedItem, type WorkflowRun } from './executionResult';

export const REMEDY_NODE_NAME = 'Feishu Attendance Remedy';

export interface RowOutcome {
	row: number;
	user: string;
	branch: 'Success' | 'Failed';
	/** approval_id on Success; `code msg` (or the invalid field) on Failed. */
	result: string;
	code: number | null;
	category: string | null;
	field: string | null;
	expected: string;
}

export interface SheetOutcome {
	status: string | undefined;
	success: ExecutedItem[];
	failed: ExecutedItem[];
	rows: RowOutcome[];
}

export function readSheetOutcome(run: WorkflowRun): SheetOutcome {
	const success = outputItems(run, REMEDY_NODE_NAME, 0);
	const failed = outputItems(run, REMEDY_NODE_NAME, 1);
	const rows = [...success.map((item) => rowOf(item, 'Success')), ...failed.map((item) => rowOf(item, 'Failed'))].sort(
		(a, b) => a.row - b.row,
	);
	return { status: run.status, success, failed, rows };
}

function rowOf(item: ExecutedItem, branch: RowOutcome['branch']): RowOutcome {
	const json = item.json;
	const error = (json.error ?? {}) as { code?: number | null; category?: string; msg?: string; field?: string };
	const user = String(json.user_id ?? json['工号'] ?? '');
	const code = typeof error.code === 'number' ? error.code : null;
	const result =
		branch === 'Success'
			? `approval_id ${String(json.approval_id)}`
			: code !== null
				? `${code} ${error.msg ?? ''}`
				: `${error.category ?? 'error'}: ${error.field ?? ''} ${firstLine(error.msg ?? '')}`;
	return {
		row: Number(json.row),
		user,
		branch,
		result: result.trim(),
		code,
		category: branch === 'Failed' ? (error.category ?? null) : null,
		field: branch === 'Failed' ? (error.field ?? null) : null,
		expected: String(json.expected ?? ''),
	};
}

/** Where a row's outcome differs from its `expected` column; [] when the run looked right. */
export function unexpectedRows(rows: RowOutcome[]): string[] {
	const problems: string[] = [];
	for (const row of rows) {
		const expected = row.expected;
		const ok = expected.startsWith('created, or ')
			? row.branch === 'Success' || row.code === Number(expected.match(/\d{7}/)?.[0])
			: expected === 'created'
				? row.branch === 'Success'
				: expected.startsWith('invalid_input')
					? row.branch === 'Failed' &&
						row.category === 'invalid_input' &&
						row.code === null &&
						row.field === expected.split(' ')[1]
					: row.branch === 'Failed' && row.code === Number(expected.split(' ')[0]);
		if (!ok) problems.push(`row ${row.row}: expected ${expected}, got ${row.branch} ${row.result}`);
	}
	return problems;
}

export function formatOutcomeTable(rows: RowOutcome[]): string {
	const header: string[] = ['row', 'user', 'output', 'result', 'expected'];
	const body = rows.map((row) => [String(row.row), row.user, row.branch, truncate(row.result, 58), row.expected]);
	const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => width(cells[column]))));
	const line = (cells: string[]) =>
		cells
			.map((cell, column) => pad(cell, widths[column]))
			.join('  ')
			.trimEnd();
	return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function firstLine(text: string): string {
	return text.split('\n')[0];
}

function truncate(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Terminal columns: CJK characters take two. */
function width(text: string): number {
	let columns = 0;
	for (const char of text)
		columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
			char,
		)
			? 2
			: 1;
	return columns;
}

function pad(text: string, columns: number): string {
	return text + ' '.repeat(Math.max(0, columns - width(text)));
}
