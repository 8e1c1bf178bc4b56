import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import type { CategoryInfo } from './categories.service.ts';
import { validateCaseAttributes } from './categories-attributes.ts';

const values = [
  { key: 'manhole', nameZh: '井盖', nameEn: 'Manhole' },
  { key: 'pothole', nameZh: '坑洼', nameEn: 'Pothole' },
];
const text = (code: string) => ({ descriptionZh: code, descriptionEn: code, variable: true as const });

const category: CategoryInfo = {
  id: 1,
  code: 'UM05',
  groupCode: 'UM',
  nameZh: '市政设施损坏',
  nameEn: 'Damaged facilities',
  route: { scope: 'district', function: 'MUNICIPAL' },
  review: false,
  resolveWorkdays: 5,
  urgentHours: 4,
  sensitive: false,
  active: true,
  attributes: [
    { code: 'damage', datatype: 'singlevaluelist', required: true, order: 1, values, ...text('damage') },
    { code: 'parts', datatype: 'multivaluelist', required: false, order: 2, values, ...text('parts') },
    { code: 'depth_cm', datatype: 'number', required: false, order: 3, ...text('depth_cm') },
    { code: 'seen_at', datatype: 'datetime', required: false, order: 4, ...text('seen_at') },
    { code: 'plate', datatype: 'string', required: false, order: 5, ...text('plate') },
    { code: 'notes', datatype: 'text', required: false, order: 6, ...text('notes') },
  ],
};

/** The details of the request.invalid error the input raises. */
function problems(input: unknown, lang: 'zh-CN' | 'en' = 'en') {
  try {
    validateCaseAttributes(category, input, 'body.attributes', lang);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('request.invalid');
    return (err as AppError).details?.map((d) => ({ path: d.path, message: d.message }));
  }
  throw new Error('expected the input to be refused');
}

describe('validateCaseAttributes', () => {
  it('accepts good values and normalises them', () => {
    expect(
      validateCaseAttributes(category, {
        damage: 'pothole',
        parts: ['manhole', 'pothole', 'manhole'],
        depth_cm: '12.5',
        seen_at: '2026-03-02T09:30:00+08:00',
        plate: '  浙B12345 ',
        notes: '',
      }),
    ).toEqual({
      damage: 'pothole',
      parts: ['manhole', 'pothole'],
      depth_cm: 12.5,
      seen_at: '2026-03-02T01:30:00.000Z',
      plate: '浙B12345',
    });
    expect(validateCaseAttributes(category, { damage: 'manhole', depth_cm: 3 })).toEqual({
      damage: 'manhole',
      depth_cm: 3,
    });
    const plain = { ...category, attributes: [] };
    expect(validateCaseAttributes(plain, undefined)).toEqual({});
    expect(validateCaseAttributes(plain, null)).toEqual({});
  });

  it('rejects a missing required value, naming the field in the requested language', () => {
    expect(problems({})).toEqual([{ path: 'body.attributes.damage', message: 'required' }]);
    expect(problems({ damage: '  ' }, 'zh-CN')).toEqual([
      { path: 'body.attributes.damage', message: '必填' },
    ]);
  });

  it('rejects values of the wrong datatype', () => {
    expect(problems({ damage: 'manhole', depth_cm: 'deep' })?.map((p) => p.path)).toEqual([
      'body.attributes.depth_cm',
    ]);
    expect(problems({ damage: 'manhole', seen_at: '2026-03-02' })?.map((p) => p.path)).toEqual([
      'body.attributes.seen_at',
    ]);
    expect(problems({ damage: 'manhole', parts: 'manhole' })?.map((p) => p.path)).toEqual([
      'body.attributes.parts',
    ]);
    expect(problems({ damage: 'manhole', plate: 42 })?.map((p) => p.path)).toEqual(['body.attributes.plate']);
  });

  it('rejects list keys the attribute does not offer', () => {
    expect(problems({ damage: 'crater' })).toEqual([
      { path: 'body.attributes.damage', message: expect.stringContaining('"manhole"|"pothole"') },
    ]);
    expect(problems({ damage: 'manhole', parts: ['pothole', 'crater'] })?.map((p) => p.path)).toEqual([
      'body.attributes.parts.1',
    ]);
  });

  it('rejects codes the category does not define, and reports every problem at once', () => {
    expect(problems({ damage: 'manhole', colour: 'red' })).toEqual([
      { path: 'body.attributes.colour', message: 'Unrecognized key: "colour"' },
    ]);
    expect(problems({ colour: 'red', depth_cm: 'x' })?.map((p) => p.path)).toEqual([
      'body.attributes.colour',
      'body.attributes.damage',
      'body.attributes.depth_cm',
    ]);
    expect(problems(['manhole'])).toEqual([{ path: 'body.attributes', message: expect.any(String) }]);
  });

  it('uses the caller’s field prefix', () => {
    try {
      validateCaseAttributes(category, {}, 'body.cases.0.attributes');
      throw new Error('expected a refusal');
    } catch (err) {
      expect((err as AppError).details?.[0]?.path).toBe('body.cases.0.attributes.damage');
      expect((err as AppError).params.fields).toBe('body.cases.0.attributes.damage');
    }
  });
});
