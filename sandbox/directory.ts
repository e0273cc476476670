/**
 * The tenant as seeded: apps with their scopes, attendance groups and users. Users of a
 * `userRanges` entry are made up on lookup, so a 10,000-user bench range costs nothing at start.
 * A seed is checked once here, so handlers can trust what they look up.
 */

import { parseClock } from './calendar';
import { emailKey, mobileKey } from './contact/contactKeys';
import type { EmployeeType, PunchResult, SandboxSeed, SeedApp, SeedGroup, SeedUserRange } from './types';

/** A user as the handlers see it: group resolved, defaults applied. */
export interface UserRecord {
	employeeId: string;
	employeeNo: string;
	name: string;
	group: SeedGroup;
	inDataScope: boolean;
	defaultResult: PunchResult;
	days: Record<string, PunchResult[]>;
	/** The contact email and mobile as seeded (undefined: none). */
	email?: string;
	mobile?: string;
	resigned: boolean;
	inContactScope: boolean;
}

export class SeedError extends Error {}

const PUNCH_RESULTS: ReadonlySet<string> = new Set(['Normal', 'Lack', 'Late', 'Early']);
const NO_DAYS: Record<string, PunchResult[]> = Object.freeze({});

export class Directory {
	private readonly apps = new Map<string, SeedApp>();
	private readonly groups = new Map<string, SeedGroup>();
	private readonly byEmployeeId = new Map<string, UserRecord>();
	private readonly byEmployeeNo = new Map<string, UserRecord>();
	private readonly byEmail = new Map<string, UserRecord>();
	private readonly byMobile = new Map<string, UserRecord>();
	private readonly ranges: Array<{ range: SeedUserRange; group: SeedGroup }> = [];

	constructor(seed: SandboxSeed) {
		if (!Array.isArray(seed?.apps) || !Array.isArray(seed.groups) || !Array.isArray(seed.users)) {
			throw new SeedError('a seed needs apps, groups and users arrays');
		}
		for (const app of seed.apps) {
			if (!nonEmpty(app.appId) || typeof app.appSecret !== 'string' || !Array.isArray(app.scopes)) {
				throw new SeedError(`app ${JSON.stringify(app.appId)}: appId, appSecret and scopes are required`);
			}
			this.apps.set(app.appId, app);
		}
		for (const group of seed.groups) {
			checkGroup(group);
			this.groups.set(group.id, group);
		}
		for (const user of seed.users) {
			if (!nonEmpty(user.employeeId) || !nonEmpty(user.employeeNo)) {
				throw new SeedError(`user ${JSON.stringify(user.name)}: employeeId and employeeNo are required`);
			}
			const record: UserRecord = {
				employeeId: user.employeeId,
				employeeNo: user.employeeNo,
				name: user.name,
				group: this.requireGroup(user.groupId, `user ${user.employeeId}`),
				inDataScope: user.inDataScope !== false,
				defaultResult: user.defaultDay === 'normal' ? 'Normal' : 'Lack',
				days: user.days ?? NO_DAYS,
				email: user.email,
				mobile: user.mobile,
				resigned: user.resigned === true,
				inContactScope: user.inContactScope !== false,
			};
			checkDays(record);
			this.byEmployeeId.set(record.employeeId, record);
			this.byEmployeeNo.set(record.employeeNo, record);
			this.indexContact(record);
		}
		for (const range of seed.userRanges ?? []) {
			if (!nonEmpty(range.prefix) || !Number.isInteger(range.count) || range.count < 0) {
				throw new SeedError(`userRange ${JSON.stringify(range.prefix)}: prefix and a count ≥ 0 are required`);
			}
			if (range.emailDomain !== undefined && !/^[a-z0-9.-]+$/.test(range.emailDomain)) {
				throw new SeedError(`userRange ${range.prefix}: emailDomain must be a lower-case domain`);
			}
			if (range.mobilePrefix !== undefined && !/^1\d{0,5}$/.test(range.mobilePrefix)) {
				throw new SeedError(`userRange ${range.prefix}: mobilePrefix must be 1 to 6 digits starting with 1`);
			}
			this.ranges.push({ range, group: this.requireGroup(range.groupId, `userRange ${range.prefix}`) });
		}
	}

	app(appId: string): SeedApp | undefined {
		return this.apps.get(appId);
	}

	findUser(employeeType: EmployeeType, id: string): UserRecord | undefined {
		const seeded = (employeeType === 'employee_id' ? this.byEmployeeId : this.byEmployeeNo).get(id);
		return seeded ?? this.findRangeUser(employeeType, id);
	}

	/** By contact email, ignoring case (Feishu's addresses are case-insensitive). */
	findByEmail(email: string): UserRecord | undefined {
		const key = emailKey(email);
		return this.byEmail.get(key) ?? this.findRangeUserBy((range) => rangeNumberOfEmail(range, key));
	}

	/** By contact mobile: a mainland number with or without `+86`, any other with `+` and country code. */
	findByMobile(mobile: string): UserRecord | undefined {
		const key = mobileKey(mobile);
		if (key === undefined) return undefined;
		return this.byMobile.get(key) ?? this.findRangeUserBy((range) => rangeNumberOfMobile(range, key));
	}

	private indexContact(record: UserRecord): void {
		if (record.email !== undefined) {
			if (!/^[^\s@]+@[^\s@]+$/.test(record.email))
				throw new SeedError(`user ${record.employeeId}: email must look like name@domain`);
			this.byEmail.set(emailKey(record.email), record);
		}
		if (record.mobile !== undefined) {
			const key = mobileKey(record.mobile);
			if (key === undefined)
				throw new SeedError(`user ${record.employeeId}: mobile must be 11 mainland digits or + and the country code`);
			this.byMobile.set(key, record);
		}
	}

	private findRangeUser(employeeType: EmployeeType, id: string): UserRecord | undefined {
		const head = (range: SeedUserRange): string =>
			employeeType === 'employee_id' ? range.prefix : `${range.prefix}no-`;
		return this.findRangeUserBy((range) =>
			id.startsWith(head(range)) ? rangeNumber(range, id.slice(head(range).length)) : undefined,
		);
	}

	/** The range user whose number `numberIn` finds in the key, made up on the spot. */
	private findRangeUserBy(numberIn: (range: SeedUserRange) => number | undefined): UserRecord | undefined {
		for (const { range, group } of this.ranges) {
			const n = numberIn(range);
			if (n === undefined) continue;
			return {
				employeeId: `${range.prefix}${n}`,
				employeeNo: `${range.prefix}no-${n}`,
				name: `${range.prefix}${n}`,
				group,
				inDataScope: true,
				defaultResult: 'Lack',
				days: NO_DAYS,
				email: range.emailDomain === undefined ? undefined : `${range.prefix}${n}@${range.emailDomain}`,
				mobile: range.mobilePrefix === undefined ? undefined : rangeMobile(range.mobilePrefix, n),
				resigned: false,
				inContactScope: true,
			};
		}
		return undefined;
	}

	private requireGroup(groupId: string, owner: string): SeedGroup {
		const group = this.groups.get(groupId);
		if (!group) throw new SeedError(`${owner}: unknown groupId ${JSON.stringify(groupId)}`);
		return group;
	}
}

/** A range user's number from its digits: no leading zeros, so each user has exactly one spelling, as real ids do. */
function rangeNumber(range: SeedUserRange, digits: string): number | undefined {
	return /^[1-9]\d*$/.test(digits) && Number(digits) <= range.count ? Number(digits) : undefined;
}

function rangeNumberOfEmail(range: SeedUserRange, key: string): number | undefined {
	if (range.emailDomain === undefined) return undefined;
	const head = range.prefix.toLowerCase();
	const tail = `@${range.emailDomain}`;
	if (!key.startsWith(head) || !key.endsWith(tail)) return undefined;
	return rangeNumber(range, key.slice(head.length, key.length - tail.length));
}

function rangeNumberOfMobile(range: SeedUserRange, key: string): number | undefined {
	const prefix = range.mobilePrefix;
	if (prefix === undefined || key.length !== 11 || !key.startsWith(prefix)) return undefined;
	return rangeNumber(range, key.slice(prefix.length).replace(/^0+/, ''));
}

function rangeMobile(prefix: string, n: number): string {
	return `${prefix}${String(n).padStart(11 - prefix.length, '0')}`;
}

function checkGroup(group: SeedGroup): void {
	const where = `group ${JSON.stringify(group.id)}`;
	if (!nonEmpty(group.id) || !Array.isArray(group.punchPairs))
		throw new SeedError(`${where}: id and punchPairs are required`);
	const maxPairs = group.freeSchedule ? 1 : 3;
	const minPairs = group.freeSchedule ? 0 : 1;
	if (group.punchPairs.length < minPairs || group.punchPairs.length > maxPairs) {
		throw new SeedError(`${where}: needs ${minPairs}..${maxPairs} punchPairs`);
	}
	for (const pair of group.punchPairs) {
		if (parseClock(pair.onDuty) === undefined || parseClock(pair.offDuty) === undefined) {
			throw new SeedError(`${where}: punch times must be HH:mm`);
		}
	}
	if (!Number.isInteger(group.remedyDaysBack) || group.remedyDaysBack < 0) {
		throw new SeedError(`${where}: remedyDaysBack must be an integer ≥ 0`);
	}
	const limit = group.remedyLimitPerMonth;
	if (limit !== null && (!Number.isInteger(limit) || limit < 0)) {
		throw new SeedError(`${where}: remedyLimitPerMonth must be an integer ≥ 0 or null`);
	}
}

function checkDays(user: UserRecord): void {
	for (const [date, results] of Object.entries(user.days)) {
		if (!/^\d{8}$/.test(date) || !Array.isArray(results) || !results.every((r) => PUNCH_RESULTS.has(r))) {
			throw new SeedError(`user ${user.employeeId}: days must map yyyyMMdd to Normal|Lack|Late|Early[]`);
		}
	}
}

function nonEmpty(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0;
}
