import type { Lang } from '../../platform/i18n.ts';

/** Status names as people read them, for error messages. */
export const STATUS_LABELS: Record<string, Record<Lang, string>> = {
  received: { 'zh-CN': '已受理', en: 'received' },
  dispatched: { 'zh-CN': '已派单', en: 'dispatched' },
  accepted: { 'zh-CN': '已签收', en: 'accepted' },
  resolved: { 'zh-CN': '已办结', en: 'resolved' },
  closed: { 'zh-CN': '已归档', en: 'closed' },
  merged: { 'zh-CN': '已合并', en: 'merged' },
  withdrawn: { 'zh-CN': '已撤回', en: 'withdrawn' },
};

/** Action names as people read them, for error messages. */
export const ACTION_LABELS: Record<string, Record<Lang, string>> = {
  dispatch: { 'zh-CN': '派单', en: 'dispatched' },
  sign: { 'zh-CN': '签收', en: 'signed for' },
  return: { 'zh-CN': '退单', en: 'returned' },
  request_extension: { 'zh-CN': '申请延期', en: 'extended' },
  decide_extension: { 'zh-CN': '审批延期', en: 'given an extension decision' },
  report_part: { 'zh-CN': '反馈协办情况', en: 'reported on by a co-unit' },
  resolve: { 'zh-CN': '办结', en: 'resolved' },
  callback: { 'zh-CN': '回访', en: 'called back' },
  rate: { 'zh-CN': '评价', en: 'rated' },
  supervise: { 'zh-CN': '督办', en: 'supervised' },
  merge: { 'zh-CN': '合并', en: 'merged' },
  withdraw: { 'zh-CN': '撤回', en: 'withdrawn' },
  note: { 'zh-CN': '记录备注', en: 'annotated' },
  answer: { 'zh-CN': '即时办结', en: 'answered at intake' },
  attach: { 'zh-CN': '上传附件', en: 'given attachments' },
};
