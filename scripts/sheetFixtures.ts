/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- dev tool: writes the example spreadsheet files in plain Node, never inside n8n */
/**
 * `npx tsx scripts/sheetFixtures.ts`: writes the HR sheet the spreadsheet examples read,
 * examples/files/remedy-requests.xlsx, and the same rows as examples/files/remedy-requests.csv.
 *
 * The xlsx holds what Excel stores: dates and times as serial numbers with a number format
 * (yyyy/m/d, 上午/下午h:mm, d-mmm-yy, …), IDs and reasons as text. The csv is what Excel's
 * "CSV UTF-8" saves from it: every cell as its format shows it, a byte-order mark, CRLF.
 * The rows and what should become of each are here too, for the end-to-end tests.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import * as XLSX from 'xlsx';

import { EXAMPLES_DIR } from './n8n/examples';

export const SHEET_FILES_DIR = join(EXAMPLES_DIR, 'files');
export const SHEET_XLSX = 'remedy-requests.xlsx';
export const SHEET_CSV = 'remedy-requests.csv';

/** The sandbox's "today" for these rows: every date lies in the 30 days the default groups allow. */
export const SHEET_TODAY = 20261127;

/** A date or time cell as Excel keeps it: the serial number and the format it is shown in. */
interface NumberCell {
	serial: number;
	format: string;
}
type Cell = string | NumberCell;

export const HEADERS = ['工号', '姓名', '补卡日期', '第几次上下班', '上下班', '补卡时间', '补卡原因'] as const;
type Header = (typeof HEADERS)[number];
export type SheetRow = Partial<Record<Header, Cell>>;

const day = (serial: number, format = 'yyyy/m/d'): NumberCell => ({ serial, format });
const time = (hours: number, format = 'h:mm'): NumberCell => ({ serial: hours / 24, format });
/** 2026-11-23 (a Monday) is serial 46349. */
const MON = 46349;

export interface RowOutcome {
	/** The request body Feishu receives for the row (Success), or undefined when nothing is sent. */
	body?: {
		user_id: string;
		remedy_date: number;
		punch_no: number;
		work_type: number;
		remedy_time: string;
		reason: string;
	};
	/** For a failed row: Feishu's code (null when the node refused it) and the field it names. */
	failure?: { code: number | null; category: string; field?: string };
}

export const SHEET_ROWS: Array<{ row: SheetRow; outcome: RowOutcome }> = [
	{
		row: {
			工号: 'A1001',
			姓名: '张伟',
			补卡日期: day(MON),
			第几次上下班: '第1次',
			上下班: '上班',
			补卡时间: time(9),
			补卡原因: '忘记打卡',
		},
		outcome: {
			body: {
				user_id: 'A1001',
				remedy_date: 20261123,
				punch_no: 0,
				work_type: 1,
				remedy_time: '2026-11-23 09:00',
				reason: '忘记打卡',
			},
		},
	},
	{
		row: {
			工号: 'A1002',
			姓名: 'Alice Chen',
			补卡日期: day(MON, 'yyyy"年"m"月"d"日"'),
			第几次上下班: '第1次',
			上下班: '下班',
			补卡时间: time(18.5, '上午/下午h:mm'),
			补卡原因: '外出拜访客户',
		},
		outcome: {
			body: {
				user_id: 'A1002',
				remedy_date: 20261123,
				punch_no: 0,
				work_type: 2,
				remedy_time: '2026-11-23 18:30',
				reason: '外出拜访客户',
			},
		},
	},
	{
		row: {
			工号: 'A1003',
			姓名: '李娜',
			补卡日期: day(MON + 1),
			第几次上下班: '第2次',
			上下班: '上班',
			补卡时间: time(13.5),
			补卡原因: '午间会议',
		},
		outcome: {
			body: {
				user_id: 'A1003',
				remedy_date: 20261124,
				punch_no: 1,
				work_type: 1,
				remedy_time: '2026-11-24 13:30',
				reason: '午间会议',
			},
		},
	},
	{
		// A free schedule: no on/off duty (the cell is empty).
		row: {
			工号: 'A1005',
			姓名: '王芳',
			补卡日期: day(MON + 1),
			第几次上下班: '自由班制',
			补卡时间: time(10),
			补卡原因: '外勤',
		},
		outcome: {
			body: {
				user_id: 'A1005',
				remedy_date: 20261124,
				punch_no: 0,
				work_type: 0,
				remedy_time: '2026-11-24 10:00',
				reason: '外勤',
			},
		},
	},
	{
		// The time cell is a whole date-time.
		row: {
			工号: 'A1004',
			姓名: 'Bob Smith',
			补卡日期: day(MON + 2),
			第几次上下班: '第3次',
			上下班: '下班',
			补卡时间: day(MON + 2 + 20 / 24, 'yyyy/m/d h:mm'),
			补卡原因: 'Late client call',
		},
		outcome: {
			body: {
				user_id: 'A1004',
				remedy_date: 20261125,
				punch_no: 2,
				work_type: 2,
				remedy_time: '2026-11-25 20:00',
				reason: 'Late client call',
			},
		},
	},
	{
		// Excel's d-mmm-yy date, and a time typed as text.
		row: {
			工号: 'A1002',
			姓名: 'Alice Chen',
			补卡日期: day(MON + 3, 'd-mmm-yy'),
			第几次上下班: '第1次',
			上下班: '上班',
			补卡时间: '9:05 AM',
			补卡原因: '忘记打卡',
		},
		outcome: {
			body: {
				user_id: 'A1002',
				remedy_date: 20261126,
				punch_no: 0,
				work_type: 1,
				remedy_time: '2026-11-26 09:05',
				reason: '忘记打卡',
			},
		},
	},
	{
		row: {
			工号: 'A1006',
			姓名: '刘洋',
			补卡日期: day(MON + 2),
			第几次上下班: '第1次',
			上下班: '上班',
			补卡时间: time(9),
			补卡原因: '忘记打卡',
		},
		outcome: {
			body: {
				user_id: 'A1006',
				remedy_date: 20261125,
				punch_no: 0,
				work_type: 1,
				remedy_time: '2026-11-25 09:00',
				reason: '忘记打卡',
			},
			failure: { code: 1226502, category: 'not_allowed' },
		},
	},
	{
		row: {
			工号: 'A1009',
			姓名: '赵敏',
			补卡日期: day(MON + 2),
			第几次上下班: '第1次',
			上下班: '下班',
			补卡时间: time(18),
			补卡原因: '忘记打卡',
		},
		outcome: {
			body: {
				user_id: 'A1009',
				remedy_date: 20261125,
				punch_no: 0,
				work_type: 2,
				remedy_time: '2026-11-25 18:00',
				reason: '忘记打卡',
			},
			failure: { code: 1220005, category: 'permission' },
		},
	},
	{
		// Typed as text, day and month unclear (12 November or 11 December): refused, never sent.
		row: {
			工号: 'A1001',
			姓名: '张伟',
			补卡日期: '11/12/2026',
			第几次上下班: '第1次',
			上下班: '下班',
			补卡时间: time(18),
			补卡原因: '忘记打卡',
		},
		outcome: { failure: { code: null, category: 'invalid_input', field: 'remedy_date' } },
	},
];

/** The sheet as Excel would save it: a header row, then each row's cells typed and formatted. */
export function remedySheetWorkbook(): XLSX.WorkBook {
	const sheet: XLSX.WorkSheet = {};
	const put = (column: number, rowIndex: number, cell: XLSX.CellObject) => {
		sheet[XLSX.utils.encode_cell({ c: column, r: rowIndex })] = cell;
	};
	HEADERS.forEach((header, column) => put(column, 0, { t: 's', v: header }));
	SHEET_ROWS.forEach(({ row }, index) => {
		HEADERS.forEach((header, column) => {
			const cell = row[header];
			if (cell === undefined) return;
			put(
				column,
				index + 1,
				typeof cell === 'string' ? { t: 's', v: cell } : { t: 'n', v: cell.serial, z: cell.format },
			);
		});
	});
	sheet['!ref'] = XLSX.utils.encode_range({ s: { c: 0, r: 0 }, e: { c: HEADERS.length - 1, r: SHEET_ROWS.length } });
	sheet['!cols'] = HEADERS.map(() => ({ wch: 16 }));
	const workbook = XLSX.utils.book_new();
	XLSX.utils.book_append_sheet(workbook, sheet, '补卡申请');
	// A fixed date, so regenerating the file changes nothing but what the rows say.
	workbook.Props = { Title: 'Remedy requests', CreatedDate: new Date('2026-11-27T09:00:00Z') };
	return workbook;
}

/** Excel's "CSV UTF-8": what each cell shows, comma-separated, with a byte-order mark and CRLF. */
export function remedySheetCsv(xlsx: Buffer): string {
	// Read back as a user's Excel opens it, so each cell's text comes from its own number format.
	const opened = XLSX.read(xlsx, { type: 'buffer' });
	const csv = XLSX.utils.sheet_to_csv(opened.Sheets[opened.SheetNames[0]], { RS: '\r\n', blankrows: false });
	return `\uFEFF${csv}\r\n`;
}

function main(): void {
	mkdirSync(SHEET_FILES_DIR, { recursive: true });
	const xlsx = XLSX.write(remedySheetWorkbook(), { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
	writeFileSync(join(SHEET_FILES_DIR, SHEET_XLSX), xlsx);
	writeFileSync(join(SHEET_FILES_DIR, SHEET_CSV), remedySheetCsv(xlsx));
	console.log(`wrote ${SHEET_XLSX} and ${SHEET_CSV} (${SHEET_ROWS.length} rows) in examples/files/`);
}

if (require.main === module) main();
