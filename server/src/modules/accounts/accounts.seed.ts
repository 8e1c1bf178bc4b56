import type { Db } from '../../db/database.ts';
import type { Role } from '../../platform/access.ts';
import { hashPassword } from '../../platform/auth/crypto.ts';
import { nowIso } from '../../platform/time.ts';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  unitCode: string;
}

const STREETS: [string, string][] = [
  ['GL', '鼓楼'],
  ['JX', '江厦'],
  ['NM', '南门'],
  ['XM', '西门'],
  ['YH', '月湖'],
  ['BY', '白云'],
  ['DT', '段塘'],
  ['WC', '望春'],
];

/** The demo accounts `npm start` prints: one per role, and a dispatcher in every street. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', unitCode: 'HS' },
  { username: 'leader', displayName: '区领导', role: 'leader', unitCode: 'HS' },
  { username: 'supervisor', displayName: '区督查员', role: 'supervisor', unitCode: 'HS' },
  { username: 'agent', displayName: '81890 话务员', role: 'agent', unitCode: 'HS-HOTLINE' },
  { username: 'dispatcher', displayName: '区指挥中心派单员', role: 'dispatcher', unitCode: 'HS-GOVERNANCE' },
  ...STREETS.map(([s, name]) => ({
    username: `${s.toLowerCase()}.dispatcher`,
    displayName: `${name}街道派单员`,
    role: 'dispatcher' as const,
    unitCode: s,
  })),
  { username: 'gl.head', displayName: '鼓楼街道负责人', role: 'unit_head', unitCode: 'GL' },
  {
    username: 'gl.handler',
    displayName: '鼓楼综合执法组办理人',
    role: 'handler',
    unitCode: 'GL-ENFORCEMENT',
  },
  {
    username: 'jx.handler',
    displayName: '江厦综合执法组办理人',
    role: 'handler',
    unitCode: 'JX-ENFORCEMENT',
  },
  { username: 'housing.handler', displayName: '区住建局办理人', role: 'handler', unitCode: 'HS-HOUSING' },
  { username: 'gl01.worker', displayName: '中山社区工作者', role: 'community_worker', unitCode: 'GL01' },
  { username: 'jx01.worker', displayName: '天一社区工作者', role: 'community_worker', unitCode: 'JX01' },
  {
    username: 'gl01.mediator',
    displayName: '中山和好屋调解员',
    role: 'mediator',
    unitCode: 'GL01-MEDIATION',
  },
  { username: 'nm01.social', displayName: '华兴社区社工', role: 'social_worker', unitCode: 'NM01' },
  {
    username: 'gl.employment',
    displayName: '鼓楼就业项目经理',
    role: 'employment_manager',
    unitCode: 'GL-EMPLOYMENT',
  },
  {
    username: 'jx01.team_leader',
    displayName: '天一服务团团长',
    role: 'team_leader',
    unitCode: 'JX01-SERVICE_TEAM-1',
  },
  {
    username: 'jx01.volunteer',
    displayName: '天一服务团志愿者',
    role: 'volunteer',
    unitCode: 'JX01-SERVICE_TEAM-1',
  },
];

/** Creates the demo accounts, all with the one demo password, flagged so a production start refuses them. */
export async function seedDemoAccounts(db: Db, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const units = await db.selectFrom('units').select(['id', 'code']).execute();
  const unitId = new Map(units.map((u) => [u.code, u.id]));
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    for (const account of DEMO_ACCOUNTS) {
      const unit = unitId.get(account.unitCode);
      if (unit === undefined) throw new Error(`demo unit ${account.unitCode} is missing`);
      const user = await trx
        .insertInto('users')
        .values({
          kind: 'staff',
          username: account.username,
          display_name: account.displayName,
          password_hash: passwordHash,
          is_demo: 1,
          active: 1,
          failed_logins: 0,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('role_bindings')
        .values({ user_id: user.id, role: account.role, unit_id: unit, created_at: now })
        .execute();
    }
  });
}
