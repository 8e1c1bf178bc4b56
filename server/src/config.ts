import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Every setting of the server, read once from the environment. The README's table lists them. */
const Env = z.object({
  HOST: z.string().default('localhost'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  DEMO_PASSWORD: z.string().min(8).default('Shequ@demo2026'),
  DEMO_CASES: z.coerce.number().int().min(0).default(3000),
  ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
  JOB_POLL_MS: z.coerce.number().int().min(100).default(2000),
  /** The built web app to serve (default: web/dist of this checkout). */
  WEB_DIST_DIR: z.string().optional(),
  /** Open311 GeoReport v2's `jurisdiction_id`: what clients send to name this deployment. */
  OPEN311_JURISDICTION: z.string().trim().min(1).max(200).default('haishu.ningbo.cn'),
  REPORT_FONT: z.string().min(1).default('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'),
});

const DEFAULT_WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export type DatabaseConfig = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface Config {
  host: string;
  port: number;
  database: DatabaseConfig;
  dataDir: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  bodyLimitBytes: number;
  cookieSecure: 'true' | 'false' | 'auto';
  trustProxy: boolean;
  demo: boolean;
  demoPassword: string;
  /** Demo cases seeded on a demo's first start (a year of them), so the figures look alive. */
  demoCases: number;
  /** Largest attachment accepted, in bytes. */
  attachmentMaxBytes: number;
  /** How often each process's job worker looks for due jobs. */
  jobPollMs: number;
  /** The built web app served at / and /admin. */
  webDistDir: string;
  /** The CJK font (TTF, OTF or TTC) embedded in PDF reports; fonts-wqy-microhei's by default. */
  reportFont: string;
  /** Open311 GeoReport v2's `jurisdiction_id` (OPEN311_JURISDICTION). */
  open311Jurisdiction: string;
}

/** Reads the environment into a typed Config; throws with every bad variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { demo?: boolean } = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    host: e.HOST,
    port: e.PORT,
    database: databaseFromUrl(e.DATABASE_URL, dataDir),
    dataDir,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY === 'true',
    demo: options.demo ?? false,
    demoPassword: e.DEMO_PASSWORD,
    demoCases: e.DEMO_CASES,
    attachmentMaxBytes: e.ATTACHMENT_MAX_MB * 1_048_576,
    jobPollMs: e.JOB_POLL_MS,
    webDistDir: e.WEB_DIST_DIR ? path.resolve(e.WEB_DIST_DIR) : DEFAULT_WEB_DIST,
    reportFont: e.REPORT_FONT,
    open311Jurisdiction: e.OPEN311_JURISDICTION,
  };
}

/** `postgres://…` selects PostgreSQL; anything else (or nothing) is the embedded SQLite file. */
export function databaseFromUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (url && /^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', url };
  if (url?.startsWith('sqlite:'))
    return { dialect: 'sqlite', file: path.resolve(url.slice('sqlite:'.length)) };
  return { dialect: 'sqlite', file: path.join(dataDir, 'shequ.sqlite') };
}
