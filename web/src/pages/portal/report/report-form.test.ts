import { describe, expect, it } from 'vitest';
import {
  checkStep,
  EMPTY_DRAFT,
  firstUnfinishedStep,
  type ReportDraft,
  stepOfField,
  toRegisterBody,
} from './report-form.ts';

const GL = { id: 3, nameZh: '鼓楼街道', nameEn: 'Gulou' };
const GL01 = { id: 9, nameZh: '中山社区', nameEn: 'Zhongshan' };
const lamp = { code: 'UM06', nameZh: '路灯照明', nameEn: 'Street lighting' };

const draft = (over: Partial<ReportDraft> = {}): ReportDraft => ({
  ...EMPTY_DRAFT,
  description: '  路灯坏了一个星期  ',
  category: lamp,
  place: { kind: 'community', street: GL, community: GL01 },
  ...over,
});

describe('the report form', () => {
  it('asks for words first, then a kind (or "not sure"), then a place', () => {
    expect(checkStep('describe', draft({ description: '   ' }))).toEqual({ description: 'required' });
    expect(checkStep('describe', draft({ description: '字'.repeat(4001) }))).toEqual({
      description: 'tooLong',
    });
    expect(checkStep('category', draft({ category: null }))).toEqual({ category: 'required' });
    expect(checkStep('category', draft({ category: 'unsure' }))).toEqual({});
    expect(checkStep('place', draft({ place: null }))).toEqual({ place: 'required' });
    expect(firstUnfinishedStep(draft({ category: null, place: null }))).toBe('category');
    expect(firstUnfinishedStep(draft())).toBeNull();
  });

  it('sends a picked community, the kind, how to contact and anonymity, on the portal channel', () => {
    expect(toRegisterBody(draft({ detail: ' 3 号楼门口 ', contact: 'none', anonymous: true }))).toEqual({
      channel: 'portal',
      kind: 'help',
      description: '路灯坏了一个星期',
      categoryCode: 'UM06',
      location: { communityId: 9, address: '3 号楼门口' },
      contactPreference: 'none',
      reporter: { anonymous: true },
      urgent: false,
    });
  });

  it('sends the phone location as a point, and no category when the staff are to choose', () => {
    const body = toRegisterBody(
      draft({
        category: 'unsure',
        place: { kind: 'point', lat: 29.88, lng: 121.541, street: GL, community: null },
      }),
    );
    expect(body.location).toEqual({ lat: 29.88, lng: 121.541 });
    expect(body).not.toHaveProperty('categoryCode');
    expect(body.contactPreference).toBe('sms');
  });

  it("takes a server's field error back to the step that asks for that field", () => {
    expect(stepOfField('body.description')).toBe('describe');
    expect(stepOfField('body.categoryCode')).toBe('category');
    expect(stepOfField('body.location.communityId')).toBe('place');
    expect(stepOfField('body.reporter.anonymous')).toBe('confirm');
  });
});
