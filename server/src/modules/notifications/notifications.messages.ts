import type { Lang } from '../../platform/i18n.ts';
import { CHINA_OFFSET_MS } from '../../platform/time.ts';

/** What a staff member's inbox can say about a case. */
export const NOTIFICATION_KINDS = [
  'case.dispatched',
  'case.co_dispatched',
  'case.due_soon',
  'case.overdue',
  'case.escalated',
  'case.supervised',
  'case.returned',
  'case.extension_requested',
  'case.extension_approved',
  'case.extension_rejected',
  'case.reopened',
  'case.merged',
  'case.resolved',
  'case.withdrawn',
  'mediation.assigned',
  'mediation.applied',
  'mediation.followup_due',
  'mediation.confirmation_due',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What an SMS to a case's reporter can say. */
export const REPORTER_SMS_KINDS = [
  'reporter.received',
  'reporter.dispatched',
  'reporter.resolved',
  'reporter.closed',
  'reporter.merged',
  'reporter.reopened',
  'reporter.withdrawn',
] as const;
export type ReporterSmsKind = (typeof REPORTER_SMS_KINDS)[number];

/**
 * News a resident finds in their portal inbox: what their SMS says, and steps not worth a text of
 * their own (a unit took the case on).
 */
export const RESIDENT_NEWS_KINDS = [...REPORTER_SMS_KINDS, 'reporter.accepted'] as const;
export type ResidentNewsKind = (typeof RESIDENT_NEWS_KINDS)[number];

/** What an inbox can hold: staff notices, and residents' news of their cases. */
export type InboxKind = NotificationKind | ResidentNewsKind;

/**
 * Values a message is formatted from. Every message uses `trackingNo` and `title`; some also use
 * `unitName`, `dueAt` (ISO instant, shown in Beijing time), `days`, `reason`, and for merges
 * `intoTrackingNo` (the case it joined). A missing optional value drops its phrase.
 */
export type MessageParams = Record<string, string | number>;

/** The params as display strings ('' when absent), with the deadline already formatted. */
interface Fields {
  no: string;
  title: string;
  unit: string;
  due: string;
  days: string;
  reason: string;
  into: string;
}

type Templates = Record<Lang, (f: Fields) => string>;

/** `wrap(value)` when the value is present, else nothing: optional phrases of a message. */
const opt = (value: string, wrap: (v: string) => string) => (value ? wrap(value) : '');

const staffTemplates: Record<NotificationKind, Templates> = {
  'case.dispatched': {
    'zh-CN': (f) =>
      `新工单 ${f.no}「${f.title}」已派至${f.unit || '本单位'}${opt(f.due, (d) => `，办理时限 ${d}`)}。`,
    en: (f) =>
      `New case ${f.no} "${f.title}" dispatched to ${f.unit || 'your unit'}${opt(f.due, (d) => `; due ${d}`)}.`,
  },
  'case.co_dispatched': {
    'zh-CN': (f) =>
      `工单 ${f.no}「${f.title}」请${f.unit || '本单位'}协办${opt(f.due, (d) => `，办理时限 ${d}`)}。`,
    en: (f) =>
      `Case ${f.no} "${f.title}": ${f.unit || 'your unit'} is asked to help handle it${opt(f.due, (d) => `; due ${d}`)}.`,
  },
  'case.due_soon': {
    'zh-CN': (f) => `工单 ${f.no}「${f.title}」即将到期${opt(f.due, (d) => `（${d}）`)}，请抓紧办理。`,
    en: (f) => `Case ${f.no} "${f.title}" is due soon${opt(f.due, (d) => ` (${d})`)}.`,
  },
  'case.overdue': {
    'zh-CN': (f) => `工单 ${f.no}「${f.title}」已超过办理时限${opt(f.due, (d) => `（${d}）`)}，请尽快办理。`,
    en: (f) => `Case ${f.no} "${f.title}" is overdue${opt(f.due, (d) => ` (was due ${d})`)}.`,
  },
  'case.escalated': {
    'zh-CN': (f) =>
      `工单 ${f.no}「${f.title}」${opt(f.unit, (u) => `（承办单位：${u}）`)}已升级督办${opt(f.reason, (r) => `，原因：${r}`)}。`,
    en: (f) =>
      `Case ${f.no} "${f.title}"${opt(f.unit, (u) => ` (handled by ${u})`)} has been escalated${opt(f.reason, (r) => `: ${r}`)}.`,
  },
  'case.supervised': {
    'zh-CN': (f) => `工单 ${f.no}「${f.title}」被督办${opt(f.reason, (r) => `：${r}`)}。`,
    en: (f) => `Case ${f.no} "${f.title}" is under supervision${opt(f.reason, (r) => `: ${r}`)}.`,
  },
  'case.returned': {
    'zh-CN': (f) =>
      `工单 ${f.no}「${f.title}」已被${f.unit}退回${opt(f.reason, (r) => `，原因：${r}`)}，请重新派单。`,
    en: (f) =>
      `Case ${f.no} "${f.title}" was returned${opt(f.unit, (u) => ` by ${u}`)}${opt(f.reason, (r) => `: ${r}`)}; please re-route it.`,
  },
  'case.extension_requested': {
    'zh-CN': (f) =>
      `${f.unit || '承办单位'}申请工单 ${f.no}「${f.title}」延期${opt(f.days, (d) => ` ${d} 个工作日`)}${opt(f.reason, (r) => `，理由：${r}`)}。`,
    en: (f) =>
      `${f.unit || 'The handling unit'} asks to extend case ${f.no} "${f.title}"${opt(f.days, (d) => ` by ${d} working days`)}${opt(f.reason, (r) => `: ${r}`)}.`,
  },
  'case.extension_approved': {
    'zh-CN': (f) =>
      `工单 ${f.no}「${f.title}」的延期申请已批准${opt(f.days, (d) => `，延期 ${d} 个工作日`)}${opt(f.due, (d) => `，新的办理时限为 ${d}`)}。`,
    en: (f) =>
      `The extension of case ${f.no} "${f.title}" was approved${opt(f.days, (d) => ` (${d} working days)`)}${opt(f.due, (d) => `; now due ${d}`)}.`,
  },
  'case.extension_rejected': {
    'zh-CN': (f) =>
      `工单 ${f.no}「${f.title}」的延期申请未获批准${opt(f.reason, (r) => `，原因：${r}`)}，请按原时限办理。`,
    en: (f) =>
      `The extension of case ${f.no} "${f.title}" was rejected${opt(f.reason, (r) => `: ${r}`)}; the deadline stands.`,
  },
  'case.reopened': {
    'zh-CN': (f) => `工单 ${f.no}「${f.title}」回访未解决，已重新交办${opt(f.reason, (r) => `：${r}`)}。`,
    en: (f) =>
      `Case ${f.no} "${f.title}" was reopened after an unsatisfied callback${opt(f.reason, (r) => `: ${r}`)}.`,
  },
  'case.merged': {
    'zh-CN': (f) => `工单 ${f.no}「${f.title}」已合并${opt(f.into, (i) => `至工单 ${i}`)}。`,
    en: (f) => `Case ${f.no} "${f.title}" was merged${opt(f.into, (i) => ` into case ${i}`)}.`,
  },
  'case.resolved': {
    'zh-CN': (f) => `工单 ${f.no}「${f.title}」已办结${opt(f.unit, (u) => `（${u}）`)}，待回访。`,
    en: (f) => `Case ${f.no} "${f.title}" was resolved${opt(f.unit, (u) => ` by ${u}`)}; awaiting callback.`,
  },
  'case.withdrawn': {
    'zh-CN': (f) => `工单 ${f.no}「${f.title}」已撤销${opt(f.reason, (r) => `，原因：${r}`)}，无需继续办理。`,
    en: (f) =>
      `Case ${f.no} "${f.title}" was withdrawn${opt(f.reason, (r) => `: ${r}`)}; no further handling needed.`,
  },
  'mediation.assigned': {
    'zh-CN': (f) =>
      `您已被指派参与调解案件 ${f.no}${opt(f.title, (t) => `「${t}」`)}${opt(f.unit, (u) => `（主办单位：${u}）`)}。`,
    en: (f) =>
      `You are assigned to mediation case ${f.no}${opt(f.title, (t) => ` "${t}"`)}${opt(f.unit, (u) => ` (led by ${u})`)}.`,
  },
  // A resident applied on the portal: `trackingNo` is the mediation case's number, `title` the dispute type.
  'mediation.applied': {
    'zh-CN': (f) => `居民通过门户申请调解：${f.no}${opt(f.title, (t) => `「${t}」`)}，请及时决定是否受理。`,
    en: (f) =>
      `A resident applied for mediation on the portal: ${f.no}${opt(f.title, (t) => ` "${t}"`)}; decide whether to accept it.`,
  },
  // Mediation reminders: `trackingNo` is the mediation case's number, `title` the deadline's date.
  'mediation.followup_due': {
    'zh-CN': (f) =>
      `调解案件 ${f.no} 的协议履行回访已到期（${f.title}）${opt(f.reason, (r) => `：${r}`)}，请及时回访。`,
    en: (f) =>
      `Mediation case ${f.no}: a follow-up on performance is due (${f.title})${opt(f.reason, (r) => `: ${r}`)}.`,
  },
  'mediation.confirmation_due': {
    'zh-CN': (f) =>
      `调解案件 ${f.no} 的调解协议申请司法确认期限将于 ${f.title} 届满（还剩 ${f.days} 天），请提醒当事人。`,
    en: (f) =>
      `Mediation case ${f.no}: the window to apply for judicial confirmation closes on ${f.title} (${f.days} days left).`,
  },
};

// Texts to residents: short (an SMS is 70 Chinese characters a segment), always with the tracking
// number they can quote, never with staff names or other personal data.
const smsTemplates: Record<ReporterSmsKind, Templates> = {
  'reporter.received': {
    'zh-CN': (f) => `您反映的「${f.title}」已受理，受理编号 ${f.no}，可凭编号查询办理进度。`,
    en: (f) => `Your report "${f.title}" was received. Tracking number ${f.no}.`,
  },
  'reporter.dispatched': {
    'zh-CN': (f) => `您反映的「${f.title}」（编号 ${f.no}）已转交${f.unit || '相关单位'}办理。`,
    en: (f) => `Your report "${f.title}" (${f.no}) was passed to ${f.unit || 'the unit responsible'}.`,
  },
  'reporter.resolved': {
    'zh-CN': (f) => `您反映的「${f.title}」（编号 ${f.no}）已办结，近期将有工作人员回访，请留意来电。`,
    en: (f) => `Your report "${f.title}" (${f.no}) was resolved; expect a call from us soon.`,
  },
  'reporter.closed': {
    'zh-CN': (f) => `您反映的「${f.title}」（编号 ${f.no}）已办理完毕，感谢您的支持。`,
    en: (f) => `Your report "${f.title}" (${f.no}) is closed. Thank you.`,
  },
  'reporter.merged': {
    'zh-CN': (f) =>
      `您反映的「${f.title}」（编号 ${f.no}）与同一问题的其他反映合并办理${opt(f.into, (i) => `，可凭编号 ${i} 查询进度`)}。`,
    en: (f) =>
      `Your report "${f.title}" (${f.no}) is handled together with the same issue${opt(f.into, (i) => ` under ${i}`)}.`,
  },
  'reporter.reopened': {
    'zh-CN': (f) => `您反映的「${f.title}」（编号 ${f.no}）已重新交办，我们将继续跟进。`,
    en: (f) => `Your report "${f.title}" (${f.no}) was reopened; we are following it up.`,
  },
  'reporter.withdrawn': {
    'zh-CN': (f) => `您反映的「${f.title}」（编号 ${f.no}）已撤销${opt(f.reason, (r) => `，原因：${r}`)}。`,
    en: (f) => `Your report "${f.title}" (${f.no}) was withdrawn${opt(f.reason, (r) => `: ${r}`)}.`,
  },
};

/**
 * Where a resident's portal inbox says something other than their SMS: there they can rate the
 * result themselves, so they are not told to wait for a call.
 */
const residentInboxTemplates: Partial<Record<ResidentNewsKind, Templates>> & {
  'reporter.accepted': Templates;
} = {
  'reporter.accepted': {
    'zh-CN': (f) => `您反映的「${f.title}」（编号 ${f.no}）已由${f.unit || '办理单位'}接单，正在办理。`,
    en: (f) =>
      `Your report "${f.title}" (${f.no}) was taken on by ${f.unit || 'the unit responsible'} and is being handled.`,
  },
  'reporter.resolved': {
    'zh-CN': (f) => `您反映的「${f.title}」（编号 ${f.no}）已办结，请查看办理结果并评价。`,
    en: (f) => `Your report "${f.title}" (${f.no}) was resolved; please see the result and rate it.`,
  },
};

const SMS_TITLE_MAX = 20;

export function isNotificationKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

export function isResidentNewsKind(kind: string): kind is ResidentNewsKind {
  return (RESIDENT_NEWS_KINDS as readonly string[]).includes(kind);
}

/**
 * The inbox text of a notification in the viewer's language: a staff notice, or a resident's news of
 * their case (the SMS wording mostly, title whole). A kind this version does not know (written by a newer
 * one) still shows its tracking number rather than failing the whole list.
 */
export function renderNotification(kind: string, params: MessageParams, lang: Lang): string {
  const fields = toFields(params, lang);
  if (isResidentNewsKind(kind)) {
    const templates =
      kind === 'reporter.accepted'
        ? residentInboxTemplates[kind]
        : (residentInboxTemplates[kind] ?? smsTemplates[kind]);
    return templates[lang](fields);
  }
  if (!isNotificationKind(kind)) return `${kind} ${fields.no}`.trim();
  return staffTemplates[kind][lang](fields);
}

/** The SMS text for a reporter; residents get Chinese, with a long title shortened. */
export function renderReporterSms(
  kind: ReporterSmsKind,
  params: MessageParams,
  lang: Lang = 'zh-CN',
): string {
  const fields = toFields(params, lang);
  const title = [...fields.title];
  if (title.length > SMS_TITLE_MAX) fields.title = `${title.slice(0, SMS_TITLE_MAX - 1).join('')}…`;
  return smsTemplates[kind][lang](fields);
}

function toFields(params: MessageParams, lang: Lang): Fields {
  const text = (key: string) => (params[key] === undefined || params[key] === '' ? '' : String(params[key]));
  const dueAt = text('dueAt');
  return {
    no: text('trackingNo'),
    title: text('title'),
    unit: text('unitName'),
    due: dueAt ? formatLocalTime(dueAt, lang) : '',
    days: text('days'),
    reason: text('reason'),
    into: text('intoTrackingNo'),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO instant as Beijing wall-clock time: `3月5日 14:00`, or `Mar 5, 14:00` in English. */
export function formatLocalTime(iso: string, lang: Lang): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const t = new Date(ms + CHINA_OFFSET_MS);
  const hhmm = `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
  return lang === 'zh-CN'
    ? `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${hhmm}`
    : `${MONTHS[t.getUTCMonth()]} ${t.getUTCDate()}, ${hhmm}`;
}
