import { describe, expect, it } from 'vitest';
import { pinyinKeys } from './pinyin.ts';

describe('pinyin search keys', () => {
  it('spells a name in toneless pinyin and its initials, ü as v, other letters and digits kept', () => {
    expect(pinyinKeys('建筑施工噪声')).toEqual({ full: 'jianzhushigongzaosheng', initials: 'jzsgzs' });
    expect(pinyinKeys('园林绿化')).toEqual({ full: 'yuanlinlvhua', initials: 'yllh' });
    expect(pinyinKeys('3号楼A座（东）')).toEqual({ full: '3haolouazuodong', initials: '3hlazd' });
  });

  it('reads a character with several readings the way the romanised name spells it', () => {
    // 厦 alone reads sha (大厦); the street is Jiangxia.
    expect(pinyinKeys('江厦街道').initials).toBe('jsjd');
    expect(pinyinKeys('江厦街道', 'Jiangxia Subdistrict')).toEqual({
      full: 'jiangxiajiedao',
      initials: 'jxjd',
    });
    // ü written u in the English name; a translation that spells nothing leaves the usual reading.
    expect(pinyinKeys('绿岛社区', 'Ludao Community').full).toBe('lvdaoshequ');
    expect(pinyinKeys('重大矛盾纠纷', 'Serious disputes')).toEqual(pinyinKeys('重大矛盾纠纷'));
    expect(pinyinKeys('重庆路', 'Chongqing Road').initials).toBe('cql');
  });
});
