// What the intake form knows without the screen: its values, the request they make, where a
// server error belongs, which channels a user registers through.
import dayjs from 'dayjs';
import type { Role, RoleView } from '../../api/types.ts';
import type { CaseKind, Category, Channel, RegisterBody } from './intake-types.ts';

export const CASE_KINDS: CaseKind[] = [
  'help',
  'complaint',
  'report',
  'enquiry',
  'suggestion',
  'praise',
  'dispute',
];
export const OPEN_STATUSES = new Set(['received', 'dispatched', 'accepted', 'resolved']);

/** The form as antd holds it: nested like the request body, so a server path names its field. */
export interface IntakeValues {
  channel?: Channel;
  reporter?: { phone?: string; name?: string; anonymous?: boolean };
  categoryCode?: string;
  kind?: CaseKind;
  title?: string;
  description?: string;
  location?: { address?: string; communityId?: number };
  /** By attribute code; datetimes as dayjs values while in the form. */
  attributes?: Record<string, unknown>;
  urgent?: boolean;
  /** Answered on the spot (即时办结). */
  answerNow?: boolean;
  answer?: { text?: string };
}

export const EMPTY_INTAKE: IntakeValues = {
  reporter: { anonymous: false },
  kind: 'help',
  location: {},
  attributes: {},
  urgent: false,
  answerNow: false,
  answer: {},
};

export { callerNumber, isMobile, lacksAreaCode, landlineOf } from '../../lib/phone.ts';

const trimmed = (value: string | undefined) => {
  const text = value?.trim();
  return text ? text : undefined;
};

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

/** The category's extra fields as the server takes them: blanks left out, datetimes ISO with offset. */
function attributeValues(category: Category, given: Record<string, unknown> = {}) {
  const out: Record<string, unknown> = {};
  for (const attribute of category.attributes) {
    const value = given[attribute.code];
    if (isBlank(value)) continue;
    if (dayjs.isDayjs(value)) out[attribute.code] = value.format();
    else if (typeof value === 'string') out[attribute.code] = value.trim();
    else out[attribute.code] = value;
  }
  return out;
}

/** The request body for `POST /api/cases`: only what was filled in, the chosen category's fields only. */
export function buildRegisterBody(values: IntakeValues, category: Category | undefined): RegisterBody {
  const body: RegisterBody = {
    kind: values.kind ?? 'help',
    description: values.description?.trim() ?? '',
    urgent: values.urgent ?? false,
  };
  if (values.channel) body.channel = values.channel;
  if (category) {
    body.categoryCode = category.code;
    const attributes = attributeValues(category, values.attributes);
    if (Object.keys(attributes).length > 0) body.attributes = attributes;
  }
  const title = trimmed(values.title);
  if (title) body.title = title;
  const phone = trimmed(values.reporter?.phone);
  const name = trimmed(values.reporter?.name);
  const anonymous = values.reporter?.anonymous ?? false;
  if (phone || name || anonymous) {
    body.reporter = { anonymous };
    if (phone) body.reporter.phone = phone;
    if (name) body.reporter.name = name;
  }
  const address = trimmed(values.location?.address);
  const communityId = values.location?.communityId;
  if (address || communityId) {
    body.location = {};
    if (address) body.location.address = address;
    if (communityId) body.location.communityId = communityId;
  }
  if (values.answerNow) body.answer = { text: values.answer?.text?.trim() ?? '' };
  return body;
}

/** An antd field name as a dotted path: `['reporter', 'phone']` → `reporter.phone`. */
export const pathOf = (name: (string | number)[]) => name.join('.');

/**
 * The form field a server error path belongs to (`body.attributes.parts.1` → `attributes.parts`): the
 * longest shown field that the path starts with, or null when no shown field matches.
 */
export function fieldOfError(serverPath: string, shown: (string | number)[][]): (string | number)[] | null {
  const parts = serverPath
    .replace(/^body\.?/, '')
    .split('.')
    .filter(Boolean);
  const byPath = new Map(shown.map((name) => [pathOf(name), name]));
  for (let n = parts.length; n > 0; n--) {
    const name = byPath.get(parts.slice(0, n).join('.'));
    if (name) return name;
  }
  return null;
}

// The server's rule (case-intake.service.ts): which channels each role registers through. The page
// sends the channel it shows; the server checks it again.
const ROLE_CHANNELS: Partial<Record<Role, Channel[]>> = {
  agent: ['hotline', 'letter_visit', 'walk_in'],
  dispatcher: ['hotline', 'letter_visit', 'walk_in', 'patrol'],
  community_worker: ['walk_in'],
  team_leader: ['patrol'],
  volunteer: ['patrol'],
};
const CHANNEL_ORDER: Channel[] = ['hotline', 'walk_in', 'letter_visit', 'patrol'];

/** The channels these roles register through, the usual one first (the help line before the rest). */
export function channelsFor(roles: readonly Role[]): Channel[] {
  const allowed = new Set(roles.flatMap((role) => ROLE_CHANNELS[role] ?? []));
  return CHANNEL_ORDER.filter((c) => allowed.has(c));
}

/** The unit the server takes the case in at: the first role that registers cases (a workroom's community). */
export function intakeUnitOf(roles: readonly RoleView[]): number | undefined {
  return roles.find((r) => ROLE_CHANNELS[r.role] !== undefined)?.unit.id;
}

/** A fresh key for one form fill: a repeated submit or a retry then never files a second case. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  // randomUUID needs a secure context; an intranet deployment over plain http has only getRandomValues.
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Copies text to the clipboard; falls back to a hidden text area where the Clipboard API is missing. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    focused?.focus();
  }
}
