/**
 * The contract between the gateway (auth, rate limit, faults) and the endpoint handlers: a handler
 * gets an already authenticated call and the sandbox state, and returns an Answer. Handlers do no
 * I/O, so each can be read as Feishu's documented behaviour of one endpoint.
 */

import type { CallInput } from './attendance/requestFields';
import type { Answer } from './envelope';
import type { SandboxState } from './state';

export interface ApiCall extends CallInput {
	/** The app of the bearer token; '' on the token endpoint. */
	appId: string;
	logId: string;
	nowMs: number;
}

export type Handler = (call: ApiCall, state: SandboxState) => Answer;
