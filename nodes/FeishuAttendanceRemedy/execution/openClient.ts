/**
 * Opens the Feishu client for a run: reads the credential and makes sure a token can be
 * had before any item is sent. A failure here (bad App ID or secret, wrong region,
 * host unreachable) concerns the whole run, not one item: it is answered as a RunFailure.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { readFeishuApp } from '../../../credentials/feishuApp';
import { FeishuClient, tokenFailure } from '../transport/feishuClient';
import type { FeishuClientOptions } from '../transport/feishuClient';
import { processLimiters } from '../transport/limiterRegistry';
import { CREDENTIAL_TYPE, n8nTransport } from '../transport/n8nTransport';
import { processTokens } from '../transport/tenantToken';
import { failure } from './failure';
import { RunFailure } from './runFailure';

const CREDENTIAL_HINT =
	'Check the Feishu API credential (App ID, App Secret, region or base URL) with its Test button, then run again. Nothing was sent.';

export async function openFeishuClient(
	context: IExecuteFunctions,
	options: FeishuClientOptions,
): Promise<FeishuClient | RunFailure> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const app = readFeishuApp(credentials);
	if (!app.ok) return new RunFailure(failure({ category: 'auth', msg: app.message, hint: CREDENTIAL_HINT }));

	const client = new FeishuClient(app.app, n8nTransport(context, app.app, credentials), options, {
		tokens: processTokens,
		limiters: processLimiters,
	});
	const token = await client.token();
	if (!token.ok) return new RunFailure(tokenFailure(token.failure));
	return client;
}
