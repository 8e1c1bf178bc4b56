import { describe, expect, it } from 'vitest';
import { type MatchableCategory, rankCategories, termsOf } from './category-suggest.ts';

const category = (code: string, nameZh: string, descriptionZh: string, nameEn = '', descriptionEn = '') => ({
  code,
  nameZh,
  nameEn,
  descriptionZh,
  descriptionEn,
});

const catalogue: MatchableCategory[] = [
  category('LIGHT', '路灯照明', '路灯不亮、忽明忽暗、灯杆歪倒', 'Street lighting', 'Street lights out'),
  category('NOISE', '社会生活噪声', '邻居装修、广场舞噪声扰民，吵得睡不着', 'Neighbourhood noise'),
  category('WATER', '供水与水压', '停水、水压低、水质发黄', 'Water supply', 'No water, low pressure'),
  category('YARD', '小区公共事务', '小区公共设施、停车位', 'Shared matters of the compound'),
  category('REPAIR', '老旧小区改造', '老小区改造的进度', 'Renovation of old compounds'),
];

describe('category suggestion', () => {
  it('cuts Chinese into character pairs without filler, and English into words', () => {
    expect([...termsOf('路灯坏了')]).toEqual(['路灯', '灯坏']);
    expect([...termsOf('The street LIGHTS are out')]).toEqual(['street', 'light', 'out']);
    expect(termsOf('的了吗')).toEqual(new Set());
  });

  it('puts the category whose rare words the text uses first', () => {
    const ranked = rankCategories('小区门口的路灯坏了，晚上很黑', catalogue);
    // 小区 is in two categories (so it counts for less than 路灯, which only one has), and people
    // say it whatever the matter: alone it suggests nothing.
    expect(ranked.map((r) => r.category.code)).toEqual(['LIGHT']);
    expect(rankCategories('小区门口', catalogue)).toEqual([]);
    expect(rankCategories('楼上装修吵得睡不着', catalogue)[0]?.category.code).toBe('NOISE');
    expect(rankCategories('No water since this morning', catalogue)[0]?.category.code).toBe('WATER');
  });

  it('suggests nothing for words that match by chance or not at all, and at most the limit', () => {
    expect(rankCategories('你好', catalogue)).toEqual([]);
    expect(rankCategories('', catalogue)).toEqual([]);
    expect(rankCategories('路灯', [])).toEqual([]);
    expect(rankCategories('路灯停水装修', catalogue, 2)).toHaveLength(2);
    // Far behind a clear match, a weak one is not offered beside it.
    expect(rankCategories('装修吵得睡不着，车位', catalogue).map((r) => r.category.code)).toEqual(['NOISE']);
  });
});
