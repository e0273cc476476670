/**
 * Tells, from a failed HTTP call, whether the request can have reached Feishu. A
 * connection that was never made wrote nothing and is safe to send again; a reset or a
 * timeout after the request went out may have written a remedy.
 */

/** Errors raised before a byte of the request left this machine. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EADDRNOTAVAIL',
]);

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

export interface NetworkFailure {
	/** The system error code, e.g. ECONNREFUSED; 'UNKNOWN' when none was found. */
	code: string;
	/** True when the request certainly did not reach Feishu. */
	notSent: boolean;
	timedOut: boolean;
	/**
	 * What happened, in words and without the code: n8n replaces any error message that
	 * contains a code like ECONNREFUSED with its own generic text, which would lose the host.
	 */
	words: string;
	/** A message safe to show: built from the code, never from the error (it may hold headers). */
	message: string;
}

const WORDS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	EADDRNOTAVAIL: 'the address is not available',
	ECONNRESET: 'the connection was reset',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
	ESOCKETTIMEDOUT: 'the request timed out',
};

export function classifyNetworkError(error: unknown): NetworkFailure {
	const code = findErrorCode(error) ?? 'UNKNOWN';
	const notSent = NOT_SENT_CODES.has(code);
	const timedOut = TIMEOUT_CODES.has(code);
	return {
		code,
		notSent,
		timedOut,
		words: WORDS[code] ?? 'the connection failed',
		message: describe(code, notSent, timedOut),
	};
}

/**
 * n8n wraps transport errors: a NodeApiError keeps the system code in `httpCode` (and
 * drops the cause), other wrappers keep it in `code` or further down `cause`.
 */
function findErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
		const candidate = current as { code?: unknown; httpCode?: unknown; cause?: unknown; message?: unknown };
		for (const code of [candidate.code, candidate.httpCode]) {
			if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		}
		if (typeof candidate.message === 'string' && /socket hang up/i.test(candidate.message)) return 'ECONNRESET';
		current = candidate.cause;
	}
	return undefined;
}

function describe(code: string, notSent: boolean, timedOut: boolean): string {
	if (notSent) return `Could not connect to Feishu (${code}); nothing was sent`;
	if (timedOut) return `No answer from Feishu before the timeout (${code}); the request may have been processed`;
	return `The connection to Feishu broke (${code}); the request may have been processed`;
}
