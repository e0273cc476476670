import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { CUSTOM_REGION, FEISHU_BASE_URL, LARK_BASE_URL, readFeishuApp } from '../nodes/FeishuAttendanceRemedy/transport/feishuApp';
import { TENANT_ACCESS_ENDPOINT, exchangeTenantToken } from '../nodes/FeishuAttendanceRemedy/transport/tenantToken';

/**
 * App ID + App Secret of a Feishu / Lark self-built app, exchanged for a
 * tenant_access_token. n8n calls preAuthentication when the stored token is empty and
 * when the credential is tested; the Feishu Attendance Remedy node keeps its own
 * process-wide token cache (see transport/tenantToken.ts) because Feishu marks stale
 * tokens with codes, not with the HTTP 401 n8n waits for.
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
		const exchange = await exchangeTenantToken(async (options) => await this.helpers.httpRequest(options), app.app);
		if (!exchange.ok) throw new Error(exchange.failure.message);
		return { tenantAccessToken: exchange.token.value };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.tenantAccessToken}}',
			},
		},
	};

	// n8n runs preAuthentication first on a test: a bad App ID, secret or host fails there
	// with Feishu's code in plain words. This request then proves the base URL answers like
	// Feishu's token endpoint.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.region === "${CUSTOM_REGION}" ? $credentials.baseUrl.replace(/\\/+$/, "") : $credentials.region }}`,
			url: TENANT_ACCESS_ENDPOINT,
			method: 'POST',
			body: {
				app_id: '={{$credentials.appId}}',
				app_secret: '={{$credentials.appSecret}}',
			},
		},
	};
}
