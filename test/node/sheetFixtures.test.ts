/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test, runs in jest under plain Node: reads the committed fixtures */
/**
 * The committed spreadsheet fixtures are what scripts/sheetFixtures.ts writes: regenerate them
 * (`npx tsx scripts/sheetFixtures.ts`) after changing the rows, or this fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as XLSX from 'xlsx';

import {
	SHEET_CSV,
	SHEET_FILES_DIR,
	SHEET_ROWS,
	SHEET_XLSX,
	remedySheetCsv,
	remedySheetWorkbook,
} from '../../scripts/sheetFixtures';

const committedXlsx = readFileSync(join(SHEET_FILES_DIR, SHEET_XLSX));

function cellsOf(workbook: XLSX.WorkBook): Array<Record<string, unknown>> {
	const sheet = workbook.Sheets[workbook.SheetNames[0]];
	return Object.entries(sheet)
		.filter(([address]) => !address.startsWith('!'))
		.map(([address, cell]) => ({
			address,
			t: (cell as XLSX.CellObject).t,
			v: (cell as XLSX.CellObject).v,
			z: (cell as XLSX.CellObject).z,
		}));
}

test('the committed xlsx holds the rows of the script, each cell typed and number-formatted as the script says', () => {
	const fresh = XLSX.read(XLSX.write(remedySheetWorkbook(), { type: 'buffer', bookType: 'xlsx' }), {
		type: 'buffer',
		cellNF: true,
	});
	expect(cellsOf(XLSX.read(committedXlsx, { type: 'buffer', cellNF: true }))).toEqual(cellsOf(fresh));
});

test('date and time cells are numbers with a date or time format, as Excel saves them', () => {
	const sheet = XLSX.read(committedXlsx, { type: 'buffer', cellNF: true }).Sheets['补卡申请'];
	expect(sheet.C2).toMatchObject({ t: 'n', v: 46349, z: 'yyyy/m/d' });
	expect(sheet.F3).toMatchObject({ t: 'n', z: '上午/下午h:mm' });
	expect(XLSX.utils.sheet_to_json(sheet)).toHaveLength(SHEET_ROWS.length);
});

test("the committed csv is what Excel's CSV UTF-8 makes of the xlsx", () => {
	expect(readFileSync(join(SHEET_FILES_DIR, SHEET_CSV), 'utf8')).toBe(remedySheetCsv(committedXlsx));
});
