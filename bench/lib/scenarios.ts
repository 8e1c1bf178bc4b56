import type { LoadRequest } from './load.ts';
import { getJson, type RunningServer, signIn } from './server.ts';

/** What the benchmark reads from a running product server before loading it. */
export interface ProductFixture {
  agent: Record<string, string>;
  handler: Record<string, string>;
  leader: Record<string, string>;
  districtId: number;
  streetId: number;
  inboxUnitId: number;
  caseIds: number[];
  categoryCodes: string[];
  places: string[];
  searchPath: string | null;
}

interface Unit {
  id: number;
  code: string;
  parentId: number | null;
  kind: string;
  nameZh: string;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '朱', '马', '胡'];
const PROBLEMS = [
  '垃圾三天未清运，气味很大',
  '楼道堆放杂物影响通行',
  '路灯不亮，晚上出行不安全',
  '人行道井盖松动有异响',
  '夜间施工噪音扰民',
  '小区门口占道经营',
  '绿化带被毁坏',
  '共享单车乱停放堵住出入口',
  '饭店油烟直排',
  '下水道堵塞污水外溢',
];
const ROADS = ['公园路', '中山西路', '镇明路', '解放南路', '开明街', '孝闻街', '县前街', '药行街'];

/** A different, realistic intake body on every call (description, place, reporter, category). */
export function intakeBodies(f: ProductFixture): () => string {
  let n = 0;
  return () => {
    n++;
    const place = f.places[n % f.places.length];
    const road = ROADS[(n * 7) % ROADS.length];
    return JSON.stringify({
      channel: 'hotline',
      categoryCode: f.categoryCodes[(n * 13) % f.categoryCodes.length],
      description: `${place}${road}${(n % 300) + 1}号${PROBLEMS[n % PROBLEMS.length]}（压测 ${n}）`,
      location: { address: `海曙区${place}${road}${(n % 300) + 1}号` },
      reporter: {
        name: `${SURNAMES[n % SURNAMES.length]}先生`,
        phone: `13${String(800000000 + ((n * 7919) % 199999999)).padStart(9, '0')}`,
      },
    });
  };
}

/** Signs in the demo users and finds the units, cases and categories the load uses. */
export async function readFixture(server: RunningServer, password: string): Promise<ProductFixture> {
  const [agent, handler, leader] = await Promise.all([
    signIn(server.url, 'agent', password),
    signIn(server.url, 'gl.handler', password),
    signIn(server.url, 'leader', password),
  ]);
  const me = await getJson<{ user: { roles: { unit: { id: number; code: string } }[] } }>(
    `${server.url}/api/auth/me`,
    handler,
  );
  const inboxUnitId = me.user.roles[0]?.unit.id;
  if (inboxUnitId === undefined) throw new Error('gl.handler has no role: is this the demo district?');
  const streets = await getJson<{ items: Unit[] }>(`${server.url}/api/org/units?kind=street`, leader);
  const street = streets.items.find((u) => u.code === 'GL') ?? streets.items[0];
  if (!street) throw new Error('no street in the organisation');
  const communities = await getJson<{ items: Unit[] }>(`${server.url}/api/org/units?kind=community`, leader);
  const streetName = new Map(streets.items.map((s) => [s.id, s.nameZh]));
  const places = communities.items
    .filter((c) => c.parentId !== null && streetName.has(c.parentId))
    .map((c) => `${streetName.get(c.parentId as number)}${c.nameZh}`);
  const categories = await getJson<{
    groups: {
      categories: {
        code: string;
        sensitive: boolean;
        active: boolean;
        attributes: { required: boolean }[];
      }[];
    }[];
  }>(`${server.url}/api/categories`);
  const categoryCodes = categories.groups
    .flatMap((g) => g.categories)
    .filter((c) => c.active && !c.sensitive && !c.attributes.some((a) => a.required))
    .map((c) => c.code);
  const list = await getJson<{ items: { id: number }[] }>(`${server.url}/api/cases?limit=200`, handler);
  const search = await fetch(`${server.url}/api/search?q=${encodeURIComponent('垃圾')}`, {
    headers: handler,
  });
  return {
    agent,
    handler,
    leader,
    districtId: street.parentId as number,
    streetId: street.id,
    inboxUnitId,
    caseIds: list.items.map((c) => c.id),
    categoryCodes,
    places: places.length ? places : ['鼓楼街道中山社区'],
    searchPath: search.status === 404 ? null : '/api/search',
  };
}

export interface Scenario {
  name: string;
  description: string;
  baseline: 'insert' | 'read';
  requests: LoadRequest[];
  /** Why it is not measured (yet). */
  skip?: string;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Local (Beijing) today, plus `days`. */
function beijingDay(days: number): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}

function lastFullMonth(): { from: string; to: string } {
  const d = new Date(Date.now() + 8 * 3600_000);
  const to = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const from = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  return { from: isoDate(from), to: isoDate(to) };
}

/** The product figures of issue #4, each with the baseline it is compared to. */
export function productScenarios(f: ProductFixture): Scenario[] {
  const nextBody = intakeBodies(f);
  const json = { 'content-type': 'application/json' };
  let readIndex = 0;
  let readId = f.caseIds[0];
  const tabs = ['to_sign', 'in_progress', 'due_soon', 'overdue'];
  let tab = 0;
  const month = lastFullMonth();
  // What agents and handlers type: one word, or two or three (every word must match), common and rare.
  const words = [
    '垃圾',
    '噪音扰民',
    '油烟',
    '井盖',
    '路灯不亮',
    '停车',
    '楼上漏水',
    '占道经营',
    '低保',
    '垃圾 清运',
    '楼道堆物',
    '夜间施工 噪音',
  ];
  let word = 0;
  return [
    {
      name: 'intake',
      description: 'POST /api/cases as agent (hotline), bodies vary',
      baseline: 'insert',
      requests: [
        {
          method: 'POST',
          path: '/api/cases',
          headers: { ...f.agent, ...json },
          setup: (req) => ({ ...req, body: nextBody() }),
        },
      ],
    },
    {
      name: 'case read',
      description: `GET /api/cases/:id then /:id/events as gl.handler, rotating over ${f.caseIds.length} visible cases`,
      baseline: 'read',
      requests: [
        {
          method: 'GET',
          path: '/api/cases/0',
          headers: f.handler,
          setup: (req) => {
            readId = f.caseIds[readIndex++ % f.caseIds.length];
            return { ...req, path: `/api/cases/${readId}` };
          },
        },
        {
          method: 'GET',
          path: '/api/cases/0/events',
          headers: f.handler,
          setup: (req) => ({ ...req, path: `/api/cases/${readId}/events` }),
        },
      ],
    },
    {
      name: 'unit inbox',
      description: `GET /api/cases?view=inbox&tab=… (4 tabs in turn) first page, unit ${f.inboxUnitId}, as gl.handler`,
      baseline: 'read',
      requests: [
        {
          method: 'GET',
          path: '/api/cases',
          headers: f.handler,
          setup: (req) => ({
            ...req,
            path: `/api/cases?view=inbox&tab=${tabs[tab++ % tabs.length]}&unitId=${f.inboxUnitId}`,
          }),
        },
      ],
    },
    {
      name: 'search',
      description: 'full-text search as gl.handler',
      baseline: 'read',
      skip: f.searchPath ? undefined : 'no search endpoint yet (GET /api/search answers 404)',
      requests: [
        {
          method: 'GET',
          path: f.searchPath ?? '/api/search',
          headers: f.handler,
          setup: (req) => ({
            ...req,
            path: `${f.searchPath}?q=${encodeURIComponent(words[word++ % words.length] ?? '')}`,
          }),
        },
      ],
    },
    {
      name: 'district figures (year)',
      description: `GET /api/figures/summary, district, ${beijingDay(-365)} … ${beijingDay(1)}, as leader`,
      baseline: 'read',
      requests: [
        {
          method: 'GET',
          path: `/api/figures/summary?unitId=${f.districtId}&from=${beijingDay(-365)}&to=${beijingDay(1)}`,
          headers: f.leader,
        },
      ],
    },
    {
      name: 'street figures (month)',
      description: `GET /api/figures/summary, street ${f.streetId}, ${month.from} … ${month.to}, as leader`,
      baseline: 'read',
      requests: [
        {
          method: 'GET',
          path: `/api/figures/summary?unitId=${f.streetId}&from=${month.from}&to=${month.to}`,
          headers: f.leader,
        },
      ],
    },
  ];
}

/** The two bare endpoints of bench/baseline-server.ts, loaded the same way. */
export function baselineScenarios(f: ProductFixture, rows: number): Scenario[] {
  const nextBody = intakeBodies(f);
  let n = 0;
  return [
    {
      name: 'baseline insert',
      description: 'bare Fastify, one prepared INSERT',
      baseline: 'insert',
      requests: [
        {
          method: 'POST',
          path: '/insert',
          headers: { 'content-type': 'application/json' },
          setup: (req) => ({ ...req, body: nextBody() }),
        },
      ],
    },
    {
      name: 'baseline read',
      description: 'bare Fastify, one prepared SELECT by primary key',
      baseline: 'read',
      requests: [
        {
          method: 'GET',
          path: '/read/1',
          setup: (req) => ({ ...req, path: `/read/${((n++ * 7919) % rows) + 1}` }),
        },
      ],
    },
  ];
}
