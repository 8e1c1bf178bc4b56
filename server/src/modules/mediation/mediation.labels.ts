import type { Lang } from '../../platform/i18n.ts';

type Label = Record<Lang, string>;

/** Status names as people read them, for error messages. */
export const STATUS_LABELS: Record<string, Label> = {
  applied: { 'zh-CN': '已申请', en: 'applied for' },
  accepted: { 'zh-CN': '已受理', en: 'accepted' },
  refused: { 'zh-CN': '不予受理', en: 'refused' },
  in_progress: { 'zh-CN': '调解中', en: 'in progress' },
  agreed: { 'zh-CN': '调解成功', en: 'agreed' },
  failed: { 'zh-CN': '调解不成', en: 'failed' },
  withdrawn: { 'zh-CN': '已撤回', en: 'withdrawn' },
};

/** Actions as the error messages name them. */
export const ACTION_LABELS: Record<string, Label> = {
  accept: { 'zh-CN': '受理', en: 'accepted' },
  refuse: { 'zh-CN': '不予受理', en: 'refused' },
  assign: { 'zh-CN': '指派调解员', en: 'assigned mediators' },
  record: { 'zh-CN': '记录调解或调查', en: 'given a session or investigation' },
  attach: { 'zh-CN': '添加证据材料', en: 'given evidence' },
  agreement: { 'zh-CN': '制作调解协议', en: 'given an agreement' },
  outcome: { 'zh-CN': '结案', en: 'ended' },
  followup: { 'zh-CN': '记录履行回访', en: 'followed up' },
  confirmation: { 'zh-CN': '记录司法确认', en: 'given a judicial confirmation' },
};

export const DISPUTE_TYPE_LABELS: Record<string, Label> = {
  neighbour: { 'zh-CN': '邻里纠纷', en: 'Neighbour dispute' },
  family: { 'zh-CN': '婚姻家庭纠纷', en: 'Family dispute' },
  property: { 'zh-CN': '物业纠纷', en: 'Property management dispute' },
  commercial: { 'zh-CN': '商事纠纷', en: 'Commercial dispute' },
  labour: { 'zh-CN': '劳动争议', en: 'Labour dispute' },
  consumer: { 'zh-CN': '消费纠纷', en: 'Consumer dispute' },
  other: { 'zh-CN': '其他纠纷', en: 'Other dispute' },
};
