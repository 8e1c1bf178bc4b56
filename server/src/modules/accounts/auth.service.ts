import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../platform/access.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { DUMMY_PASSWORD_HASH, randomDigits, sha256, verifyPassword } from '../../platform/auth/crypto.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import type { SmsSender } from '../../platform/auth/sms.ts';
import { AppError } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/identity.ts';
import { addMinutes, nowIso } from '../../platform/time.ts';

export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface StartedSession {
  token: string;
  csrfToken: string;
  userId: number;
}

function sessionPolicy(config: Config) {
  return { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };
}

/**
 * Checks a staff password and starts a session. Wrong passwords count towards a temporary lockout
 * (kept in the database, so every app process enforces the same one); an unknown username costs
 * the same time as a known one and gets the same answer.
 */
export async function loginWithPassword(
  db: Db,
  config: Config,
  meta: ClientMeta,
  username: string,
  password: string,
): Promise<StartedSession> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'password_hash', 'active', 'locked_until'])
    .where('username', '=', username)
    .where('kind', '=', 'staff')
    .executeTakeFirst();
  const now = nowIso();
  if (user?.locked_until && user.locked_until > now) {
    throw new AppError('auth.locked', { minutes: minutesUntil(user.locked_until) });
  }
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok || user.active !== 1) {
    if (user && !ok) await countFailure(db, config, meta, user.id, user.display_name);
    throw new AppError('auth.invalid_credentials');
  }
  const actor: Actor = { type: 'staff', userId: user.id, name: user.display_name, roles: [] };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: now })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(trx, auditOf(actor, meta), {
      action: 'auth.login',
      recordType: 'user',
      recordId: user.id,
    });
  });
  const session = await createSession(db, user.id, meta, sessionPolicy(config));
  return { ...session, userId: user.id };
}

async function countFailure(
  db: Db,
  config: Config,
  meta: ClientMeta,
  userId: number,
  name: string,
): Promise<void> {
  const actor: Actor = { type: 'staff', userId, name, roles: [] };
  const lockedUntil = await db.transaction().execute(async (trx) => {
    // Incremented in SQL, so concurrent wrong guesses are all counted.
    const row = await trx
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', userId)
      .returning('failed_logins')
      .executeTakeFirstOrThrow();
    let until: string | null = null;
    if (row.failed_logins >= config.loginMaxFailures) {
      until = addMinutes(nowIso(), config.loginLockMinutes);
      await trx
        .updateTable('users')
        .set({ locked_until: until, failed_logins: 0 })
        .where('id', '=', userId)
        .execute();
    }
    await recordAudit(trx, auditOf(actor, meta), {
      action: until ? 'auth.locked' : 'auth.login_failed',
      recordType: 'user',
      recordId: userId,
      after: { failedLogins: row.failed_logins, lockedUntil: until },
    });
    return until;
  });
  if (lockedUntil) throw new AppError('auth.locked', { minutes: config.loginLockMinutes });
}

function minutesUntil(iso: string): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - Date.now()) / 60_000));
}

function auditOf(actor: Actor, meta: ClientMeta): AuditContext {
  return { actor, ip: meta.ip, requestId: meta.requestId };
}

const OTP_TTL_MINUTES = 5;
const OTP_RESEND_SECONDS = 60;
const OTP_MAX_ATTEMPTS = 5;

function otpHash(phone: string, code: string): string {
  return sha256(`${phone}:${code}`);
}

/**
 * Sends a one-time sign-in code to a resident's phone, at most once a minute per number. The code is
 * returned for a demo server to show; the route sends it on only in demo mode.
 */
export async function requestOtp(
  db: Db,
  sms: SmsSender,
  phone: string,
): Promise<{ expiresInSeconds: number; retryAfterSeconds: number; code: string }> {
  const now = nowIso();
  const last = await db
    .selectFrom('otp_codes')
    .select('created_at')
    .where('phone', '=', phone)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last) {
    const wait = OTP_RESEND_SECONDS - Math.floor((Date.parse(now) - Date.parse(last.created_at)) / 1000);
    if (wait > 0) throw new AppError('auth.otp_too_soon', { seconds: wait });
  }
  const code = randomDigits(6);
  await db
    .insertInto('otp_codes')
    .values({
      phone,
      code_hash: otpHash(phone, code),
      created_at: now,
      expires_at: addMinutes(now, OTP_TTL_MINUTES),
      attempts: 0,
    })
    .execute();
  await sms.send(
    phone,
    `【社区】您的登录验证码是 ${code}，${OTP_TTL_MINUTES} 分钟内有效。如非本人操作请忽略。`,
  );
  return { expiresInSeconds: OTP_TTL_MINUTES * 60, retryAfterSeconds: OTP_RESEND_SECONDS, code };
}

/**
 * Checks a resident's one-time code (five tries per code) and starts a session, creating the
 * resident's account on first sign-in.
 */
export async function loginWithOtp(
  db: Db,
  config: Config,
  meta: ClientMeta,
  phone: string,
  code: string,
): Promise<StartedSession> {
  const now = nowIso();
  const userId = await db.transaction().execute(async (trx) => {
    const otp = await trx
      .selectFrom('otp_codes')
      .selectAll()
      .where('phone', '=', phone)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!otp || otp.attempts >= OTP_MAX_ATTEMPTS) return null;
    if (otp.code_hash !== otpHash(phone, code)) {
      await trx
        .updateTable('otp_codes')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', otp.id)
        .execute();
      return null;
    }
    const used = await trx
      .updateTable('otp_codes')
      .set({ used_at: now })
      .where('id', '=', otp.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return null;
    let user = await trx
      .selectFrom('users')
      .select(['id', 'display_name', 'active'])
      .where('kind', '=', 'resident')
      .where('phone', '=', phone)
      .executeTakeFirst();
    if (!user) {
      user = await trx
        .insertInto('users')
        .values({
          kind: 'resident',
          display_name: `居民 ${maskPhone(phone)}`,
          phone,
          active: 1,
          failed_logins: 0,
          is_demo: 0,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning(['id', 'display_name', 'active'])
        .executeTakeFirstOrThrow();
      const actor: Actor = {
        type: 'resident',
        userId: user.id,
        name: user.display_name,
        phone,
        personId: null,
      };
      await recordAudit(trx, auditOf(actor, meta), {
        action: 'resident.register',
        recordType: 'user',
        recordId: user.id,
        after: { phone: maskPhone(phone) },
      });
    }
    if (user.active !== 1) return null;
    await trx.updateTable('users').set({ last_login_at: now }).where('id', '=', user.id).execute();
    return user.id;
  });
  if (userId === null) throw new AppError('auth.otp_invalid');
  const session = await createSession(db, userId, meta, sessionPolicy(config));
  return { ...session, userId };
}
