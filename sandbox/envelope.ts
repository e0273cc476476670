/**
 * Feishu's response envelope `{ code, msg, data }`, the `error` object failures carry, and the
 * log ids that tie a response body to its `x-tt-logid` header.
 */

import { randomBytes } from 'node:crypto';
import type { FeishuFailure } from './feishuErrors';

export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a handler answers; the gateway adds the log id header and records it. */
export interface Answer {
	status: number;
	code: number;
	body: JsonObject;
	headers?: Record<string, string>;
}

export function success(data: JsonObject): Answer {
	return { status: 200, code: 0, body: { code: 0, msg: 'success', data } };
}

export function failure(failed: FeishuFailure, logId: string): Answer {
	const error: JsonObject = {
		log_id: logId,
		troubleshooter: `排查建议查看(Troubleshooting suggestions): https://open.feishu.cn/search?from=openapi&log_id=${logId}&code=${failed.code}`,
	};
	if (failed.fieldViolation) error.field_violations = [failed.fieldViolation];
	if (failed.permissionViolations) error.permission_violations = failed.permissionViolations;
	if (failed.helps) error.helps = failed.helps;
	return { status: failed.status, code: failed.code, body: { code: failed.code, msg: failed.msg, error } };
}

/** A random per-process prefix plus a counter: unique and cheap, no crypto call per request. */
const LOG_ID_PREFIX = randomBytes(6).toString('hex').toUpperCase();
let logCounter = 0;

/** Shaped like Feishu's: yyyyMMddHHmmss (Asia/Shanghai) followed by upper-case hex. */
export function newLogId(nowMs: number): string {
	logCounter = (logCounter + 1) % 0x1000000;
	const stamp = new Date(nowMs + 8 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);
	return `${stamp}${LOG_ID_PREFIX}${logCounter.toString(16).toUpperCase().padStart(6, '0')}`;
}
