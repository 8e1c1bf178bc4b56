import type { MyCaseView, PublicCaseView } from '../../api/http.ts';

const ENFORCEMENT = {
  id: 31,
  code: 'GL-ENFORCEMENT',
  nameZh: '鼓楼街道综合执法组',
  nameEn: 'Gulou Enforcement Team',
};

/** A public view: registered, sent to the street team, signed for, resolved. */
export function publicCase(over: Partial<PublicCaseView> = {}): PublicCaseView {
  return {
    trackingNo: 'HS20261129000123',
    status: 'resolved',
    category: { code: 'UM01', nameZh: '垃圾清运与环境卫生', nameEn: 'Garbage collection and sanitation' },
    registeredAt: '2026-11-27T02:00:00.000Z',
    handlingUnit: ENFORCEMENT,
    dueAt: null,
    steps: [
      { step: 'registered', at: '2026-11-27T02:00:00.000Z', unit: null, outcome: null, intoTrackingNo: null },
      {
        step: 'dispatched',
        at: '2026-11-27T02:00:01.000Z',
        unit: ENFORCEMENT,
        outcome: null,
        intoTrackingNo: null,
      },
      {
        step: 'accepted',
        at: '2026-11-27T03:00:00.000Z',
        unit: ENFORCEMENT,
        outcome: null,
        intoTrackingNo: null,
      },
      {
        step: 'resolved',
        at: '2026-11-28T03:00:00.000Z',
        unit: ENFORCEMENT,
        outcome: 'solved',
        intoTrackingNo: null,
      },
    ],
    ...over,
  };
}

/** The reporter's own view of the same case, resolved and waiting for their rating. */
export function myCase(over: Partial<MyCaseView> = {}): MyCaseView {
  return {
    ...publicCase(),
    id: 123,
    version: 6,
    kind: 'help',
    title: '楼下垃圾桶三天没人清运',
    description: '楼下垃圾桶三天没人清运，气味很大',
    address: '3号楼',
    street: { id: 3, code: 'GL', nameZh: '鼓楼街道', nameEn: 'Gulou' },
    community: { id: 9, code: 'GL01', nameZh: '中山社区', nameEn: 'Zhongshan' },
    anonymous: false,
    contactPreference: 'sms',
    outcome: 'solved',
    resolution: '已清运，并增加清运频次',
    resolvedAt: '2026-11-28T03:00:00.000Z',
    myRating: null,
    photos: [],
    abilities: { rate: true, attach: true },
    ...over,
  };
}
