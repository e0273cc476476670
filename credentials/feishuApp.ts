/**
 * Which Feishu app a request is made as, and where: the values of the "Feishu API"
 * credential, with the region resolved to a base URL. It belongs to the credential (it
 * is what the credential's fields mean); the node reads its credential through it, so
 * the region and the https rule are resolved in this one place.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const FEISHU_BASE_URL = 'https://open.feishu.cn';
export const LARK_BASE_URL = 'https://open.larksuite.com';
export const CUSTOM_REGION = 'custom';

/** Where a self-built app exchanges its ID and secret for a tenant_access_token. */
export const TENANT_ACCESS_ENDPOINT = '/open-apis/auth/v3/tenant_access_token/internal';

export interface FeishuApp {
	baseUrl: string;
	appId: string;
	appSecret: string;
}

export type FeishuAppResult = { ok: true; app: FeishuApp } | { ok: false; message: string };

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

export function readFeishuApp(credentials: ICredentialDataDecryptedObject): FeishuAppResult {
	const baseUrl = resolveBaseUrl(String(credentials.region ?? FEISHU_BASE_URL), String(credentials.baseUrl ?? ''));
	if (!baseUrl.ok) return baseUrl;
	const appId = String(credentials.appId ?? '').trim();
	const appSecret = String(credentials.appSecret ?? '').trim();
	if (appId === '') return { ok: false, message: 'The Feishu API credential has no App ID' };
	if (appSecret === '') return { ok: false, message: 'The Feishu API credential has no App Secret' };
	return { ok: true, app: { baseUrl: baseUrl.url, appId, appSecret } };
}

/**
 * A custom base URL must be https: app secrets and tokens cross it. Plain http is
 * accepted only on loopback, for the local sandbox and tests.
 */
export function resolveBaseUrl(
	region: string,
	customUrl: string,
): { ok: true; url: string } | { ok: false; message: string } {
	if (region !== CUSTOM_REGION) {
		if (region === FEISHU_BASE_URL || region === LARK_BASE_URL) return { ok: true, url: region };
		return { ok: false, message: `Unknown region "${region}": choose Feishu, Lark or a custom base URL` };
	}
	let url: URL;
	try {
		url = new URL(customUrl.trim());
	} catch {
		return {
			ok: false,
			message: `The custom base URL "${customUrl}" is not a URL; expected e.g. https://open.larkoffice.com`,
		};
	}
	const isLoopback = LOOPBACK_HOSTS.test(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) {
		return {
			ok: false,
			message: `The custom base URL "${url.origin}" must use https:// (plain http:// is accepted only for loopback addresses such as 127.0.0.1)`,
		};
	}
	if (url.username || url.password || url.search || url.hash) {
		return { ok: false, message: 'The custom base URL must not contain credentials, a query or a fragment' };
	}
	return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
