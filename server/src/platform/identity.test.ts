import { describe, expect, it } from 'vitest';
import { pickLanguage } from './i18n.ts';
import { idNumberCheckChar, isValidIdNumber, isValidMobile, maskIdNumber, maskPhone } from './identity.ts';

describe('personal identifiers', () => {
  it('accepts ID numbers with the GB 11643 check character and rejects a wrong one', () => {
    // The standard's own example: 11010519491231002X.
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105194902300023')).toBe(false); // 30 February
    expect(isValidIdNumber('1101051949123100')).toBe(false);
  });

  it('masks phone numbers and ID numbers the way staff lists show them', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone(null)).toBeNull();
  });

  it('knows mainland mobile numbers', () => {
    expect(isValidMobile('13812341234')).toBe(true);
    expect(isValidMobile('12812341234')).toBe(false);
    expect(isValidMobile('1381234123')).toBe(false);
  });

  it('answers in the best language the caller accepts, Chinese by default', () => {
    expect(pickLanguage(undefined)).toBe('zh-CN');
    expect(pickLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(pickLanguage('fr-FR, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(pickLanguage('fr')).toBe('zh-CN');
    expect(pickLanguage('zh-TW;q=0, en')).toBe('en');
  });
});
