/**
 * Reads Feishu's response envelope `{ code, msg, data }` (plus `error.log_id` and the
 * rate-limit headers) out of an HTTP response, whatever its status: Feishu reports
 * failures in `code`, sometimes with HTTP 200, so the status alone decides nothing.
 */
import type { IDataObject } from 'n8n-workflow';

export interface FeishuHttpResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

export interface FeishuReply {
	httpStatus: number;
	/** undefined when the body was not Feishu's JSON envelope. */
	code: number | undefined;
	msg: string;
	data: IDataObject | undefined;
	/** The whole JSON body: the token endpoint puts its fields beside `code`. */
	body: IDataObject | undefined;
	logId: string | undefined;
	rateLimit: { limit?: number; resetSeconds?: number };
}

export function readEnvelope(response: FeishuHttpResponse): FeishuReply {
	const body = parseBody(response.body);
	const code = typeof body?.code === 'number' ? body.code : undefined;
	const error = isObject(body?.error) ? body.error : undefined;
	const logId = stringOrUndefined(error?.log_id) ?? stringOrUndefined(header(response.headers, 'x-tt-logid'));
	return {
		httpStatus: response.statusCode,
		code,
		msg: code === undefined ? describeMalformed(response) : String(body?.msg ?? ''),
		data: isObject(body?.data) ? body.data : undefined,
		body,
		logId,
		rateLimit: {
			limit: numberOrUndefined(header(response.headers, 'x-ogw-ratelimit-limit')),
			resetSeconds: numberOrUndefined(header(response.headers, 'x-ogw-ratelimit-reset')),
		},
	};
}

/**
 * Feishu's `msg` is shown to the user as it came. A proxy or gateway that echoes the
 * request into it must not carry the app secret or the token into outputs and logs.
 */
export function withoutSecret(text: string, secret: string): string {
	return secret === '' ? text : text.split(secret).join('[redacted]');
}

/** An object field of Feishu's data (e.g. `user_remedy`), or an empty object when it is missing or not one. */
export function objectAt(data: IDataObject, name: string): IDataObject {
	const value = data[name];
	return isObject(value) ? value : {};
}

function parseBody(body: unknown): IDataObject | undefined {
	if (isObject(body)) return body;
	if (typeof body !== 'string') return undefined;
	try {
		const parsed: unknown = JSON.parse(body);
		return isObject(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

function describeMalformed(response: FeishuHttpResponse): string {
	return `Feishu answered HTTP ${response.statusCode} with a body that is not its JSON envelope`;
}

function header(headers: Record<string, unknown>, name: string): unknown {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
	const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
	return Number.isFinite(parsed) ? parsed : undefined;
}
