/**
 * "Map Automatically": reads the remedy fields of one item from its columns, using the
 * aliases in columnAliases.ts. A field no column provides stays undefined, and the
 * node's own setting (for the ID type) or validation (for the rest) takes it from there.
 */
import type { IDataObject } from 'n8n-workflow';

import { COLUMN_ALIASES, foldColumnName } from './columnAliases';
import type { EmployeeType, RawRemedyFields, RemedyFieldName } from './remedyTypes';

export interface MappedRow {
	fields: Partial<RawRemedyFields>;
	/** The ID type a column name implied (a `工号` column holds employee numbers). */
	impliedEmployeeType?: EmployeeType;
}

export function mapRowColumns(row: IDataObject): MappedRow {
	const byFoldedName = new Map<string, unknown>();
	for (const [column, value] of Object.entries(row)) {
		const folded = foldColumnName(column);
		if (!byFoldedName.has(folded)) byFoldedName.set(folded, value);
	}

	const mapped: MappedRow = { fields: {} };
	for (const field of Object.keys(COLUMN_ALIASES) as RemedyFieldName[]) {
		for (const alias of COLUMN_ALIASES[field]) {
			const name = alias.names.find((n) => isPresent(byFoldedName.get(n)));
			if (name === undefined) continue;
			mapped.fields[field] = byFoldedName.get(name);
			if (alias.impliesEmployeeType) mapped.impliedEmployeeType = alias.impliesEmployeeType;
			break;
		}
	}
	return mapped;
}

function isPresent(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}
