import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { caseItem, page, renderWorklist } from '../../components/worklist/testing.tsx';
import { fakeServer } from '../../test/fake-server.ts';
import { DispatchDeskPage } from './DispatchDeskPage.tsx';

const DISPATCHER = ['case.read', 'case.dispatch', 'case.decide_extension', 'case.merge', 'case.callback'];
const unit = {
  id: 39,
  code: 'GL-ENFORCEMENT',
  nameZh: '鼓楼街道综合执法组',
  nameEn: 'Gulou Enforcement Team',
};
const counts = () => ({
  status: 200,
  body: { tabs: { new: 4, returned: 1, extensions: 2 }, units: [] },
});
const fresh = caseItem({
  id: 11,
  status: 'received',
  title: '楼道里堆满杂物',
  triageReason: 'unknown_category',
  category: null,
  leadUnit: null,
});
const returned = caseItem({
  id: 12,
  status: 'received',
  title: '一楼住户侵占绿化带',
  triageReason: 'returned',
  returnCount: 1,
  lastReturn: { unit, at: '2026-11-28T03:00:00.000Z', reason: '属物业管理范围，建议派至社区居委会协调' },
});
const extended = caseItem({
  id: 13,
  title: '楼下餐馆油烟直排',
  pendingExtension: {
    id: 5,
    unit,
    days: 3,
    reason: '需联合市场监管部门现场检测',
    requestedAt: '2026-11-28T05:00:00.000Z',
  },
});
/** Enter in a search box: down and up (the box ignores a second Enter until the key is released). */
function pressEnter(box: HTMLElement) {
  fireEvent.keyDown(box, { key: 'Enter', keyCode: 13 });
  fireEvent.keyUp(box, { key: 'Enter', keyCode: 13 });
}
const listPaths = (calls: { path: string }[]) =>
  calls.map((c) => c.path).filter((p) => p.startsWith('/api/cases?'));

// antd tables are slow to render in happy-dom on a busy machine.
describe('dispatch desk', { timeout: 20_000 }, () => {
  it('shows each tab from its own server view: why a case waits, the unit’s return, the extension asked', async () => {
    const { calls } = fakeServer({
      'GET /api/cases/counts?view=triage': counts,
      'GET /api/cases?view=triage&tab=new&sort=oldest&limit=50': () => ({ status: 200, body: page([fresh]) }),
      'GET /api/cases?view=triage&tab=returned&sort=oldest&limit=50': () => ({
        status: 200,
        body: page([returned]),
      }),
      'GET /api/cases?view=extensions&sort=due&limit=50': () => ({ status: 200, body: page([extended]) }),
    });
    renderWorklist(<DispatchDeskPage />, { url: '/admin/triage', actions: DISPATCHER });
    expect(await screen.findByText('楼道里堆满杂物')).toBeTruthy();
    expect(screen.getByText('分类待定')).toBeTruthy();
    expect(screen.getAllByText('未分类').length).toBeGreaterThan(0);

    fireEvent.click(screen.getByRole('tab', { name: /退回待审/ }));
    expect(await screen.findByText('一楼住户侵占绿化带')).toBeTruthy();
    expect(screen.getByText('属物业管理范围，建议派至社区居委会协调')).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/admin/triage?tab=returned');

    fireEvent.click(screen.getByRole('tab', { name: /延期审批/ }));
    expect(await screen.findByText('鼓楼街道综合执法组申请延期 3 个工作日')).toBeTruthy();
    expect(screen.getByText('需联合市场监管部门现场检测')).toBeTruthy();

    expect(listPaths(calls)).toEqual([
      '/api/cases?view=triage&tab=new&sort=oldest&limit=50',
      '/api/cases?view=triage&tab=returned&sort=oldest&limit=50',
      '/api/cases?view=extensions&sort=due&limit=50',
    ]);
  });

  it('offers only the tabs the user may work: extension decisions alone open on that tab', async () => {
    const { calls } = fakeServer({
      'GET /api/cases/counts?view=triage': () => ({
        status: 403,
        body: { error: { code: 'access.denied', message: '无权执行此操作' } },
      }),
      'GET /api/cases?view=extensions&sort=due&limit=50': () => ({ status: 200, body: page([]) }),
    });
    renderWorklist(<DispatchDeskPage />, {
      url: '/admin/triage?tab=new',
      actions: ['case.decide_extension'],
    });
    expect(await screen.findByText('没有待审批的延期申请')).toBeTruthy();
    expect(screen.queryByRole('tab', { name: /待派单/ })).toBeNull();
    expect(listPaths(calls)).toEqual(['/api/cases?view=extensions&sort=due&limit=50']);
  });

  it('jumps straight to the case a tracking number names', async () => {
    fakeServer({
      'GET /api/cases/counts?view=triage': counts,
      'GET /api/cases?view=triage&tab=new&sort=oldest&limit=50': () => ({ status: 200, body: page([]) }),
      'GET /api/cases?q=HS20261129000012&limit=2': () => ({ status: 200, body: page([returned]) }),
    });
    renderWorklist(<DispatchDeskPage />, { url: '/admin/triage', actions: DISPATCHER });
    const box = await screen.findByLabelText('查找工单');
    fireEvent.change(box, { target: { value: 'HS20261129000012' } });
    pressEnter(box);
    expect(await screen.findByText('case page 12')).toBeTruthy();
  });

  it('sends words matching several cases to the case search, and says when nothing matches', async () => {
    fakeServer({
      'GET /api/cases/counts?view=triage': counts,
      'GET /api/cases?view=triage&tab=new&sort=oldest&limit=50': () => ({ status: 200, body: page([]) }),
      'GET /api/cases?q=%E5%9E%83%E5%9C%BE&limit=2': () => ({
        status: 200,
        body: page([fresh, returned], 'x'),
      }),
      'GET /api/cases?q=%E6%B2%A1%E6%9C%89&limit=2': () => ({ status: 200, body: page([]) }),
    });
    renderWorklist(<DispatchDeskPage />, { url: '/admin/triage', actions: DISPATCHER });
    const box = await screen.findByLabelText('查找工单');
    fireEvent.change(box, { target: { value: '没有' } });
    pressEnter(box);
    expect(await screen.findByText('没有找到与“没有”相符的工单')).toBeTruthy();
    fireEvent.change(box, { target: { value: '垃圾' } });
    pressEnter(box);
    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe('/admin/cases?q=%E5%9E%83%E5%9C%BE'),
    );
  });
});
