/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- dev tool: guards the per-machine install cache, in plain Node */
/**
 * One installer at a time per cache directory. jest runs e2e files in parallel workers and each
 * may find n8n missing; two `npm install`s into one folder corrupt each other. The lock is a
 * directory next to the cache (mkdir is atomic) holding the owner's pid; a lock whose process is
 * gone (a killed install) is taken over, and the half-finished install under it is redone, since
 * only a finished install writes its marker.
 */

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { delay, formatDuration, type Log } from './processes';

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: alive, someone else's.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function ownerOf(lockDir: string): number | undefined {
	try {
		const pid = Number((JSON.parse(readFileSync(`${lockDir}/owner.json`, 'utf8')) as { pid?: unknown }).pid);
		return Number.isInteger(pid) ? pid : undefined;
	} catch {
		return undefined;
	}
}

function tryTake(lockDir: string): boolean {
	try {
		mkdirSync(lockDir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	}
	writeFileSync(`${lockDir}/owner.json`, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
	return true;
}

/** Runs `work` holding the lock of `dir`, waiting (with a line every 30 s) while another process holds it. */
export async function withInstallLock<T>(dir: string, log: Log, work: () => Promise<T>): Promise<T> {
	mkdirSync(dirname(dir), { recursive: true });
	const lockDir = `${dir}.lock`;
	const started = Date.now();
	let lastSaid = 0;
	let seenOwnerless = 0;
	while (!tryTake(lockDir)) {
		const owner = ownerOf(lockDir);
		// A lock without an owner file yet is one being taken right now; only a lasting one is stale.
		if (owner === undefined) seenOwnerless += 1;
		if ((owner !== undefined && !isAlive(owner)) || seenOwnerless > 10) {
			log(`${dir}: taking over the lock of an install that is gone (pid ${owner ?? 'unknown'})`);
			rmSync(lockDir, { recursive: true, force: true });
			seenOwnerless = 0;
			continue;
		}
		if (Date.now() - lastSaid >= 30_000) {
			log(`${dir}: waiting for the install running in pid ${owner ?? '?'} (${formatDuration(Date.now() - started)})`);
			lastSaid = Date.now();
		}
		await delay(1000);
	}
	try {
		return await work();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}
