import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  buildRegisterBody,
  callerNumber,
  channelsFor,
  fieldOfError,
  isMobile,
  lacksAreaCode,
} from './intake-form.ts';
import type { Category } from './intake-types.ts';

const withFields: Category = {
  code: 'UM90',
  groupCode: 'UM',
  nameZh: '共享充电桩损坏',
  nameEn: 'Broken charging post',
  pinyin: { full: 'gongxiangchongdianzhuangsunhuai', initials: 'gxcdzsh' },
  descriptionZh: null,
  descriptionEn: null,
  sensitive: false,
  resolveWorkdays: 4,
  urgentHours: 8,
  active: true,
  abilities: { manage: false },
  attributes: ['post_id', 'count', 'seen_at', 'parts'].map((code, i) => ({
    code,
    datatype: (['string', 'number', 'datetime', 'multivaluelist'] as const)[i] ?? 'string',
    required: false,
    variable: true as const,
    order: i + 1,
    descriptionZh: code,
    descriptionEn: code,
  })),
};

describe('the intake request', () => {
  it("sends only what was filled in, and only the chosen category's fields", () => {
    const body = buildRegisterBody(
      {
        kind: 'complaint',
        description: '  充电桩坏了  ',
        title: '   ',
        reporter: { phone: ' 13800001111 ', name: '', anonymous: false },
        location: { address: '', communityId: 44 },
        attributes: {
          post_id: ' A-17 ',
          count: 2,
          seen_at: dayjs('2026-11-28T20:15:00+08:00'),
          parts: [],
          damage_type: 'pothole',
        },
        urgent: true,
        answerNow: false,
        answer: { text: 'not sent' },
      },
      withFields,
    );
    expect(body).toEqual({
      kind: 'complaint',
      description: '充电桩坏了',
      urgent: true,
      categoryCode: 'UM90',
      attributes: {
        post_id: 'A-17',
        count: 2,
        seen_at: expect.stringMatching(/^2026-11-28T\d\d:15:00[+-]\d\d:\d\d$/),
      },
      reporter: { anonymous: false, phone: '13800001111' },
      location: { communityId: 44 },
    });
    expect(new Date(body.attributes?.seen_at as string).toISOString()).toBe('2026-11-28T12:15:00.000Z');
    expect(
      buildRegisterBody({ description: '问政策', answerNow: true, answer: { text: ' 已答复 ' } }, undefined),
    ).toEqual({ kind: 'help', description: '问政策', urgent: false, answer: { text: '已答复' } });
  });

  it('finds the field a server error belongs to, or none', () => {
    const shown = [['reporter', 'phone'], ['attributes', 'parts'], ['description']];
    expect(fieldOfError('body.reporter.phone', shown)).toEqual(['reporter', 'phone']);
    expect(fieldOfError('body.attributes.parts.1', shown)).toEqual(['attributes', 'parts']);
    expect(fieldOfError('body.location.lng', shown)).toBeNull();
    expect(fieldOfError('body', shown)).toBeNull();
  });

  it("offers the channels the user's roles register through, the help line first", () => {
    expect(channelsFor(['agent'])).toEqual(['hotline', 'walk_in', 'letter_visit']);
    expect(channelsFor(['community_worker', 'mediator'])).toEqual(['walk_in']);
    expect(channelsFor(['handler'])).toEqual([]);
  });

  it('takes mobiles and fixed lines with their area code, as the server keeps them', () => {
    expect(isMobile('13800001111')).toBe(true);
    expect(isMobile('1380000111')).toBe(false);
    expect(callerNumber('138 0000 1111')).toBe('13800001111');
    expect(callerNumber('0574 87654321')).toBe('0574-87654321');
    expect(callerNumber('87654321')).toBeNull();
    expect(lacksAreaCode('87654321')).toBe(true);
    expect(lacksAreaCode('13800001111')).toBe(false);
  });
});
