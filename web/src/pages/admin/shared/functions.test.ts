import { describe, expect, it } from 'vitest';
import type { OrgTreeNode } from '../api.ts';
import { functionsOf } from './functions.ts';

const unit = (
  id: number,
  code: string,
  kind: string,
  fn: string | null,
  nameZh: string,
  nameEn: string,
  children: OrgTreeNode[] = [],
) => ({
  id,
  code,
  kind,
  function: fn,
  nameZh,
  nameEn,
  active: true,
  children,
});

describe('function names', () => {
  it('names a function found in every street by what follows the street’s name', () => {
    const tree = [
      unit(1, 'HS', 'district', null, '海曙区', 'Haishu District', [
        unit(2, 'HS-HOUSING', 'department', 'HOUSING', '区住房和建设局', 'District Housing Bureau'),
        unit(3, 'GL', 'street', null, '鼓楼街道', 'Gulou Subdistrict', [
          unit(
            4,
            'GL-ENFORCEMENT',
            'department',
            'ENFORCEMENT',
            '鼓楼街道综合执法组',
            'Gulou Subdistrict Enforcement Team',
          ),
        ]),
        unit(5, 'JX', 'street', null, '江厦街道', 'Jiangxia Subdistrict', [
          unit(
            6,
            'JX-ENFORCEMENT',
            'department',
            'ENFORCEMENT',
            '江厦街道综合执法组',
            'Jiangxia Subdistrict Enforcement Team',
          ),
        ]),
      ]),
    ];
    const zh = functionsOf(tree, 'zh-CN');
    expect(zh.get('ENFORCEMENT')).toEqual({
      code: 'ENFORCEMENT',
      label: '综合执法组',
      placedUnder: ['street'],
      units: 2,
    });
    expect(zh.get('HOUSING')?.label).toBe('区住房和建设局');
    expect(functionsOf(tree, 'en').get('ENFORCEMENT')?.label).toBe('Enforcement Team');
  });
});
