import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { withQuery } from '../../api/workbench.ts';
import { fakeServer } from '../../test/fake-server.ts';
import { AuditPage, auditQuery } from './AuditPage.tsx';
import { location, renderAdmin } from './testing.tsx';

const entry = {
  seq: 42,
  at: '2026-06-10T02:00:00.000Z',
  actorType: 'staff',
  actorId: 1,
  actorLabel: '系统管理员',
  action: 'user.role_add',
  recordType: 'user',
  recordId: '5',
  before: null,
  after: { bindingId: 11, role: 'dispatcher', unitId: 31 },
  ip: '10.0.0.8',
  requestId: 'req-9',
  hash: 'ab'.repeat(32),
};

describe('the audit log', () => {
  it('reads whole local days: "to" includes its own day', () => {
    const q = auditQuery({ from: '2026-06-01', to: '2026-06-30', actor: '7', actorType: 'robot' });
    expect(Date.parse(q.to as string) - Date.parse(q.from as string)).toBe(30 * 86_400_000);
    expect(q.from).toBe(dayjs('2026-06-01').toISOString());
    expect(q.actorId).toBe(7);
    expect(q.actorType).toBeUndefined();
    expect(auditQuery({ from: 'yesterday', actor: 'x' })).toMatchObject({
      from: undefined,
      actorId: undefined,
    });
  });

  it('asks the server for the filters in the URL, and shows each change with its before and after', async () => {
    const query = withQuery('/api/audit/', {
      ...auditQuery({ action: 'user.', from: '2026-06-01', to: '2026-06-30' }),
      limit: 50,
    });
    const { calls } = fakeServer({
      [`GET ${query}`]: () => ({ status: 200, body: { items: [entry], nextBefore: null } }),
    });
    renderAdmin(<AuditPage />, { path: '/admin/audit?action=user.&from=2026-06-01&to=2026-06-30' });

    expect(await screen.findByText('添加角色')).toBeTruthy();
    expect(calls.map((c) => c.path)).toEqual([query]);
    expect(screen.getByText('账号 #5')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /展开行|expand/i }));
    expect(await screen.findByText(/"role": "dispatcher"/)).toBeTruthy();

    // Clicking the actor narrows the list to what they did, in the URL.
    fireEvent.click(screen.getByRole('button', { name: '系统管理员' }));
    await waitFor(() => expect(location.current).toContain('actor=1'));
    expect(location.current).toContain('action=user.');
  }, 20_000);

  it('says plainly whether the hash chain is intact', async () => {
    let verification = { ok: true, checked: 1234, problems: [] as { seq: number; problem: string }[] };
    fakeServer({
      'GET /api/audit/?limit=50': () => ({ status: 200, body: { items: [entry], nextBefore: null } }),
      'GET /api/audit/verify': () => ({ status: 200, body: verification }),
    });
    renderAdmin(<AuditPage />, { path: '/admin/audit' });
    fireEvent.click(await screen.findByRole('button', { name: /校验日志完整性/ }));
    expect(await screen.findByText('日志完整：已校验全部 1234 条记录，未发现删改')).toBeTruthy();

    verification = {
      ok: false,
      checked: 1234,
      problems: [
        { seq: 17, problem: 'edited' },
        { seq: 18, problem: 'missing' },
      ],
    };
    fireEvent.click(screen.getByRole('button', { name: /校验日志完整性/ }));
    const status = await screen.findByText(/发现 2 处问题/);
    const alert = status.closest('[role="alert"]') ?? (status.parentElement as HTMLElement);
    expect(within(alert as HTMLElement).getByText('第 17 条：内容与哈希值不符（记录被修改）')).toBeTruthy();
    expect(within(alert as HTMLElement).getByText('第 18 条：记录缺失（被删除）')).toBeTruthy();
  }, 20_000);
});
