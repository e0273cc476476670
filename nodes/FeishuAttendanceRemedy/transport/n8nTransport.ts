/**
 * Binds the Feishu client to an n8n execution: requests go through
 * `httpRequestWithAuthentication`, so n8n applies the credential's Authorization header,
 * with the token from our shared cache passed in as the decrypted credential (n8n's own
 * stored token is renewed only after an HTTP 401, which Feishu never sends).
 */
import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, IExecuteFunctions } from 'n8n-workflow';

import type { FeishuHttpResponse } from './envelope';
import type { FeishuApp } from '../../../credentials/feishuApp';
import type { FeishuCall, FeishuTransport } from './feishuClient';
import { exchangeTenantToken } from './tenantToken';

export const CREDENTIAL_TYPE = 'feishuApi';

export function n8nTransport(
	context: IExecuteFunctions,
	app: FeishuApp,
	credentials: ICredentialDataDecryptedObject,
): FeishuTransport {
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	const withToken = (token: string): ICredentialsDecrypted => ({
		id: reference?.id ?? '',
		name: reference?.name ?? CREDENTIAL_TYPE,
		type: CREDENTIAL_TYPE,
		data: { ...credentials, tenantAccessToken: token },
	});
	return {
		async send(call: FeishuCall, token: string, timeoutMs: number): Promise<FeishuHttpResponse> {
			return (await context.helpers.httpRequestWithAuthentication.call(
				context,
				CREDENTIAL_TYPE,
				{
					method: 'POST',
					url: `${app.baseUrl}${call.path}`,
					qs: call.query,
					headers: { 'Content-Type': 'application/json; charset=utf-8' },
					body: call.body,
					json: true,
					timeout: timeoutMs,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				},
				{ credentialsDecrypted: withToken(token) },
			)) as FeishuHttpResponse;
		},
		async exchangeToken() {
			return await exchangeTenantToken(async (options) => await context.helpers.httpRequest(options), app);
		},
		warn(message: string) {
			context.logger.warn(message);
		},
	};
}
