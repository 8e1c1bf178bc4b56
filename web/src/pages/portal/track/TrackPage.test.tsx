import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { errorAnswer, fakeServer } from '../../../test/fake-server.ts';
import { publicCase } from '../fixtures.ts';
import { renderPortal, signedOut } from '../testing.tsx';
import { cleanTrackingNo } from './TrackPage.tsx';

describe('tracking by number, signed out', () => {
  it('takes the number as people type it', () => {
    expect(cleanTrackingNo(' hs 2026 1129 000123 ')).toBe('HS20261129000123');
    expect(cleanTrackingNo('HS-2026')).toBeNull();
  });

  it('shows the status, the handling unit and the steps, newest first', async () => {
    fakeServer({
      'GET /api/auth/me': signedOut,
      'GET /api/public/cases/HS20261129000123': () => ({ status: 200, body: publicCase() }),
    });
    renderPortal('/track');
    fireEvent.change(await screen.findByLabelText('受理编号'), { target: { value: 'hs20261129000123' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    expect(await screen.findByText('已办结，待评价')).toBeTruthy();
    expect(screen.getByText('鼓楼街道综合执法组')).toBeTruthy();
    const steps = [...document.querySelectorAll('.p-step-label')].map((e) => e.textContent);
    expect(steps).toEqual([
      '鼓楼街道综合执法组已办结',
      '鼓楼街道综合执法组已接单，正在办理',
      '转交鼓楼街道综合执法组办理',
      '已受理登记',
    ]);
    expect(screen.getByText('问题已解决')).toBeTruthy();
    expect(screen.getByText('如果是您反映的事，登录后可以查看详情并评价。')).toBeTruthy();
  });

  it('says when a number is unknown or malformed, without asking the server for a malformed one', async () => {
    const { calls } = fakeServer({
      'GET /api/auth/me': signedOut,
      'GET /api/public/cases/HS20000101000001': errorAnswer(404, 'record.not_found', {
        'zh-CN': '记录不存在',
        en: 'Record not found',
      }),
    });
    renderPortal('/track/HS20000101000001');
    expect(await screen.findByText('没有找到编号为 HS20000101000001 的诉求，请核对后再查询。')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('受理编号'), { target: { value: 'HS-2026*' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    expect(await screen.findByText('受理编号由字母和数字组成，请核对后再输入')).toBeTruthy();
    expect(calls.filter((c) => c.path.startsWith('/api/public/cases/'))).toHaveLength(1);
  });
});
