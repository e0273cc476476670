/**
 * The Open Platform paths the sandbox serves, with the scopes each needs (any one of them).
 * Everything else under the host answers Feishu's 404.
 */

import type { Handler } from './apiCall';
import { queryAllowedRemedies } from './attendance/allowedRemedies';
import { createRemedy } from './attendance/createRemedy';
import { processApproval } from './attendance/processApproval';
import { queryRemedies } from './attendance/queryRemedies';
import { issueTenantToken } from './tokenEndpoint';

export const PATHS = {
	// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a URL path, not a token
	tenantToken: '/open-apis/auth/v3/tenant_access_token/internal',
	createRemedy: '/open-apis/attendance/v1/user_task_remedys',
	allowedRemedies: '/open-apis/attendance/v1/user_task_remedys/query_user_allowed_remedys',
	queryRemedies: '/open-apis/attendance/v1/user_task_remedys/query',
	processApproval: '/open-apis/attendance/v1/approval_infos/process',
} as const;

export interface Route {
	handler: Handler;
	/** Scopes of which the app needs one; undefined = no token needed (the token endpoint). */
	scopes?: readonly string[];
}

const WRITE = ['attendance:task'] as const;
const READ = ['attendance:task', 'attendance:task:readonly'] as const;

const ROUTES = new Map<string, Route>([
	[PATHS.tenantToken, { handler: issueTenantToken }],
	[PATHS.createRemedy, { handler: createRemedy, scopes: WRITE }],
	[PATHS.allowedRemedies, { handler: queryAllowedRemedies, scopes: READ }],
	[PATHS.queryRemedies, { handler: queryRemedies, scopes: READ }],
	[PATHS.processApproval, { handler: processApproval, scopes: WRITE }],
]);

/** Every endpoint is POST; another method on a known path is as unknown as an unknown path. */
export function findRoute(method: string, path: string): Route | undefined {
	return method === 'POST' ? ROUTES.get(path) : undefined;
}
