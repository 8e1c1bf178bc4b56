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
