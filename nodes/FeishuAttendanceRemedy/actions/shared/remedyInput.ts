/**
 * Reading a remedy's fields out of one item, for Create and Get Allowed Slots: the
 * parameter reader the pure field reader needs, and the failures that name the field a
 * bad value came from (in Feishu's naming), with the column names that work in Map
 * Automatically.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidFieldFailure } from '../../execution/failure';
import type { ItemFailure } from '../../execution/failure';
import { columnNamesOf } from '../../remedy/columnAliases';
import { expectedColumns } from '../../remedy/remedyFieldReader';
import type { MappingMode, ParameterReader } from '../../remedy/remedyFieldReader';
import type { FieldProblem, RemedyFieldName, RemedyRequest } from '../../remedy/remedyTypes';
import { describeProblems, renderValue } from '../../remedy/remedyValidation';
import type { OpenSlotRequest } from '../../remedy/remedyValidation';

/** The item's parameters, read on demand (an expression that throws fails only the field read). */
export function parametersOf(context: IExecuteFunctions, itemIndex: number): ParameterReader {
	return (name) => context.getNodeParameter(name, itemIndex);
}

export function mappingModeOf(context: IExecuteFunctions, itemIndex: number): MappingMode {
	return context.getNodeParameter('mappingMode', itemIndex, 'defineBelow') === 'autoMap' ? 'autoMap' : 'defineBelow';
}

export function inputFailure(msg: string, field: RemedyFieldName, value?: string): ItemFailure {
	return invalidFieldFailure(msg, columnNamesOf(field)[0], value);
}

/** In "Map Automatically", a missing value is a missing column: the message says which names work. */
export function fieldProblemsFailure(problems: FieldProblem[], mode: MappingMode): ItemFailure {
	const explained =
		mode === 'autoMap'
			? problems.map((p) =>
					p.value === undefined ? { ...p, expected: `${expectedColumns(p.field)} holding ${p.expected}` } : p,
				)
			: problems;
	const first = explained[0];
	return inputFailure(describeProblems(explained), first.field, renderValue(first.value));
}

/** The request as sent, flattened for the output: the query parameter beside the body. */
export function remedyJson(remedy: RemedyRequest | OpenSlotRequest): IDataObject {
	return { employee_type: remedy.employee_type, ...remedy.body };
}
