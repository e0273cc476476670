/**
 * What each Feishu code means for a user of the node: a category, whether sending the
 * same item again could write a second remedy, and a one-line hint. Hints are English;
 * the Chinese meaning from Feishu's API pages follows in brackets, because that is how
 * the codes are searched for in Feishu's console and help centre.
 */

export type FailureCategory =
	| 'invalid_input'
	| 'not_allowed'
	| 'permission'
	| 'rate_limited'
	| 'auth'
	| 'server'
	| 'network'
	| 'duplicate';

interface CatalogueEntry {
	category: FailureCategory;
	hint: string;
}

/** Codes that mean "this token is stale": renew it and replay the request once. */
export const TOKEN_INVALID_CODES: ReadonlySet<number> = new Set([99991663, 99991664, 99991671, 99991661, 99991668]);

export const RATE_LIMITED_CODE = 99991400;

const CATALOGUE: Record<number, CatalogueEntry> = {
	1220001: {
		category: 'invalid_input',
		hint: 'Feishu rejected a parameter; the message names it. Fix the row and send it again. (入参校验失败)',
	},
	1220002: {
		category: 'auth',
		hint: 'Feishu found no tenant for the token: use a self-built app installed in your tenant. (tenant_id 为空)',
	},
	1220004: {
		category: 'invalid_input',
		hint: 'No such user for this Employee ID Type, or the app cannot see them: check the ID and the ID type. (用户不存在或没有权限)',
	},
	1220005: {
		category: 'permission',
		hint: "The app's attendance data permission does not cover this user: widen it in the attendance admin console. (没有权限，请检查数据权限范围)",
	},
	1220600: {
		category: 'not_allowed',
		hint: 'Feishu Attendance refused the request; the message says why. (通用错误信息)',
	},
	1225000: {
		category: 'server',
		hint: 'Feishu had an internal error. The remedy may or may not have been written: check Feishu before sending again. (内部服务异常)',
	},
	1225001: {
		category: 'server',
		hint: 'Feishu could not write the approval data; the message lists the records. Check Feishu before sending again. (导入审批数据失败)',
	},
	1226500: {
		category: 'server',
		hint: "Feishu's punch service failed. Check Feishu before sending again. (打卡服务异常)",
	},
	1227500: {
		category: 'server',
		hint: "Feishu's organisation service failed. Try again later. (组织架构服务异常)",
	},
	1226501: {
		category: 'not_allowed',
		hint: 'Nothing to correct: that day has no abnormal punch for this user. Check the date and punch. (当天没有异常考勤，无需补卡)',
	},
	1226502: {
		category: 'not_allowed',
		hint: "The user's attendance group does not allow remedies. (考勤组设置不允许补卡)",
	},
	1226503: {
		category: 'not_allowed',
		hint: 'The date is older than the attendance group allows remedies for (or in the future). (超出可补卡日期)',
	},
	1226504: {
		category: 'not_allowed',
		hint: 'The user has used up the remedies allowed this period. (当前周期的补卡次数已用完)',
	},
	99991400: {
		category: 'rate_limited',
		hint: "Feishu rate limit (50 requests/s per app) was still hit after the retries, while none of the app's requests got through: something else may be spending the whole budget. Lower Requests per Second or raise Max Retries. Safe to send again. (请求频率超限)",
	},
	99991403: {
		category: 'rate_limited',
		hint: "The tenant's monthly API quota is used up; calls fail until next month or a plan upgrade. (调用次数超出套餐额度)",
	},
	99991672: {
		category: 'permission',
		hint: 'The app lacks the scope attendance:task: add it in the Feishu developer console and publish a new app version. (应用缺少权限)',
	},
	99991679: {
		category: 'permission',
		hint: 'The app is missing a user authorization for this call. (用户授权缺失)',
	},
	10003: {
		category: 'auth',
		hint: 'Feishu does not know this App ID: check it, and the region (Feishu or Lark) the app lives in. (参数错误，app_id 无效)',
	},
	10014: {
		category: 'auth',
		hint: 'Feishu rejected the App Secret: copy it again from the developer console. (app secret 无效)',
	},
};

for (const code of TOKEN_INVALID_CODES) {
	CATALOGUE[code] = {
		category: 'auth',
		hint: 'Feishu still rejected the tenant access token after renewing it: check the app is enabled in this tenant. (access token 无效)',
	};
}

/** The category and hint of a Feishu code; unknown codes are classified by HTTP status. */
export function lookUpFeishuCode(code: number | undefined, httpStatus: number | undefined): CatalogueEntry {
	if (code !== undefined && CATALOGUE[code]) return CATALOGUE[code];
	if (httpStatus !== undefined && httpStatus >= 500) {
		return {
			category: 'server',
			hint: 'Feishu answered with a server error. The remedy may or may not have been written: check Feishu before sending again.',
		};
	}
	return {
		category: 'invalid_input',
		hint: 'Feishu refused the request; the message says why. Fix the row and send it again.',
	};
}

/**
 * Whether Feishu certainly wrote nothing for a coded answer: every coded 4xx and a
 * rate-limit refusal. 5xx answers are left "unknown" because create has no idempotency key.
 */
export function feishuCodeWroteNothing(code: number | undefined, httpStatus: number | undefined): boolean {
	if (code === undefined) return false;
	if (httpStatus !== undefined && httpStatus >= 500) return false;
	return code !== 0;
}
