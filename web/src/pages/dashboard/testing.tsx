// Fixtures and a fake figures API for the dashboard's component tests.
import type { ReactNode } from 'react';
import { renderWorklist } from '../../components/worklist/testing.tsx';
import { type Call, fakeServer } from '../../test/fake-server.ts';
import { ChartRenderer } from './EChart.tsx';
import type {
  Areas,
  AttentionList,
  Breakdown,
  FiguresNow,
  Handling,
  OrgNode,
  Series,
  Summary,
} from './types.ts';

const rate = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000,
});

export const DISTRICT = { id: 1, code: 'HS', nameZh: '海曙区', nameEn: 'Haishu District' };
export const GULOU = { id: 31, code: 'GL', nameZh: '鼓楼街道', nameEn: 'Gulou Subdistrict' };
export const JIANGXIA = { id: 32, code: 'JX', nameZh: '江厦街道', nameEn: 'Jiangxia Subdistrict' };
export const ZHONGSHAN = { id: 44, code: 'GL01', nameZh: '中山社区', nameEn: 'Zhongshan Community' };

/** Figures with every rate given as [numerator, denominator]. */
export function figures(
  rates: Partial<Record<keyof FiguresNow['rates'], [number, number]>> = {},
  more: { registered?: number; overdueNow?: number; resolved?: number } = {},
): FiguresNow {
  const r = (key: keyof FiguresNow['rates']) => rate(...(rates[key] ?? [9, 10]));
  return {
    volumes: {
      registered: more.registered ?? 100,
      dispatches: 90,
      returns: 3,
      resolved: more.resolved ?? 80,
      callbacksAnswered: 70,
      ratings: 60,
      closed: 75,
      backlog: 20,
    },
    rates: {
      firstContactResolution: r('firstContactResolution'),
      response: r('response'),
      onTime: r('onTime'),
      resolution: r('resolution'),
      satisfaction: r('satisfaction'),
      oneTimeResolution: r('oneTimeResolution'),
      routingAccuracy: r('routingAccuracy'),
    },
    overdueNow: more.overdueNow ?? 2,
  };
}

const handling = (averageHours: number | null = 40.5): Handling => ({
  now: 12,
  supervisedNow: 1,
  resolved: 70,
  averageHours,
});

export function summary(overrides: Partial<Summary> = {}): Summary {
  return {
    unit: DISTRICT,
    period: { from: '2026-11-01', to: '2026-12-01' },
    category: null,
    figures: figures(),
    handling: handling(),
    previous: null,
    registeredBy: { channel: { hotline: 70, portal: 30 }, kind: {}, status: {} },
    ...overrides,
  };
}

const square = (x: number, y: number): [number, number][][] => [
  [
    [x, y],
    [x + 0.01, y],
    [x + 0.01, y + 0.01],
    [x, y + 0.01],
    [x, y],
  ],
];

/** The district with two streets, or Gulou with one community. */
export function areas(level: 'street' | 'community'): Areas {
  if (level === 'street')
    return {
      unit: { ...DISTRICT, kind: 'district' },
      area: square(121.5, 29.85),
      period: { from: '2026-11-01', to: '2026-12-01' },
      category: null,
      level: 'street',
      areas: [
        {
          unit: { ...GULOU, kind: 'street' },
          area: square(121.54, 29.874),
          figures: figures({}, { registered: 60 }),
          handling: handling(),
        },
        {
          unit: { ...JIANGXIA, kind: 'street' },
          area: square(121.55, 29.862),
          figures: figures({}, { registered: 40 }),
          handling: handling(),
        },
      ],
    };
  return {
    unit: { ...GULOU, kind: 'street' },
    area: square(121.54, 29.874),
    period: { from: '2026-11-01', to: '2026-12-01' },
    category: null,
    level: 'community',
    areas: [
      {
        unit: { ...ZHONGSHAN, kind: 'community' },
        area: square(121.54, 29.874),
        figures: figures({}, { registered: 25 }),
        handling: handling(),
      },
    ],
  };
}

export function series(): Series {
  return {
    unit: DISTRICT,
    period: { from: '2026-11-01', to: '2026-12-01' },
    category: null,
    interval: 'day',
    buckets: ['2026-11-01', '2026-11-02'].map((day, i) => ({
      label: day,
      from: day,
      to: `2026-11-0${i + 2}`,
      figures: { volumes: figures().volumes, rates: figures().rates },
      registeredByChannel: { hotline: 3 + i, portal: 1 },
    })),
  };
}

export function breakdown(by: 'category' | 'unit'): Breakdown {
  return {
    unit: DISTRICT,
    period: { from: '2026-11-01', to: '2026-12-01' },
    category: null,
    by,
    rows:
      by === 'category'
        ? [
            {
              key: { id: 7, code: 'EN02', nameZh: '社会生活噪声', nameEn: 'Neighbourhood noise' },
              figures: figures({}, { registered: 30 }),
              handling: handling(),
            },
          ]
        : [
            {
              key: {
                id: 2,
                code: 'HS-ENFORCEMENT',
                nameZh: '区综合行政执法局',
                nameEn: 'District Enforcement Bureau',
              },
              figures: figures(),
              handling: handling(),
            },
          ],
  };
}

export function attention(list: 'overdue' | 'supervised'): AttentionList {
  return {
    unit: DISTRICT,
    category: null,
    list,
    items:
      list === 'overdue'
        ? [
            {
              id: 501,
              trackingNo: 'HS20261101000501',
              title: '夜间施工噪声扰民',
              status: 'accepted',
              urgent: false,
              supervised: false,
              escalationLevel: 0,
              registeredAt: '2026-11-01T02:00:00.000Z',
              resolveDueAt: '2026-11-05T10:00:00.000Z',
              overdueMinutes: 3 * 1440 + 120,
              category: { code: 'EN01', nameZh: '建筑施工噪声', nameEn: 'Construction noise' },
              street: GULOU,
              community: ZHONGSHAN,
              leadUnit: {
                code: 'GL-ENFORCEMENT',
                nameZh: '鼓楼街道综合执法组',
                nameEn: 'Gulou Enforcement Team',
              },
            },
          ]
        : [],
  };
}

const TREE: OrgNode[] = [
  {
    ...DISTRICT,
    kind: 'district',
    function: null,
    active: true,
    children: [
      {
        ...GULOU,
        kind: 'street',
        function: null,
        active: true,
        children: [{ ...ZHONGSHAN, kind: 'community', function: null, active: true, children: [] }],
      },
      { ...JIANGXIA, kind: 'street', function: null, active: true, children: [] },
    ],
  },
];

type Answer = (call: Call, query: URLSearchParams) => unknown;

/**
 * The figures API by path, whatever the query: each route answers from the query it was asked
 * (say, the areas of the unit asked for). Every call is recorded.
 */
export function dashboardServer(overrides: Record<string, Answer> = {}) {
  const answers: Record<string, Answer> = {
    '/api/figures/summary': (_, q) => summary(q.get('unitId') === String(GULOU.id) ? { unit: GULOU } : {}),
    '/api/figures/areas': (_, q) => areas(q.get('unitId') === String(GULOU.id) ? 'community' : 'street'),
    '/api/figures/series': () => series(),
    '/api/figures/breakdown': (_, q) => breakdown(q.get('by') === 'unit' ? 'unit' : 'category'),
    '/api/figures/cases': (_, q) => attention(q.get('list') === 'supervised' ? 'supervised' : 'overdue'),
    '/api/org/tree': () => ({ roots: TREE }),
    '/api/categories': () => ({ groups: [] }),
    ...overrides,
  };
  const routes = new Proxy({} as Record<string, (call: Call) => { status: number; body?: unknown }>, {
    get(_, key: string) {
      const [method, target] = key.split(' ');
      const url = new URL(target ?? '', 'http://x');
      const answer = answers[url.pathname];
      if (method !== 'GET' || !answer) return undefined;
      return (call: Call) => ({ status: 200, body: answer(call, url.searchParams) });
    },
  });
  return fakeServer(routes);
}

/** The dashboard at a URL, for a leader, its charts drawn as SVG. */
export function renderDashboard(ui: ReactNode, url: string, language: 'zh-CN' | 'en' = 'zh-CN') {
  return renderWorklist(<ChartRenderer.Provider value="svg">{ui}</ChartRenderer.Provider>, {
    url,
    actions: ['figures.read', 'case.read'],
    language,
  });
}

/** The query of the recorded calls to a path. */
export function queriesTo(calls: Call[], path: string): URLSearchParams[] {
  return calls
    .map((c) => new URL(c.path, 'http://x'))
    .filter((u) => u.pathname === path)
    .map((u) => u.searchParams);
}
