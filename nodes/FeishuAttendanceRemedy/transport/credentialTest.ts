/**
 * The credential's Test button (n8n's `testedBy`): reads the credential the way a run
 * does and makes one token exchange, so the answer names what is wrong in plain words —
 * an unknown App ID (10003, often the wrong region), a rejected secret (10014), a base
 * URL refused or a host that cannot be reached.
 */
import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { readFeishuApp } from '../../../credentials/feishuApp';
import { exchangeTenantToken } from './tenantToken';

export async function testFeishuCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const app = readFeishuApp(credential.data ?? {});
	if (!app.ok) return { status: 'Error', message: app.message };
	// A credential test gets n8n's request helper only; it takes the same answer options under older names.
	const helpers = this.helpers;
	const exchange = await exchangeTenantToken(
		async (options: IHttpRequestOptions) =>
			await helpers.request({
				method: options.method,
				uri: options.url,
				headers: options.headers,
				body: options.body,
				json: true,
				timeout: options.timeout,
				resolveWithFullResponse: true,
				simple: false,
			}),
		app.app,
	);
	return exchange.ok
		? { status: 'OK', message: 'The App ID and App Secret were exchanged for a tenant access token' }
		: { status: 'Error', message: exchange.failure.message };
}
