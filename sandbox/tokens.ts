/**
 * tenant_access_token issuing and checking, with Feishu's reuse rule: asking again returns the same
 * token while more than the renew threshold is left, a new one otherwise, and the old token stays
 * valid until its own expiry. Expired tokens are pruned per app on issue, so memory stays bounded.
 */

import { randomBytes } from 'node:crypto';

interface IssuedToken {
	appId: string;
	expiresAt: number;
}

export interface TokenGrant {
	token: string;
	/** Whole seconds left, as Feishu's `expire`. */
	expireSeconds: number;
}

export class TokenStore {
	private readonly byToken = new Map<string, IssuedToken>();
	/** Tokens per app, newest last. */
	private readonly byApp = new Map<string, string[]>();

	issue(appId: string, nowMs: number, lifetimeSeconds: number, renewThresholdSeconds: number, length = 50): TokenGrant {
		const tokens = this.pruneExpired(appId, nowMs);
		const newest = tokens[tokens.length - 1];
		const newestIssued = newest === undefined ? undefined : this.byToken.get(newest);
		if (newest !== undefined && newestIssued && newestIssued.expiresAt - nowMs > renewThresholdSeconds * 1000) {
			return { token: newest, expireSeconds: Math.floor((newestIssued.expiresAt - nowMs) / 1000) };
		}
		// Real tokens are opaque and may grow to JWTs of several KB (the tokenLength setting), so
		// clients must not assume a short fixed length.
		const token = `t-${randomBytes(Math.ceil(Math.max(length - 2, 16) / 2)).toString('hex')}`.slice(
			0,
			Math.max(length, 18),
		);
		const expiresAt = nowMs + lifetimeSeconds * 1000;
		this.byToken.set(token, { appId, expiresAt });
		tokens.push(token);
		return { token, expireSeconds: Math.floor(lifetimeSeconds) };
	}

	/** The app owning a token that is neither expired nor revoked. */
	appOf(token: string, nowMs: number): string | undefined {
		const issued = this.byToken.get(token);
		return issued && issued.expiresAt > nowMs ? issued.appId : undefined;
	}

	revoke(appId?: string): void {
		const apps = appId === undefined ? [...this.byApp.keys()] : [appId];
		for (const app of apps) {
			for (const token of this.byApp.get(app) ?? []) this.byToken.delete(token);
			this.byApp.delete(app);
		}
	}

	clear(): void {
		this.byToken.clear();
		this.byApp.clear();
	}

	private pruneExpired(appId: string, nowMs: number): string[] {
		const live = (this.byApp.get(appId) ?? []).filter((token) => {
			const issued = this.byToken.get(token);
			if (issued && issued.expiresAt > nowMs) return true;
			this.byToken.delete(token);
			return false;
		});
		this.byApp.set(appId, live);
		return live;
	}
}
