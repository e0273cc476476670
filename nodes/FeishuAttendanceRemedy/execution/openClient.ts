/**
 * Opens the Feishu client for a run: reads the credential and makes sure a token can be
 * had before any item is sent. A failure here (bad App ID or secret, wrong region,
 * host unreachable) concerns the whole run, not one item.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { FeishuClient } from '../transport/feishuClient';
import type { FeishuClientOptions } from '../transport/feishuClient';
import { readFeishuApp } from '../transport/feishuApp';
import { CREDENTIAL_TYPE, n8nTransport } from '../transport/n8nTransport';
import type { ItemFailure } from './itemOutcome';

export type OpenedClient = { ok: true; client: FeishuClient } | { ok: false; failure: ItemFailure };

export async function openFeishuClient(context: IExecuteFunctions, options: FeishuClientOptions): Promise<OpenedClient> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const app = readFeishuApp(credentials);
	if (!app.ok) return { ok: false, failure: runFailure(app.message, null) };

	const client = new FeishuClient(app.app, n8nTransport(context, app.app, credentials), options);
	const token = await client.token();
	if (!token.ok) {
		const failure = runFailure(token.failure.message, token.failure.code ?? null);
		failure.httpStatus = token.failure.httpStatus ?? null;
		failure.logId = token.failure.logId ?? null;
		if (token.failure.networkCode) {
			failure.category = 'network';
			failure.hint = `${failure.hint} (${token.failure.networkCode})`;
		}
		return { ok: false, failure };
	}
	return { ok: true, client };
}

function runFailure(message: string, code: number | null): ItemFailure {
	return {
		category: 'auth',
		code,
		msg: message,
		hint: 'Check the Feishu API credential (App ID, App Secret, region or base URL) with its Test button, then run again. Nothing was sent.',
		retrySafe: true,
		httpStatus: null,
		logId: null,
		wholeRun: true,
	};
}
