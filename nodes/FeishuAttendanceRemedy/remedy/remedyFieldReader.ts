/**
 * Reads the raw remedy fields of one item, either from the node's parameters
 * ("Define Below", where each may be an expression) or from the item's columns
 * ("Map Automatically"). An expression that throws fails its item and names the field.
 * Pure: the caller passes the item's row and a reader of its parameters.
 */
import type { IDataObject } from 'n8n-workflow';

import { columnNamesOf } from './columnAliases';
import { chooseEmployeeType, explicitUserIdType } from './employeeTypeChoice';
import type { RawRemedyFields, RemedyFieldName } from './remedyTypes';
import { mapRowColumns } from './rowMapping';

export type MappingMode = 'defineBelow' | 'autoMap';

/** Reads one node parameter for this item; throws when its expression fails. */
export type ParameterReader = (name: string) => unknown;

export type FieldRead = { ok: true; raw: RawRemedyFields } | { ok: false; field: RemedyFieldName; message: string };

const PARAMETER_OF: Record<RemedyFieldName, string> = {
	employeeType: 'employeeType',
	userId: 'userId',
	remedyDate: 'remedyDate',
	punch: 'punch',
	workType: 'workType',
	remedyTime: 'remedyTime',
	reason: 'reason',
};

export const ALL_REMEDY_FIELDS = Object.keys(PARAMETER_OF) as RemedyFieldName[];

/**
 * Reads `fields` of one item (the others stay undefined). A punch of 'auto' ("From
 * Allowed Slots") leaves punch and work type open, to be filled by the slot check.
 */
export function readRemedyFields(
	parameter: ParameterReader,
	input: IDataObject,
	mode: MappingMode,
	fields: readonly RemedyFieldName[] = ALL_REMEDY_FIELDS,
): FieldRead {
	if (mode === 'autoMap') {
		const employeeType = readParameter(parameter, 'employeeType');
		if (!employeeType.ok) return employeeType;
		const row = mapRowColumns(input, explicitUserIdType(employeeType.value));
		const raw: Partial<RawRemedyFields> = {};
		for (const field of fields) raw[field] = row.fields[field];
		const chosen = chooseEmployeeType(employeeType.value, row);
		if (!chosen.ok) return { ok: false, field: 'employeeType', message: chosen.message };
		raw.employeeType = chosen.employeeType;
		return { ok: true, raw: raw as RawRemedyFields };
	}

	const raw: Partial<RawRemedyFields> = {};
	for (const field of fields) {
		// Work Type is hidden for a free schedule or a slot-filled punch; its stale value must not be read.
		if (field === 'workType' && (raw.punch === 'free' || raw.punch === 'auto')) continue;
		const read = readParameter(parameter, field);
		if (!read.ok) return read;
		raw[field] = read.value;
	}
	if (raw.punch === 'auto') raw.punch = undefined;
	return { ok: true, raw: raw as RawRemedyFields };
}

/** In "Map Automatically", a missing field is a missing column: say which names work. */
export function expectedColumns(field: RemedyFieldName): string {
	return `a column ${columnNamesOf(field).join(' / ')}`;
}

function readParameter(
	parameter: ParameterReader,
	field: RemedyFieldName,
): { ok: true; value: unknown } | { ok: false; field: RemedyFieldName; message: string } {
	try {
		return { ok: true, value: parameter(PARAMETER_OF[field]) };
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return { ok: false, field, message: `The expression of ${PARAMETER_OF[field]} failed: ${reason}` };
	}
}
