/**
 * Create Remedy Request: `POST /open-apis/attendance/v1/user_task_remedys`. Writes the
 * remedy into Feishu Attendance as pending and returns its approval_id.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RemedyAction } from '../execution/runAction';
import { failedOutcome } from '../execution/itemOutcome';
import type { ItemFailure } from '../execution/itemOutcome';
import { columnNamesOf } from '../remedy/columnAliases';
import { expectedColumns, readRemedyFields } from '../remedy/remedyFieldReader';
import type { MappingMode } from '../remedy/remedyFieldReader';
import type { FieldProblem, RemedyFieldName, RemedyRequest } from '../remedy/remedyTypes';
import { describeProblems, renderValue, validateRemedyFields } from '../remedy/remedyValidation';

export const REMEDY_PATH = '/open-apis/attendance/v1/user_task_remedys';

export interface PlannedRemedy {
	remedy: RemedyRequest;
	input: IDataObject;
}

/** The request as sent, flattened for the output: the query parameter beside the body. */
export function remedyJson(remedy: RemedyRequest): IDataObject {
	return { employee_type: remedy.employee_type, ...remedy.body };
}

export function invalidInputFailure(problems: FieldProblem[]): ItemFailure {
	const first = problems[0];
	return inputFailure(describeProblems(problems), first.field, renderValue(first.value));
}

function inputFailure(msg: string, field: RemedyFieldName, value?: string): ItemFailure {
	return {
		category: 'invalid_input',
		code: null,
		msg,
		hint: 'Fix the value in the row (or the expression) and run the item again. Nothing was sent to Feishu.',
		retrySafe: true,
		httpStatus: null,
		logId: null,
		field: columnNamesOf(field)[0],
		...(value === undefined ? {} : { value }),
	};
}

export const createRemedyAction: RemedyAction<PlannedRemedy> = {
	plan(context, itemIndex, options) {
		const mode = context.getNodeParameter('mappingMode', itemIndex, 'defineBelow') as MappingMode;
		const read = readRemedyFields(context, itemIndex, mode);
		if (!read.ok) {
			return { ready: false, outcome: failedOutcome(inputFailure(read.message, read.field)) };
		}
		const validation = validateRemedyFields(read.raw, { zone: options.zone });
		if (!validation.ok) {
			const problems =
				mode === 'autoMap'
					? validation.problems.map((p) => (p.value === undefined ? { ...p, expected: `${expectedColumns(p.field)} holding ${p.expected}` } : p))
					: validation.problems;
			return { ready: false, outcome: failedOutcome(invalidInputFailure(problems)) };
		}
		return { ready: true, request: { remedy: validation.request, input: context.getInputData()[itemIndex].json } };
	},

	async send(client, planned) {
		const { remedy, input } = planned;
		const result = await client.call({ path: REMEDY_PATH, query: { employee_type: remedy.employee_type }, body: { ...remedy.body } });
		if (!result.ok) return failedOutcome(result.failure, remedyJson(remedy));
		const userRemedy = (result.data.user_remedy ?? {}) as IDataObject;
		return { success: [{ ...input, approval_id: userRemedy.approval_id ?? null, remedy: remedyJson(remedy) }] };
	},
};
