/**
 * `POST /open-apis/auth/v3/tenant_access_token/internal`: a self-built app trades app_id +
 * app_secret for a tenant_access_token. Its answers have no `data`: the token sits at top level.
 */

import type { Handler } from './apiCall';
import { failure, isJsonObject } from './envelope';
import { feishuErrors } from './feishuErrors';

export const issueTenantToken: Handler = (call, state) => {
	const { app_id: appId, app_secret: appSecret } = isJsonObject(call.body) ? call.body : {};
	// Missing fields and unknown apps look the same to Feishu: 10003 invalid param.
	if (typeof appId !== 'string' || typeof appSecret !== 'string' || appId === '' || appSecret === '') {
		return failure(feishuErrors.appNotFound(), call.logId);
	}
	const app = state.directory.app(appId);
	if (!app) return failure(feishuErrors.appNotFound(), call.logId);
	if (app.appSecret !== appSecret) return failure(feishuErrors.appSecretInvalid(), call.logId);
	const { tokenLifetimeSeconds, tokenRenewThresholdSeconds, tokenLength } = state.settings;
	const grant = state.tokens.issue(appId, call.nowMs, tokenLifetimeSeconds, tokenRenewThresholdSeconds, tokenLength);
	return {
		status: 200,
		code: 0,
		body: { code: 0, msg: 'ok', tenant_access_token: grant.token, expire: grant.expireSeconds },
	};
};
