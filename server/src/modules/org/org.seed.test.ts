import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testEngine } from '../../../test/helpers.ts';
import type { UnitRow } from '../../db/types.ts';
import { buildOrgDocument, OrgDescription, romanise } from './org.seed.ts';

describe(`demo organisation (${testEngine})`, () => {
  let t: TestApp;
  let units: UnitRow[];
  const byCode = (code: string) => {
    const unit = units.find((u) => u.code === code);
    if (!unit) throw new Error(`no unit ${code}`);
    return unit;
  };
  const childrenOf = (code: string) => units.filter((u) => u.parent_id === byCode(code).id);

  beforeAll(async () => {
    t = await createTestApp();
    units = await t.database.db.selectFrom('units').selectAll().execute();
  });
  afterAll(async () => t.close());

  it('has the district with its departments, centers and utilities', () => {
    const hs = byCode('HS');
    expect(hs).toMatchObject({ kind: 'district', parent_id: null, depth: 0, path: `/${hs.id}/` });
    const children = childrenOf('HS');
    expect(children.filter((u) => u.kind === 'department')).toHaveLength(22);
    expect(children.filter((u) => u.kind === 'center').map((u) => u.code)).toEqual(
      expect.arrayContaining([
        'HS-HOTLINE',
        'HS-GOVERNANCE',
        'HS-COMMERCIAL_MEDIATION',
        'HS-LABOUR_MEDIATION',
      ]),
    );
    expect(children.filter((u) => u.kind === 'utility')).toHaveLength(3);
    expect(byCode('HS-HOUSING')).toMatchObject({
      kind: 'department',
      function: 'HOUSING',
      name_zh: '区住房和建设局',
    });
  });

  it('has 8 streets, each with its units and communities that tile its area', () => {
    const streets = childrenOf('HS').filter((u) => u.kind === 'street');
    expect(streets.map((s) => s.code).sort()).toEqual(['BY', 'DT', 'GL', 'JX', 'NM', 'WC', 'XM', 'YH']);
    expect(byCode('GL')).toMatchObject({
      name_zh: '鼓楼街道',
      name_en: 'Gulou Subdistrict',
      aliases: '["鼓楼"]',
    });
    for (const street of streets) {
      const kids = childrenOf(street.code);
      expect(kids.filter((u) => u.kind === 'department')).toHaveLength(4);
      expect(byCode(`${street.code}-SUNSHINE_HOME`).kind).toBe('center');
      const communities = kids.filter((u) => u.kind === 'community');
      expect(communities.length).toBeGreaterThanOrEqual(4);
      let total = 0;
      for (const c of communities) {
        expect(c.code).toMatch(new RegExp(`^${street.code}\\d{2}$`));
        expect(c.min_lng).toBeGreaterThanOrEqual(street.min_lng ?? Number.NaN);
        expect(c.max_lng).toBeLessThanOrEqual(street.max_lng ?? Number.NaN);
        expect(c.min_lat).toBe(street.min_lat);
        expect(c.max_lat).toBe(street.max_lat);
        total += c.area_m2 ?? 0;
      }
      expect(total / (street.area_m2 ?? 1)).toBeCloseTo(1, 3);
    }
  });

  it('names communities in Chinese and pinyin, with their short name as alias', () => {
    expect(byCode('GL01')).toMatchObject({
      kind: 'community',
      name_zh: '中山社区',
      name_en: 'Zhongshan Community',
      aliases: '["中山"]',
    });
    expect(byCode('JX02').name_en).toBe('Jiangxia Community');
    expect(byCode('DT02').name_en).toBe("Shui'anxinjing Community");
    expect(byCode('GL01-COMMITTEE')).toMatchObject({
      kind: 'department',
      name_zh: '中山社区居委会',
      name_en: "Zhongshan Community Residents' Committee",
    });
    expect(byCode('GL01-POLICE').kind).toBe('department');
    expect(byCode('GL01-MEDIATION')).toMatchObject({ kind: 'workroom', name_zh: '中山社区和好屋' });
    expect(byCode('GL01-SOCIAL_WORK').kind).toBe('studio');
    expect(byCode('GL-ENFORCEMENT')).toMatchObject({ name_zh: '鼓楼街道综合执法组', kind: 'department' });
  });

  it('numbers named units per community and function', () => {
    expect(
      childrenOf('DT02')
        .filter((u) => u.function === 'WORKROOM')
        .map((u) => u.code)
        .sort(),
    ).toEqual(['DT02-WORKROOM-1', 'DT02-WORKROOM-2', 'DT02-WORKROOM-3', 'DT02-WORKROOM-4']);
    expect(byCode('DT02-WORKROOM-1')).toMatchObject({ kind: 'workroom', name_zh: '“安”工作室' });
    expect(byCode('NM01-SOCIAL_WORK_STUDIO-1')).toMatchObject({ kind: 'studio', name_zh: '裘丽萍工作室' });
    expect(byCode('YH01-SOCIAL_WORK_STUDIO-1').kind).toBe('studio');
    expect(byCode('BY01-SOCIAL_WORK_STUDIO-1').kind).toBe('studio');
    expect(byCode('JX01-SERVICE_TEAM-1')).toMatchObject({ kind: 'team', parent_id: byCode('JX01').id });
  });

  it('holds every unit the demo accounts are bound to', () => {
    for (const code of [
      'HS',
      'HS-HOTLINE',
      'HS-GOVERNANCE',
      'GL',
      'JX',
      'NM',
      'XM',
      'YH',
      'BY',
      'DT',
      'WC',
      'GL-ENFORCEMENT',
      'JX-ENFORCEMENT',
      'HS-HOUSING',
      'GL01',
      'JX01',
      'GL01-MEDIATION',
      'NM01',
      'GL-EMPLOYMENT',
      'JX01-SERVICE_TEAM-1',
    ]) {
      expect(
        units.some((u) => u.code === code),
        code,
      ).toBe(true);
    }
  });

  it('keeps every path and depth consistent with the parents', () => {
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const u of units) {
      const parent = u.parent_id == null ? undefined : byId.get(u.parent_id);
      expect(u.path).toBe(`${parent?.path ?? '/'}${u.id}/`);
      expect(u.depth).toBe(parent ? parent.depth + 1 : 0);
    }
  });

  it('builds the same document from a description without anything district-specific', () => {
    const doc = buildOrgDocument(
      OrgDescription.parse({
        district: { code: 'XX', zh: '新区', en: 'New District', bbox: [120, 30, 120.1, 30.1] },
        streets: [
          { code: 'AA', zh: '安宁镇', en: 'Anning', area: [120, 30, 120.1, 30.1], communities: ['和平'] },
        ],
        communityUnits: [
          { function: 'MEDIATION', zh: '{community}调解室', en: '{community} Mediation Room' },
        ],
        namedUnits: [{ community: '和平', function: 'SERVICE_TEAM', zh: '服务队', en: 'Team' }],
      }),
    );
    expect(doc.units.map((u) => [u.code, u.kind, u.nameZh, u.nameEn])).toEqual([
      ['XX', 'district', '新区', 'New District'],
      ['AA', 'street', '安宁镇', 'Anning Town'],
      ['AA01', 'community', '和平社区', 'Heping Community'],
      ['AA01-MEDIATION', 'workroom', '和平社区调解室', 'Heping Community Mediation Room'],
      ['AA01-SERVICE_TEAM-1', 'team', '服务队', 'Team'],
    ]);
    expect(romanise('尹江岸')).toBe("Yinjiang'an");
  });
});
