// Phone numbers as people type them, read the way the server keeps them (platform/identity.ts):
// a mobile as its 11 digits (+86, spaces, dashes and brackets dropped), a fixed line with its area
// code as `0574-87654321`. One copy for the portal and the workbench.

/** The number with spaces, dashes, brackets and a +86 before a mobile dropped. */
export function compactPhone(phone: string | undefined): string {
  return (phone ?? '')
    .trim()
    .replace(/[\s()-]/g, '')
    .replace(/^(\+?86)(?=1\d{10}$)/, '');
}

/** A mainland mobile number. */
export function isMobile(phone: string | undefined): phone is string {
  return /^1[3-9]\d{9}$/.test(compactPhone(phone));
}

/** A fixed line with its area code, as the server keeps it (`0574-87654321`); null otherwise. */
export function landlineOf(phone: string | undefined): string | null {
  const match = /^(010|02\d|0[3-9]\d{2})([2-9]\d{6,7})$/.exec(compactPhone(phone));
  if (!match) return null;
  const [, area, local] = match as unknown as [string, string, string];
  if (area.length === 3 && local.length !== 8) return null;
  return `${area}-${local}`;
}

/** A fixed-line number typed without its area code (87654321): the agent is asked to add it. */
export function lacksAreaCode(phone: string | undefined): boolean {
  return /^[2-9]\d{6,7}$/.test(compactPhone(phone));
}

/**
 * The number to look the caller up by, as the server keeps it: a whole mobile or a fixed line with
 * its area code; null while the number is not yet either.
 */
export function callerNumber(phone: string | undefined): string | null {
  if (isMobile(phone)) return compactPhone(phone);
  return landlineOf(phone);
}
