import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { CUSTOM_REGION, FEISHU_BASE_URL, LARK_BASE_URL, TENANT_ACCESS_ENDPOINT, readFeishuApp } from './feishuApp';

/**
 * App ID + App Secret of a Feishu / Lark self-built app, exchanged for a
 * tenant_access_token. It stands alone: what its fields mean (region → base URL, the
 * https rule) is in ./feishuApp.ts, which the node reads its credential through.
 * n8n calls preAuthentication when the stored token is empty (another node using this
 * credential); the Feishu Attendance Remedy node keeps its own token cache, because
 * Feishu marks stale tokens with codes, not with the HTTP 401 n8n waits for. The Test
 * button is the node's credential test (`testedBy`): the node's token exchange, which
 * names Feishu's code in plain words.
 */
export class FeishuApi implements ICredentialType {
	name = 'feishuApi';

	displayName = 'Feishu API';

	icon: Icon = {
		light: 'file:../nodes/FeishuAttendanceRemedy/feishu.svg',
		dark: 'file:../nodes/FeishuAttendanceRemedy/feishu.dark.svg',
	};

	documentationUrl = 'https://github.com/feishu-attendance/n8n-nodes-feishu-attendance#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'Feishu (open.feishu.cn)', value: FEISHU_BASE_URL },
				{ name: 'Lark (open.larksuite.com)', value: LARK_BASE_URL },
				{ name: 'Custom Base URL', value: CUSTOM_REGION },
			],
			default: FEISHU_BASE_URL,
			description: 'Where your tenant lives. IDs and tokens of one region do not work in the other.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://open.larkoffice.com',
			description: 'Must use https://, except loopback addresses such as http://127.0.0.1:8787 (the local sandbox)',
			displayOptions: { show: { region: [CUSTOM_REGION] } },
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'cli_a1b2c3d4e5f6g7h8',
			description: 'Of a self-built app, from the Feishu developer console (Credentials & Basic Info)',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Tenant Access Token',
			name: 'tenantAccessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const app = readFeishuApp(credentials);
		if (!app.ok) throw new Error(app.message);
		let answer: unknown;
		try {
			answer = await this.helpers.httpRequest({
				method: 'POST',
				url: `${app.app.baseUrl}${TENANT_ACCESS_ENDPOINT}`,
				headers: { 'Content-Type': 'application/json; charset=utf-8' },
				body: { app_id: app.app.appId, app_secret: app.app.appSecret },
				json: true,
				ignoreHttpStatusErrors: true,
			});
		} catch {
			// The error may carry the request (and so the secret): say only what failed.
			throw new Error(`Could not reach ${app.app.baseUrl} to get a tenant access token`);
		}
		const reply = isRecord(answer) ? answer : {};
		if (reply.code === 0 && typeof reply.tenant_access_token === 'string')
			return { tenantAccessToken: reply.tenant_access_token };
		const msg = String(reply.msg ?? "no answer like Feishu's")
			.split(app.app.appSecret)
			.join('[redacted]');
		throw new Error(`Feishu refused the App ID / App Secret (code ${String(reply.code)}: ${msg})`);
	}

	/**
	 * The token as a Bearer header. A function, not n8n's generic form: the generic form's
	 * `{{$credentials.tenantAccessToken}}` is an expression that n8n evaluates on every
	 * request, about a millisecond each — at Feishu's 50 requests/s that is CPU for
	 * nothing, and a form's answer waits for it twice when the re-run check runs first.
	 */
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.tenantAccessToken ?? '')}` },
	});
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
