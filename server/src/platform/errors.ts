import { format, type Lang } from './i18n.ts';
import { customIssueMessage } from './validation.ts';

interface ErrorSpec {
  status: number;
  'zh-CN': string;
  en: string;
}

/** The one catalog of errors the API returns: code → HTTP status and message in each language. */
export const errorCatalog = {
  'request.invalid': { status: 400, 'zh-CN': '请求数据有误：{fields}', en: 'Invalid request: {fields}' },
  'request.malformed': {
    status: 400,
    'zh-CN': '请求格式有误，无法解析',
    en: 'The request body could not be parsed',
  },
  'request.too_large': {
    status: 413,
    'zh-CN': '请求内容过大（上限 {limit} 字节）',
    en: 'Request body too large (limit {limit} bytes)',
  },
  'request.unsupported_type': { status: 415, 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  'request.rate_limited': {
    status: 429,
    'zh-CN': '请求过于频繁，请稍后再试',
    en: 'Too many requests, please try again later',
  },
  'route.not_found': { status: 404, 'zh-CN': '接口不存在', en: 'No such endpoint' },
  'record.not_found': { status: 404, 'zh-CN': '记录不存在', en: 'Record not found' },
  'record.conflict': {
    status: 409,
    'zh-CN': '记录已被他人修改，请刷新后重试',
    en: 'The record was changed by someone else; reload and try again',
  },
  'record.duplicate': { status: 409, 'zh-CN': '{field} 已存在', en: '{field} already exists' },
  'auth.required': { status: 401, 'zh-CN': '请先登录', en: 'Please sign in' },
  'auth.invalid_credentials': { status: 401, 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  'auth.locked': {
    status: 423,
    'zh-CN': '登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; the account is locked for {minutes} more minutes',
  },
  'auth.inactive': { status: 401, 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  'auth.csrf': {
    status: 403,
    'zh-CN': '安全校验失败，请刷新页面后重试',
    en: 'Security check failed; reload the page and try again',
  },
  'auth.otp_invalid': { status: 401, 'zh-CN': '验证码错误或已过期', en: 'The code is wrong or has expired' },
  'auth.otp_too_soon': {
    status: 429,
    'zh-CN': '验证码发送过于频繁，请 {seconds} 秒后再试',
    en: 'Please wait {seconds} seconds before asking for another code',
  },
  'auth.api_key_invalid': {
    status: 401,
    'zh-CN': 'API 密钥无效或已吊销',
    en: 'The API key is invalid or revoked',
  },
  'access.denied': { status: 403, 'zh-CN': '无权执行此操作', en: 'You may not do this' },
  'org.cycle': {
    status: 400,
    'zh-CN': '不能把单位移动到它自己的下级',
    en: 'A unit cannot move under itself or its own descendants',
  },
  'org.parent_inactive': { status: 400, 'zh-CN': '上级单位已停用', en: 'The parent unit is inactive' },
  'org.has_active_children': {
    status: 409,
    'zh-CN': '该单位仍有启用的下级单位，请先停用下级',
    en: 'The unit still has active units under it; deactivate them first',
  },
  'org.parent_not_found': {
    status: 400,
    'zh-CN': '上级单位不存在',
    en: 'The parent unit does not exist',
  },
  'org.invalid_import': {
    status: 400,
    'zh-CN': '导入的组织数据有误：{reason}',
    en: 'The organisation to import is invalid: {reason}',
  },
  'person.invalid_id_number': {
    status: 400,
    'zh-CN': '身份证号码校验位不正确',
    en: 'The ID number check digit is wrong',
  },
  'person.grantee_out_of_scope': {
    status: 400,
    'zh-CN': '该工作人员无权查看此人员所属单位的档案，不能授权',
    en: 'That staff member cannot read persons of this unit, so access cannot be granted',
  },
  'case.invalid_state': {
    status: 409,
    'zh-CN': '工单当前状态为「{status}」，不能{action}',
    en: 'The case is {status}; it cannot be {action}',
  },
  'case.conflict': {
    status: 409,
    'zh-CN': '该工单刚被他人处理（当前状态「{status}」），请刷新后重试',
    en: 'Someone else just acted on this case (now {status}); reload and try again',
  },
  'case.not_your_unit': {
    status: 403,
    'zh-CN': '该工单未派给您所在的单位，不能{action}',
    en: 'This case was not sent to your unit, so you cannot {action}',
  },
  'case.co_units_pending': {
    status: 409,
    'zh-CN': '协办单位尚未反馈办理情况：{units}',
    en: 'Co-handling units have not reported their part yet: {units}',
  },
  'case.extension_pending': {
    status: 409,
    'zh-CN': '已有待审批的延期申请',
    en: 'An extension request is already waiting for a decision',
  },
  'case.channel_not_allowed': {
    status: 403,
    'zh-CN': '您不能登记来源为「{channel}」的工单',
    en: 'You may not register cases from the {channel} channel',
  },
  'case.idempotency_mismatch': {
    status: 422,
    'zh-CN': '该 Idempotency-Key 已用于另一份不同的请求',
    en: 'This Idempotency-Key was already used for a different request',
  },
  'case.attachment_type': {
    status: 415,
    'zh-CN': '不支持的附件类型（支持 JPEG、PNG、WebP、HEIC 图片和 PDF 文档）',
    en: 'Unsupported attachment type (JPEG, PNG, WebP, HEIC images and PDF documents)',
  },
  'case.attachment_too_large': {
    status: 413,
    'zh-CN': '附件过大（上限 {limit} MB）',
    en: 'Attachment too large (limit {limit} MB)',
  },
  'case.not_suspected_duplicate': {
    status: 409,
    'zh-CN': '该工单没有待确认的疑似重复',
    en: 'This case is not held as a suspected duplicate',
  },
  'mediation.invalid_state': {
    status: 409,
    'zh-CN': '调解案件当前状态为「{status}」，不能{action}',
    en: 'The mediation case is {status}; it cannot be {action}',
  },
  'mediation.conflict': {
    status: 409,
    'zh-CN': '该调解案件刚被他人修改（当前状态「{status}」），请刷新后重试',
    en: 'Someone else just changed this mediation case (now {status}); reload and try again',
  },
  'mediation.agreement_signed': {
    status: 409,
    'zh-CN': '调解协议已签署，不能修改；如需变更，请另行制作新协议替代',
    en: 'The agreement is signed and cannot be edited; make a new agreement that supersedes it',
  },
  'mediation.agreement_needed': {
    status: 409,
    'zh-CN': '须先签署调解协议，才能以“达成协议”结案',
    en: 'An agreement must be signed before the case ends as agreed',
  },
  'category.group_not_found': {
    status: 400,
    'zh-CN': '分类组 {group} 不存在',
    en: 'There is no category group {group}',
  },
  'calendar.invalid_schedule': {
    status: 400,
    'zh-CN': '节假日安排有误：{fields}',
    en: 'The holiday schedule is invalid: {fields}',
  },
  'calendar.invalid_working_hours': {
    status: 400,
    'zh-CN': '工作时间设置有误：{fields}',
    en: 'The working hours are invalid: {fields}',
  },
  'report.font_missing': {
    status: 503,
    'zh-CN':
      '无法生成 PDF 报表：找不到中文字体文件 {path}。请安装 fonts-wqy-microhei，或用 REPORT_FONT 指定字体文件',
    en: 'Cannot make the PDF report: the CJK font {path} is missing. Install fonts-wqy-microhei or set REPORT_FONT',
  },
  'server.busy': { status: 503, 'zh-CN': '系统繁忙，请稍后重试', en: 'The system is busy; please try again' },
  'server.unavailable': { status: 503, 'zh-CN': '服务暂不可用', en: 'Service unavailable' },
  'server.error': { status: 500, 'zh-CN': '服务器内部错误', en: 'Internal server error' },
} satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalog;

export interface ErrorDetail {
  path: string;
  code: string;
  message: string;
  /** A message key of platform/validation.ts: the message is then given in the request's language. */
  i18n?: string;
}

/** A message parameter: the same in every language, or a word given per language (a status name). */
export type ErrorParam = string | number | Record<Lang, string>;

/** A failure the API reports to its caller with a catalogued code. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, ErrorParam>;
  readonly details: ErrorDetail[] | undefined;

  constructor(code: ErrorCode, params: Record<string, ErrorParam> = {}, details?: ErrorDetail[]) {
    super(code);
    this.code = code;
    this.params = params;
    this.details = details;
  }

  get status(): number {
    return errorCatalog[this.code].status;
  }
}

export function errorMessage(code: ErrorCode, lang: Lang, params: Record<string, ErrorParam> = {}): string {
  const inLang = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v]),
  );
  return format(errorCatalog[code][lang], inLang);
}

export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[] };
}

export function errorBody(err: AppError, lang: Lang): ErrorBody {
  const body: ErrorBody = { error: { code: err.code, message: errorMessage(err.code, lang, err.params) } };
  if (err.details?.length)
    body.error.details = err.details.map(({ i18n, ...d }) =>
      i18n ? { ...d, message: customIssueMessage(i18n, lang) } : d,
    );
  return body;
}
