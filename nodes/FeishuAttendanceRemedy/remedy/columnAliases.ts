/**
 * Column names that "Map Automatically" recognises in an input item, so that a row
 * from a sheet, a form or an HR export works without expressions. Names are compared
 * after folding case and dropping spaces, underscores and hyphens, so `remedy_date`,
 * `remedyDate` and `Remedy Date` are one name. Chinese headers are the ones HR sheets use.
 */
import type { RemedyFieldName, UserIdType } from './remedyTypes';

interface ColumnAlias {
	names: readonly string[];
	/** A column whose name says which ID it holds (工号 is an employee number, 邮箱 an email). */
	impliesEmployeeType?: UserIdType;
}

export const COLUMN_ALIASES: Record<RemedyFieldName, readonly ColumnAlias[]> = {
	employeeType: [{ names: ['employeetype', 'idtype', 'employeeidtype', 'usertype', 'id类型', '员工id类型'] }],
	userId: [
		{ names: ['userid', 'user', '用户id', '人员id'] },
		{ names: ['employeeid', '员工id', '员工userid'], impliesEmployeeType: 'employee_id' },
		{
			names: ['employeeno', 'employeenumber', 'staffno', '工号', '员工工号', '员工编号'],
			impliesEmployeeType: 'employee_no',
		},
		// Forms collect the submitter's email, HR sheets often an email or mobile: looked up in Feishu's contacts.
		{ names: ['email', 'emailaddress', 'mail', '邮箱', '电子邮箱', '邮箱地址', '邮件'], impliesEmployeeType: 'email' },
		{
			names: [
				'mobile',
				'mobilenumber',
				'mobilephone',
				'phone',
				'phonenumber',
				'cellphone',
				'手机号',
				'手机',
				'手机号码',
				'电话',
			],
			impliesEmployeeType: 'mobile',
		},
	],
	remedyDate: [{ names: ['remedydate', 'date', 'punchdate', 'workdate', '补卡日期', '日期', '考勤日期'] }],
	punch: [{ names: ['punchno', 'punch', 'punchnumber', '第几次上下班', '班次', '打卡次序'] }],
	workType: [{ names: ['worktype', 'duty', '上下班', '上班下班', '打卡类型', '上下班类型'] }],
	remedyTime: [{ names: ['remedytime', 'time', 'punchtime', '补卡时间', '时间', '打卡时间'] }],
	reason: [{ names: ['reason', 'remark', 'comment', 'note', '补卡原因', '原因', '补卡理由', '备注'] }],
};

export function foldColumnName(name: string): string {
	return name.toLowerCase().replace(/[\s_\-/]/g, '');
}

/** Accepted column names of a field, for messages that tell the user what to rename. */
export function columnNamesOf(field: RemedyFieldName): string[] {
	const preferred: Record<RemedyFieldName, string> = {
		employeeType: 'employee_type',
		userId: 'user_id',
		remedyDate: 'remedy_date',
		punch: 'punch_no',
		workType: 'work_type',
		remedyTime: 'remedy_time',
		reason: 'reason',
	};
	const chinese = COLUMN_ALIASES[field].flatMap((alias) => alias.names.filter((n) => /[^\p{ASCII}]/u.test(n)));
	return [preferred[field], ...chinese.slice(0, 2)];
}
