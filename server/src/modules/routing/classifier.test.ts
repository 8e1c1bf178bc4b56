import { describe, expect, it } from 'vitest';
import { classify, loadModel, storeModel, trainModel } from './classifier.ts';
import { candidateNames, learnPlaces, learntStreetOf, placeIndex } from './places.ts';

describe('category model', () => {
  const samples = [
    ...['路灯不亮了', '晚上路灯坏了一片漆黑', '小区门口的路灯一直闪', '路灯杆歪了灯也不亮'].map((text) => ({
      text,
      label: 'UM06',
    })),
    ...['楼上漏水到我家天花板', '卫生间漏水渗到楼下', '外墙渗水屋顶漏水', '下雨天家里漏水'].map((text) => ({
      text,
      label: 'HO02',
    })),
    ...['咕噜怪又来广场跳舞了', '咕噜怪活动场地没有开放', '社区咕噜怪比赛报名', '咕噜怪活动室关门'].map(
      (text) => ({ text, label: 'PB04' }),
    ),
  ];

  it('learns a word it was taught and ranks the category first, with probabilities summing to one', async () => {
    const model = await trainModel(samples, { minDocs: 1 });
    const ranked = classify(model, '咕噜怪什么时候开放', 3);
    expect(ranked[0]?.label).toBe('PB04');
    expect(ranked.reduce((sum, r) => sum + r.score, 0)).toBeCloseTo(1, 5);
    expect(classify(model, '我家厨房顶上在漏水', 1)[0]?.label).toBe('HO02');
  });

  it('still finds the category of a text with a typo, through its character pairs', async () => {
    const model = await trainModel(samples, { minDocs: 1 });
    // 路登 for 路灯: that word is unknown, but the pair 不亮 occurs in street-light texts only.
    expect(classify(model, '门口路登不亮', 1)[0]?.label).toBe('UM06');
  });

  it('gives nothing for a text with no known feature', async () => {
    const model = await trainModel(samples, { minDocs: 1 });
    expect(classify(model, '。。。', 3)).toEqual([]);
  });

  it('is the same model after storing and loading, and the same for the same samples', async () => {
    const model = await trainModel(samples, { minDocs: 1 });
    const again = loadModel(JSON.parse(JSON.stringify(storeModel(model))));
    expect(classify(again, '楼上漏水', 3)).toEqual(classify(model, '楼上漏水', 3));
    expect(storeModel(await trainModel(samples, { minDocs: 1 }))).toEqual(storeModel(model));
  });
});

describe('learnt place names', () => {
  const samples = [
    { text: '孝闻小区3号楼垃圾没人清', street: 'GL' },
    { text: '我住孝闻小区，楼道灯坏了', street: 'GL' },
    { text: '在孝闻小区门口摆摊', street: 'GL' },
    { text: '中山西路上井盖松了', street: 'GL' },
    { text: '中山西路88号店招要掉了', street: 'XM' },
    { text: '柳汀街路灯不亮', street: 'NM' },
    { text: '柳汀街有人占道', street: 'NM' },
  ];

  it('learns a compound and a road seen in one street, not a road of two streets', () => {
    const index = placeIndex(learnPlaces(samples));
    expect(learntStreetOf(index, '孝闻小区有人乱扔垃圾')).toEqual({ street: 'GL', name: '孝闻小区' });
    expect(learntStreetOf(index, '柳汀街上的树倒了')?.street).toBe('NM');
    expect(learntStreetOf(index, '中山西路有个坑')).toBeNull();
  });

  it('does not read a street office or a street lamp as a road', () => {
    expect(candidateNames('鼓楼街道的路灯坏了')).not.toContain('鼓楼街');
    expect(candidateNames('门口路灯坏了')).not.toContain('门口路');
    expect(candidateNames('古林路口乱停车')).toContain('古林路');
  });
});
