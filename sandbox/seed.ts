/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the demo apps of the local sandbox: published in its README on purpose, valid nowhere else */
/**
 * The default tenant: the apps, groups and users that tests, the demo and the benchmark pick from.
 * sandbox/README.md lists the same data as a table; change both together.
 */

import type { PunchPair, SandboxSeed, SeedGroup } from './types';

/** The default app, granted every attendance scope and the contact scopes to look people up by email or mobile. */
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

/** Attendance scopes and `contact:user.id:readonly`, but not `contact:user.employee_id:readonly`: look-ups find people without their user_id. */
export const NO_EMPLOYEE_ID_APP = Object.freeze({
	appId: 'cli_sandbox_no_employee_id',
	appSecret: 'sandbox-no-employee-id-secret-01',
});

/** The attendance scopes only: a look-up by email or mobile answers 99991672. */
export const NO_CONTACT_APP = Object.freeze({
	appId: 'cli_sandbox_no_contact',
	appSecret: 'sandbox-no-contact-secret-0123456',
});

/** 通过手机号或邮箱获取用户 ID, and the field scope without which `user_id` is never returned. */
const CONTACT_SCOPES = ['contact:user.id:readonly', 'contact:user.employee_id:readonly'];

const OFFICE_HOURS: PunchPair[] = [{ onDuty: '09:00', offDuty: '18:00' }];

/** A fresh copy each call, so a test that edits it cannot leak into another. */
export function defaultSeed(): SandboxSeed {
	return {
		apps: [
			{ ...DEMO_APP, scopes: ['attendance:task', 'attendance:task:readonly', ...CONTACT_SCOPES] },
			{ ...READONLY_APP, scopes: ['attendance:task:readonly'] },
			{ ...NO_SCOPE_APP, scopes: [] },
			{ ...NO_CONTACT_APP, scopes: ['attendance:task', 'attendance:task:readonly'] },
			{ ...NO_EMPLOYEE_ID_APP, scopes: ['attendance:task', 'attendance:task:readonly', 'contact:user.id:readonly'] },
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
			{
				...group('g-strict', '严格 Strict: 3 days back, 1 a month', OFFICE_HOURS),
				remedyDaysBack: 3,
				remedyLimitPerMonth: 1,
			},
			{
				...group('g-unlimited', '不限 Unlimited (bench)', OFFICE_HOURS),
				remedyDaysBack: 3650,
				remedyLimitPerMonth: null,
			},
		],
		users: [
			{
				employeeId: 'e1001',
				employeeNo: 'A1001',
				name: '张伟',
				groupId: 'g-standard',
				email: 'zhang.wei@example.com',
				mobile: '13800000000',
			},
			{
				employeeId: 'e1002',
				employeeNo: 'A1002',
				name: 'Alice Chen',
				groupId: 'g-standard',
				email: 'alice.chen@example.com',
				mobile: '+85291234567',
			},
			{
				employeeId: 'e1003',
				employeeNo: 'A1003',
				name: '李娜',
				groupId: 'g-two-pair',
				email: 'li.na@example.com',
				mobile: '13800000003',
			},
			{
				employeeId: 'e1004',
				employeeNo: 'A1004',
				name: 'Bob Smith',
				groupId: 'g-three-pair',
				email: 'bob.smith@example.com',
				mobile: '+14155550104',
			},
			{
				employeeId: 'e1005',
				employeeNo: 'A1005',
				name: '王芳',
				groupId: 'g-free',
				email: 'wang.fang@example.com',
				mobile: '13800000005',
			},
			{
				employeeId: 'e1006',
				employeeNo: 'A1006',
				name: '刘洋',
				groupId: 'g-no-remedy',
				email: 'liu.yang@example.com',
				mobile: '13800000006',
			},
			{
				employeeId: 'e1007',
				employeeNo: 'A1007',
				name: '陈静',
				groupId: 'g-strict',
				email: 'chen.jing@example.com',
				mobile: '13800000007',
			},
			{
				employeeId: 'e1008',
				employeeNo: 'A1008',
				name: 'Carol Wang',
				groupId: 'g-unlimited',
				email: 'carol.wang@example.com',
				mobile: '13800000008',
			},
			{
				employeeId: 'e1009',
				employeeNo: 'A1009',
				name: '赵敏 (outside data scope)',
				groupId: 'g-standard',
				inDataScope: false,
				email: 'zhao.min@example.com',
				mobile: '13800000009',
			},
			{
				employeeId: 'e1010',
				employeeNo: 'A1010',
				name: 'David Liu (always normal)',
				groupId: 'g-standard',
				defaultDay: 'normal',
				email: 'david.liu@example.com',
				mobile: '13800000010',
			},
			{
				employeeId: 'e1011',
				employeeNo: 'A1011',
				name: '孙丽 (resigned)',
				groupId: 'g-standard',
				resigned: true,
				email: 'sun.li@example.com',
				mobile: '13800000011',
			},
			{
				employeeId: 'e1012',
				employeeNo: 'A1012',
				name: '周杰 (outside contact range)',
				groupId: 'g-standard',
				inContactScope: false,
				email: 'zhou.jie@example.com',
				mobile: '13800000012',
			},
		],
		userRanges: [
			{
				prefix: 'bench-',
				count: 10_000,
				groupId: 'g-unlimited',
				emailDomain: 'bench.example.com',
				mobilePrefix: '139',
			},
		],
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
