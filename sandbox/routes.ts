/**
 * The Open Platform paths the sandbox serves, with the scopes each needs (any one of them).
 * Everything else under the host answers Feishu's 404.
 */

import type { Handler } from './apiCall';
import { queryAllowedRemedies } from './attendance/allowedRemedies';
import { createRemedy } from './attendance/createRemedy';
import { processApproval } from './attendance/processApproval';
import { queryRemedies } from './attendance/queryRemedies';
import { batchGetUserId } from './contact/batchGetId';
import { issueTenantToken } from './tokenEndpoint';
import type { SandboxSettings } from './types';

export const PATHS = {
	// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a URL path, not a token
	tenantToken: '/open-apis/auth/v3/tenant_access_token/internal',
	createRemedy: '/open-apis/attendance/v1/user_task_remedys',
	allowedRemedies: '/open-apis/attendance/v1/user_task_remedys/query_user_allowed_remedys',
	queryRemedies: '/open-apis/attendance/v1/user_task_remedys/query',
	processApproval: '/open-apis/attendance/v1/approval_infos/process',
	batchGetUserId: '/open-apis/contact/v3/users/batch_get_id',
} as const;

export interface Route {
	handler: Handler;
	/** Scopes of which the app needs one; undefined = no token needed (the token endpoint). */
	scopes?: readonly string[];
	/** The setting holding this API's own per-minute limit, on top of the per-second one. */
	perMinuteLimit?: keyof Pick<SandboxSettings, 'contactRateLimitPerMinute'>;
}

const WRITE = ['attendance:task'] as const;
const READ = ['attendance:task', 'attendance:task:readonly'] as const;
/** 通过手机号或邮箱获取用户 ID; `user_id` in the answer also needs contact:user.employee_id:readonly. */
const CONTACT_ID = ['contact:user.id:readonly'] as const;

const ROUTES = new Map<string, Route>([
	[PATHS.tenantToken, { handler: issueTenantToken }],
	[PATHS.createRemedy, { handler: createRemedy, scopes: WRITE }],
	[PATHS.allowedRemedies, { handler: queryAllowedRemedies, scopes: READ }],
	[PATHS.queryRemedies, { handler: queryRemedies, scopes: READ }],
	[PATHS.processApproval, { handler: processApproval, scopes: WRITE }],
	[PATHS.batchGetUserId, { handler: batchGetUserId, scopes: CONTACT_ID, perMinuteLimit: 'contactRateLimitPerMinute' }],
]);

/** Every endpoint is POST; another method on a known path is as unknown as an unknown path. */
export function findRoute(method: string, path: string): Route | undefined {
	return method === 'POST' ? ROUTES.get(path) : undefined;
}
