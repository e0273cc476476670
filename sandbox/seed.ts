/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the demo apps of the local sandbox: published in its README on purpose, valid nowhere else */
/**
 * The default tenant: the apps, groups and users that tests, the demo and the benchmark pick from.
 * sandbox/README.md lists the same data as a table; change both together.
 */

import type { PunchPair, SandboxSeed, SeedGroup } from './types';

/** The default app, granted every attendance scope. */
export const DEMO_APP = Object.freeze({
	appId: 'cli_sandbox_demo',
	appSecret: 'sandbox-demo-secret-0123456789ab',
});

export const READONLY_APP = Object.freeze({
	appId: 'cli_sandbox_readonly',
	appSecret: 'sandbox-readonly-secret-01234567',
});

export const NO_SCOPE_APP = Object.freeze({
	appId: 'cli_sandbox_noscope',
	appSecret: 'sandbox-noscope-secret-012345678',
});

const OFFICE_HOURS: PunchPair[] = [{ onDuty: '09:00', offDuty: '18:00' }];

/** A fresh copy each call, so a test that edits it cannot leak into another. */
export function defaultSeed(): SandboxSeed {
	return {
		apps: [
			{ ...DEMO_APP, scopes: ['attendance:task', 'attendance:task:readonly'] },
			{ ...READONLY_APP, scopes: ['attendance:task:readonly'] },
			{ ...NO_SCOPE_APP, scopes: [] },
		],
		groups: [
			group('g-standard', '标准班 Standard 09:00-18:00', OFFICE_HOURS),
			group('g-two-pair', '两班 Split shift', [
				{ onDuty: '09:00', offDuty: '12:00' },
				{ onDuty: '13:30', offDuty: '18:00' },
			]),
			group('g-three-pair', '三班 Three shifts', [
				{ onDuty: '08:00', offDuty: '11:00' },
				{ onDuty: '12:00', offDuty: '15:00' },
				{ onDuty: '16:00', offDuty: '20:00' },
			]),
			{ ...group('g-free', '自由班制 Free schedule', OFFICE_HOURS), freeSchedule: true },
			{ ...group('g-no-remedy', '禁止补卡 No remedy', OFFICE_HOURS), allowRemedy: false },
			{ ...group('g-strict', '严格 Strict: 3 days back, 1 a month', OFFICE_HOURS), remedyDaysBack: 3, remedyLimitPerMonth: 1 },
			{ ...group('g-unlimited', '不限 Unlimited (bench)', OFFICE_HOURS), remedyDaysBack: 3650, remedyLimitPerMonth: null },
		],
		users: [
			{ employeeId: 'e1001', employeeNo: 'A1001', name: '张伟', groupId: 'g-standard' },
			{ employeeId: 'e1002', employeeNo: 'A1002', name: 'Alice Chen', groupId: 'g-standard' },
			{ employeeId: 'e1003', employeeNo: 'A1003', name: '李娜', groupId: 'g-two-pair' },
			{ employeeId: 'e1004', employeeNo: 'A1004', name: 'Bob Smith', groupId: 'g-three-pair' },
			{ employeeId: 'e1005', employeeNo: 'A1005', name: '王芳', groupId: 'g-free' },
			{ employeeId: 'e1006', employeeNo: 'A1006', name: '刘洋', groupId: 'g-no-remedy' },
			{ employeeId: 'e1007', employeeNo: 'A1007', name: '陈静', groupId: 'g-strict' },
			{ employeeId: 'e1008', employeeNo: 'A1008', name: 'Carol Wang', groupId: 'g-unlimited' },
			{ employeeId: 'e1009', employeeNo: 'A1009', name: '赵敏 (outside data scope)', groupId: 'g-standard', inDataScope: false },
			{ employeeId: 'e1010', employeeNo: 'A1010', name: 'David Liu (always normal)', groupId: 'g-standard', defaultDay: 'normal' },
		],
		userRanges: [{ prefix: 'bench-', count: 10_000, groupId: 'g-unlimited' }],
	};
}

function group(id: string, name: string, punchPairs: PunchPair[]): SeedGroup {
	return {
		id,
		name,
		freeSchedule: false,
		punchPairs: punchPairs.map((pair) => ({ ...pair })),
		allowRemedy: true,
		remedyDaysBack: 30,
		remedyLimitPerMonth: 5,
	};
}
