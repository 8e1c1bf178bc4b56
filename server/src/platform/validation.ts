import type { FastifySchemaCompiler } from 'fastify';
import type { ZodType, z } from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { ErrorDetail } from './errors.ts';
import { format, type Lang } from './i18n.ts';

const locales = { 'zh-CN': zhCN(), en: en() };

/** Messages for our own refinements, raised with `ctx.addIssue({ code: 'custom', params: { i18n: key } })`. */
const customMessages: Record<string, Record<Lang, string>> = {
  id_number: {
    'zh-CN': '身份证号码格式或校验位不正确',
    en: 'not a valid Chinese ID number (GB 11643 check digit)',
  },
  phone: {
    'zh-CN': '电话号码格式不正确（手机号码，或带区号的固定电话，如 0574-87654321）',
    en: 'not a valid phone number (a mobile, or a fixed line with its area code, e.g. 0574-87654321)',
  },
  mobile: { 'zh-CN': '手机号码格式不正确', en: 'not a valid mobile number' },
  polygon: { 'zh-CN': '区域必须是闭合的多边形坐标', en: 'must be a closed polygon of [lng, lat] points' },
  otp: { 'zh-CN': '验证码为 6 位数字', en: 'must be a 6-digit code' },
  password_weak: {
    'zh-CN': '密码至少 8 位，且须包含字母、数字、符号中的两类',
    en: 'at least 8 characters mixing two of letters, digits and symbols',
  },
  username: {
    'zh-CN': '用户名只能包含字母、数字、点、下划线和连字符',
    en: 'only letters, digits, dot, underscore and hyphen',
  },
  required: { 'zh-CN': '必填', en: 'required' },
  duplicate: { 'zh-CN': '与前面的项重复', en: 'repeats an earlier entry' },
  category_route: {
    'zh-CN':
      '派单规则须为“范围:职能代码”，范围为 district、street、community、center 或 utility（如 street:ENFORCEMENT）',
    en: 'must be SCOPE:FUNCTION, SCOPE one of district, street, community, center, utility (e.g. street:ENFORCEMENT)',
  },
  more_days_than_asked: {
    'zh-CN': '批准天数不能多于申请天数',
    en: 'cannot approve more days than were asked for',
  },
  same_case: { 'zh-CN': '工单不能合并到自身', en: 'a case cannot merge into itself' },
  case_not_found: { 'zh-CN': '找不到该工单', en: 'no such case' },
  case_not_open: { 'zh-CN': '目标工单已不在办理中', en: 'the target case is no longer open' },
  merge_not_with_answer: {
    'zh-CN': '并入已有工单的来电不能同时即时办结',
    en: 'a call merged into an earlier case cannot also be answered at intake',
  },
  party_person: {
    'zh-CN': '须选择已有人员、填写新人员信息或选择工单反映人（三者选一）',
    en: 'give one of an existing personId, a new person, or caseReporter',
  },
  applicant_required: { 'zh-CN': '至少须有一名申请人', en: 'at least one applicant is required' },
  oral_record_required: { 'zh-CN': '口头申请须记录申请内容', en: 'an oral application must be recorded' },
  one_lead_mediator: { 'zh-CN': '须指定且只能指定一名主调解员', en: 'exactly one lead mediator is required' },
  other_routes_required: {
    'zh-CN': '调解不成时须告知当事人其他救济途径',
    en: 'the parties must be told of their other routes',
  },
  answer_with_date: { 'zh-CN': '法院答复与答复日期须同时填写', en: 'the answer and its date go together' },
  not_dispute_case: {
    'zh-CN': '只有矛盾纠纷类（DI）或劳动争议（LB02）工单可以转入调解',
    en: 'only dispute cases (group DI, or LB02) can go to mediation',
  },
  case_not_at_organisation: {
    'zh-CN': '该工单未派给本调解组织，或已不在办理中',
    en: 'the case is not with this mediation organisation, or no longer open',
  },
  case_already_mediated: { 'zh-CN': '该工单已转入调解', en: 'the case already has a mediation' },
  not_mediation_unit: { 'zh-CN': '该单位不是调解组织', en: 'not a mediation organisation' },
  not_a_mediator: {
    'zh-CN': '该人员不是参与调解组织的调解员',
    en: 'not a mediator of a mediating organisation',
  },
  person_not_found: { 'zh-CN': '找不到该人员', en: 'no such person' },
  no_case_reporter: {
    'zh-CN': '该工单没有可用的反映人（未留姓名或匿名），请填写当事人信息',
    en: 'the case has no reporter to use (none given, or anonymous); enter the party',
  },
  party_index: { 'zh-CN': '被代理的当事人序号无效', en: 'no such party to represent' },
  agreement_not_signed: { 'zh-CN': '只能替代已签署的协议', en: 'only a signed agreement can be superseded' },
  agreement_draft_open: {
    'zh-CN': '已有一份未签署的协议草稿，请修改或签署它',
    en: 'an unsigned draft exists: edit or sign it',
  },
  agreement_supersede_signed: {
    'zh-CN': '已有签署的协议，新协议须注明替代它',
    en: 'a signed agreement exists: a new one must supersede it',
  },
  unit_not_found: { 'zh-CN': '找不到该单位或已停用', en: 'no such active unit' },
  category_not_found: { 'zh-CN': '找不到该分类或已停用', en: 'no such active category' },
  category_required: { 'zh-CN': '派单前须先确定分类', en: 'choose a category before dispatching' },
  attributes_need_category: { 'zh-CN': '填写补充信息前须先选择分类', en: 'extra fields need a category' },
  reason_required: { 'zh-CN': '办结结果不是“已解决”时须说明原因', en: 'a reason is required unless solved' },
  callback_needs_rating: {
    'zh-CN': '回访接通时须填写是否解决和满意度',
    en: 'an answered callback needs solved and rating',
  },
  lat_lng_together: { 'zh-CN': '经度和纬度须同时提供', en: 'lat and lng go together' },
  cursor: {
    'zh-CN': '翻页标记无效，请从第一页重新开始',
    en: 'invalid cursor; start again from the first page',
  },
  file_required: { 'zh-CN': '请选择要上传的文件', en: 'choose a file to upload' },
  tracking_no: {
    'zh-CN': '受理编号只含字母和数字，请核对后重新输入',
    en: 'a tracking number has only letters and digits; check it and try again',
  },
  period_order: { 'zh-CN': '结束日期须晚于开始日期', en: 'the period must end after it starts' },
  month: { 'zh-CN': '月份格式应为 YYYY-MM，如 2026-03', en: 'must be a month as YYYY-MM, e.g. 2026-03' },
  month_not_future: { 'zh-CN': '不能晚于本月', en: 'cannot be later than this month' },
  period_too_long: { 'zh-CN': '时间段最长 {max} 天', en: 'the period may cover at most {max} days' },
  tab_of_view: {
    'zh-CN': '该列表没有这个分页签，可选：{tabs}',
    en: 'not a tab of this list; choose from {tabs}',
  },
};

/** Raised by the validator: the issues of one part of a request (body, querystring, params, headers). */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  readonly issues: z.core.$ZodIssue[];
  readonly part: string;

  constructor(issues: z.core.$ZodIssue[], part: string) {
    super('request validation failed');
    this.issues = issues;
    this.part = part;
  }
}

export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues, httpPart ?? 'body') };
  };

/** Turns zod issues into the error `details`: field path and a message in the caller's language. */
export function describeIssues(issues: z.core.$ZodIssue[], part: string, lang: Lang): ErrorDetail[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return { path: field ? `${part}.${field}` : part, code: issue.code, message: localiseIssue(issue, lang) };
  });
}

function localiseIssue(issue: z.core.$ZodIssue, lang: Lang): string {
  const params = issue.code === 'custom' ? (issue.params as Record<string, string> | undefined) : undefined;
  const key = params?.i18n;
  if (key && customMessages[key]) return format(customMessages[key][lang], params);
  const localised = locales[lang].localeError(issue as unknown as z.core.$ZodRawIssue);
  if (typeof localised === 'string') return localised;
  if (localised && typeof localised === 'object' && 'message' in localised) return localised.message;
  return issue.message;
}

export function customIssueMessage(key: string, lang: Lang, params: Record<string, string> = {}): string {
  return format(customMessages[key]?.[lang] ?? key, params);
}
