/**
 * "Map Automatically": reads the remedy fields of one item from its columns, using the
 * aliases in columnAliases.ts. A field no column provides stays undefined, and the
 * node's own setting (for the ID type) or validation (for the rest) takes it from there.
 */
import type { IDataObject } from 'n8n-workflow';

import { COLUMN_ALIASES, foldColumnName } from './columnAliases';
import type { RawRemedyFields, RemedyFieldName, UserIdType } from './remedyTypes';

export interface MappedRow {
	fields: Partial<RawRemedyFields>;
	/** The ID type a column name implied (a `工号` column holds employee numbers, `邮箱` emails). */
	impliedEmployeeType?: UserIdType;
}

const PERSON_TYPES: ReadonlySet<UserIdType> = new Set<UserIdType>(['email', 'mobile']);

/**
 * `userIdType`: the node's explicit Employee ID Type, if any. For Email or Mobile Number the user
 * ID is read from a column of that kind (an `email` column, even beside a `工号` column), else
 * from a plain `user_id` column; for Employee ID or Number never from an email or mobile column,
 * which cannot hold one.
 */
export function mapRowColumns(row: IDataObject, userIdType?: UserIdType): MappedRow {
	const byFoldedName = new Map<string, unknown>();
	for (const [column, value] of Object.entries(row)) {
		const folded = foldColumnName(column);
		if (!byFoldedName.has(folded)) byFoldedName.set(folded, value);
	}

	const mapped: MappedRow = { fields: {} };
	for (const field of Object.keys(COLUMN_ALIASES) as RemedyFieldName[]) {
		for (const alias of aliasesInOrder(field, userIdType)) {
			const name = alias.names.find((n) => isPresent(byFoldedName.get(n)));
			if (name === undefined) continue;
			mapped.fields[field] = byFoldedName.get(name);
			if (alias.impliesEmployeeType) mapped.impliedEmployeeType = alias.impliesEmployeeType;
			break;
		}
	}
	return mapped;
}

function aliasesInOrder(
	field: RemedyFieldName,
	userIdType: UserIdType | undefined,
): (typeof COLUMN_ALIASES)[RemedyFieldName] {
	const aliases = COLUMN_ALIASES[field];
	if (field !== 'userId' || userIdType === undefined) return aliases;
	if (!PERSON_TYPES.has(userIdType)) return aliases.filter((alias) => !isPersonColumn(alias.impliesEmployeeType));
	const own = aliases.filter((alias) => alias.impliesEmployeeType === userIdType);
	return [...own, ...aliases.filter((alias) => alias.impliesEmployeeType === undefined)];
}

function isPersonColumn(implied: UserIdType | undefined): boolean {
	return implied !== undefined && PERSON_TYPES.has(implied);
}

function isPresent(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}
