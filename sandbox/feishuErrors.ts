/**
 * The catalogue of Feishu failures the sandbox answers with: one function per failure, carrying
 * Feishu's HTTP status, code and message, so every handler speaks exactly the same words.
 * Messages follow Feishu's pages and what Feishu has been seen to send; see README assumptions.
 */

export interface PermissionViolation {
	type: string;
	subject: string;
	description: string;
}

export interface FeishuFailure {
	status: number;
	code: number;
	msg: string;
	/** For 1220001: which field and why, like Feishu's gateway `field_violations`. */
	fieldViolation?: { field: string; description: string };
	permissionViolations?: PermissionViolation[];
	helps?: Array<{ url: string; description: string }>;
}

export const PARAM_INVALID = 1220001;

export const feishuErrors = {
	/** 1220001; msg is exactly `param is invalid: <field>`, the detail goes to error.field_violations. */
	invalidParam: (field: string, description: string): FeishuFailure => ({
		status: 400,
		code: PARAM_INVALID,
		msg: `param is invalid: ${field}`,
		fieldViolation: { field, description },
	}),
	/** Not documented by Feishu: the sandbox reports a refused status change as a 1220001 on `status`. */
	transitionNotAllowed: (from: number, to: number): FeishuFailure => ({
		status: 400,
		code: PARAM_INVALID,
		msg: `param is invalid: status transition from ${from} to ${to} is not allowed`,
		fieldViolation: { field: 'status', description: 'only pending → 1|2 and approved → 4 are allowed' },
	}),
	userNotFound: (): FeishuFailure => ({
		status: 400,
		code: 1220004,
		msg: 'user_id is not exist or does not have permission',
	}),
	approvalNotFound: (): FeishuFailure => ({
		status: 400,
		code: 1220004,
		msg: 'approval_id is not exist or does not have permission',
	}),
	noDataPermission: (): FeishuFailure => ({ status: 400, code: 1220005, msg: '没有权限' }),
	internal: (): FeishuFailure => ({ status: 500, code: 1225000, msg: 'internal server error' }),
	noNeedRemedy: (): FeishuFailure => ({ status: 400, code: 1226501, msg: 'no need remedy' }),
	notAllowedRemedy: (): FeishuFailure => ({ status: 400, code: 1226502, msg: 'not allowed remedy' }),
	beyondTimeRange: (): FeishuFailure => ({ status: 400, code: 1226503, msg: 'approval time beyond the time range' }),
	noRemedyTimeLeft: (): FeishuFailure => ({ status: 400, code: 1226504, msg: 'no remedy time left' }),

	tokenMissing: (status: number): FeishuFailure => ({
		status,
		code: 99991661,
		msg: 'Missing access token for authorization. Please make a request with token attached.',
	}),
	tokenInvalid: (status: number): FeishuFailure => ({
		status,
		code: 99991663,
		msg: 'Invalid access token for authorization. Please make a request with token attached.',
	}),
	scopeRequired: (appId: string, scopes: readonly string[]): FeishuFailure => {
		const list = scopes.join(', ');
		const url = `https://open.feishu.cn/app/${appId}/auth?q=${scopes.join(',')}&op_from=openapi&token_type=tenant`;
		return {
			status: 400,
			code: 99991672,
			msg: `Access denied. One of the following scopes is required: [${list}].应用尚未开通所需的应用身份权限：[${list}]，点击链接申请并开通任一权限即可：${url}`,
			permissionViolations: scopes.map((subject) => ({
				type: 'action_scope_required',
				subject,
				description: 'one of these scopes is required',
			})),
			helps: [{ url, description: 'Click the link to apply for the required scopes' }],
		};
	},
	/** The typed gateway's answer for a field of the wrong type or length (the contact APIs use it). */
	fieldValidationFailed: (field: string, description: string): FeishuFailure => ({
		status: 400,
		code: 99992402,
		msg: 'field validation failed',
		fieldViolation: { field, description },
	}),
	rateLimited: (): FeishuFailure => ({ status: 429, code: 99991400, msg: 'request trigger frequency limit' }),
	notFound: (): FeishuFailure => ({ status: 404, code: 404, msg: '404 page not found' }),

	appNotFound: (): FeishuFailure => ({ status: 400, code: 10003, msg: 'invalid param' }),
	appSecretInvalid: (): FeishuFailure => ({ status: 400, code: 10014, msg: 'app secret invalid' }),
};
