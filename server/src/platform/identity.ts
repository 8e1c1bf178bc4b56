/** Checks and masks the personal identifiers the platform holds: mobile numbers and GB 11643 ID numbers. */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CODES = '10X98765432';

/** The GB 11643-1999 check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CODES[sum % 11] ?? '';
}

/** True for an 18-character citizen ID number with a real birth date and the right check character. */
export function isValidIdNumber(value: string): boolean {
  const id = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now())
    return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}

/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export function isValidMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

/**
 * A fixed-line number with its area code, written `0574-87654321`: 010 and 02x take 8 digits after
 * them, the four-digit codes 7 or 8. Null when the text is not one (a number without its area code
 * cannot be told from another city's).
 */
export function normaliseLandline(value: string): string | null {
  const digits = value.replace(/[\s()-]/g, '');
  const match = /^(010|02\d|0[3-9]\d{2})([2-9]\d{6,7})$/.exec(digits);
  if (!match) return null;
  const [, area, local] = match as unknown as [string, string, string];
  if (area.length === 3 && local.length !== 8) return null;
  return `${area}-${local}`;
}

/**
 * A phone number as the platform keeps it: a mobile as its 11 digits (spaces, dashes and +86 dropped),
 * a fixed line as `0574-87654321`; anything else unchanged (and then refused by validation).
 */
export function normalisePhone(value: string): string {
  const compact = value
    .trim()
    .replace(/[\s-]/g, '')
    .replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (isValidMobile(compact)) return compact;
  return normaliseLandline(value.trim()) ?? value.trim();
}

/** Whether a (normalised) phone number is one the platform records: a mobile or a fixed line. */
export function isValidPhone(value: string): boolean {
  return isValidMobile(value) || normaliseLandline(value) === value;
}

/** `13812341234` → `138****1234`; other phone numbers keep only their last 4 digits. */
export function maskPhone(value: string | null): string | null {
  if (value == null) return null;
  if (value.length === 11) return `${value.slice(0, 3)}****${value.slice(7)}`;
  if (value.length <= 4) return '*'.repeat(value.length);
  return `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}

/** First 6 (the place code) and last 4 characters of an ID number; the birth date is hidden. */
export function maskIdNumber(value: string | null): string | null {
  if (value == null) return null;
  if (value.length <= 10) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}

/** `张三丰` → `张**`: enough to recognise an entry, not to rebuild the register from the log. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** Keeps the first 6 characters (street and community, typically) of an address. */
export function maskAddress(address: string | null): string | null {
  if (address == null) return null;
  const chars = [...address];
  return chars.length <= 6 ? '*'.repeat(chars.length) : `${chars.slice(0, 6).join('')}****`;
}
