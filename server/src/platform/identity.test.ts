import { describe, expect, it } from 'vitest';
import { pickLanguage } from './i18n.ts';
import {
  idNumberCheckChar,
  isValidIdNumber,
  isValidMobile,
  isValidPhone,
  maskIdNumber,
  maskPhone,
  normalisePhone,
} from './identity.ts';

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

describe('phone numbers as the help line hears them', () => {
  it('keeps a mobile as 11 digits and a fixed line as area code and number', () => {
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalisePhone('0574 87654321')).toBe('0574-87654321');
    expect(normalisePhone('(010)62345678')).toBe('010-62345678');
    expect(normalisePhone('0571-8765432')).toBe('0571-8765432');
  });

  it('refuses numbers whose city cannot be told, and impossible lengths', () => {
    for (const bad of ['87654321', '010-8765432', '0574-123456789', '1234567', '12812345678'])
      expect(isValidPhone(normalisePhone(bad)), bad).toBe(false);
    expect(isValidPhone(normalisePhone('021 6543 2100'))).toBe(true);
  });
});
