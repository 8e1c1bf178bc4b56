import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { caseItem, page, renderWorklist } from '../../components/worklist/testing.tsx';
import { fakeServer } from '../../test/fake-server.ts';
import { InboxPage } from './InboxPage.tsx';

const HANDLER = ['case.read', 'case.handle', 'case.note'];
const unit = (id: number, nameZh: string) => ({ id, code: `U${id}`, nameZh, nameEn: nameZh });
const countsOf = (units = [unit(39, '鼓楼街道综合执法组')]) => ({
  status: 200,
  body: { tabs: { to_sign: 2, in_progress: 5, due_soon: 1, overdue: 0 }, units },
});
/** Enter in a search box: down and up (the box ignores a second Enter until the key is released). */
function pressEnter(box: HTMLElement) {
  fireEvent.keyDown(box, { key: 'Enter', keyCode: 13 });
  fireEvent.keyUp(box, { key: 'Enter', keyCode: 13 });
}
const listPaths = (calls: { path: string }[]) =>
  calls.map((c) => c.path).filter((p) => p.startsWith('/api/cases?'));
const location = () => screen.getByTestId('location').textContent;

// antd tables are slow to render in happy-dom on a busy machine.
describe('unit inbox', { timeout: 20_000 }, () => {
  it('opens on the cases to sign, nearest deadline first, with the time left in working hours', async () => {
    const { calls } = fakeServer({
      'GET /api/cases/counts?view=inbox': () => countsOf(),
      'GET /api/cases?view=inbox&tab=to_sign&sort=due&limit=50': () => ({
        status: 200,
        body: page([caseItem({ status: 'dispatched', urgent: true })]),
      }),
    });
    renderWorklist(<InboxPage />, { url: '/admin/inbox', actions: HANDLER });
    expect(await screen.findByText('小区门口垃圾桶满溢')).toBeTruthy();
    expect(screen.getByText('剩余 2.5 工作小时')).toBeTruthy();
    expect(screen.getByText('紧急')).toBeTruthy();
    const tab = screen.getByRole('tab', { name: /待签收/ });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    expect(within(tab).getByText('2')).toBeTruthy();
    expect(listPaths(calls)).toEqual(['/api/cases?view=inbox&tab=to_sign&sort=due&limit=50']);
  });

  it('switching tab asks the server for that tab and writes it to the URL', async () => {
    const { calls } = fakeServer({
      'GET /api/cases/counts?view=inbox': () => countsOf(),
      'GET /api/cases?view=inbox&tab=to_sign&sort=due&limit=50': () => ({ status: 200, body: page([]) }),
      'GET /api/cases?view=inbox&tab=overdue&sort=due&limit=50': () => ({
        status: 200,
        body: page([
          caseItem({ id: 7, title: '超期的工单', slaState: 'overdue', remainingWorkMinutes: -90 }),
        ]),
      }),
    });
    renderWorklist(<InboxPage />, { url: '/admin/inbox', actions: HANDLER });
    expect(await screen.findByText('没有待签收的工单，新派来的工单会出现在这里')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: /已超期/ }));
    expect(await screen.findByText('超期的工单')).toBeTruthy();
    expect(screen.getByText('超期 1.5 工作小时')).toBeTruthy();
    expect(location()).toBe('/admin/inbox?tab=overdue');
    expect(listPaths(calls).at(-1)).toBe('/api/cases?view=inbox&tab=overdue&sort=due&limit=50');
  });

  it('restores its tab, unit and filters from the URL', async () => {
    const { calls } = fakeServer({
      'GET /api/cases/counts?view=inbox&unitId=44': () =>
        countsOf([unit(39, '鼓楼街道综合执法组'), unit(44, '中山社区')]),
      'GET /api/cases?view=inbox&tab=in_progress&unitId=44&q=%E5%9E%83%E5%9C%BE&category=UM01&sort=newest&limit=50':
        () => ({ status: 200, body: page([caseItem()]) }),
    });
    renderWorklist(<InboxPage />, {
      url: '/admin/inbox?tab=in_progress&unitId=44&q=垃圾&category=UM01&sort=newest',
      actions: HANDLER,
    });
    expect(await screen.findByText('小区门口垃圾桶满溢')).toBeTruthy();
    expect(screen.getByRole('tab', { name: /办理中/ }).getAttribute('aria-selected')).toBe('true');
    expect((screen.getByLabelText('编号或关键词') as HTMLInputElement).value).toBe('垃圾');
    // The unit picker shows once the user handles for more than one unit.
    const picker = await screen.findByLabelText('单位');
    expect(picker.closest('.ant-select')?.textContent).toContain('中山社区');
    expect(listPaths(calls)).toHaveLength(1);
  });

  it('searches by keyword on Enter, starting again from the first page', async () => {
    const { calls } = fakeServer({
      'GET /api/cases/counts?view=inbox': () => countsOf(),
      'GET /api/cases?view=inbox&tab=to_sign&sort=due&limit=50': () => ({
        status: 200,
        body: page([caseItem()], 'next-page'),
      }),
      'GET /api/cases?view=inbox&tab=to_sign&sort=due&cursor=next-page&limit=50': () => ({
        status: 200,
        body: page([caseItem({ id: 2, title: '第二页的工单' })]),
      }),
      'GET /api/cases?view=inbox&tab=to_sign&q=HS2026&sort=due&limit=50': () => ({
        status: 200,
        body: page([caseItem({ id: 3, title: '按编号找到的工单' })]),
      }),
    });
    renderWorklist(<InboxPage />, { url: '/admin/inbox', actions: HANDLER });
    await screen.findByText('小区门口垃圾桶满溢');
    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    expect(await screen.findByText('第二页的工单')).toBeTruthy();
    const box = screen.getByLabelText('编号或关键词');
    fireEvent.change(box, { target: { value: ' HS2026 ' } });
    pressEnter(box);
    expect(await screen.findByText('按编号找到的工单')).toBeTruthy();
    expect(location()).toBe('/admin/inbox?q=HS2026');
    expect(screen.getByText('第 1 页')).toBeTruthy();
    expect(calls.some((c) => c.path.includes('q=HS2026&sort=due&cursor'))).toBe(false);
  });

  it('opens the case from a row by click or Enter', async () => {
    fakeServer({
      'GET /api/cases/counts?view=inbox': () => countsOf(),
      'GET /api/cases?view=inbox&tab=to_sign&sort=due&limit=50': () => ({
        status: 200,
        body: page([caseItem({ id: 42 })]),
      }),
    });
    renderWorklist(<InboxPage />, { url: '/admin/inbox', actions: HANDLER });
    const title = await screen.findByText('小区门口垃圾桶满溢');
    const row = title.closest('tr') as HTMLElement;
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(await screen.findByText('case page 42')).toBeTruthy();
  });

  it('says so when the list cannot be loaded, in the words the server used', async () => {
    fakeServer({
      'GET /api/cases/counts?view=inbox': () => countsOf(),
      'GET /api/cases?view=inbox&tab=to_sign&sort=due&limit=50': () => ({
        status: 403,
        body: { error: { code: 'access.denied', message: '无权执行此操作' } },
      }),
    });
    renderWorklist(<InboxPage />, { url: '/admin/inbox', actions: HANDLER });
    expect(await screen.findByText('无权执行此操作')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: /刷\s*新/ })).toBeTruthy());
  });

  it('exports the whole tab, page by page, to a spreadsheet named after it', async () => {
    const { calls } = fakeServer({
      'GET /api/cases/counts?view=inbox': () => countsOf(),
      'GET /api/cases?view=inbox&tab=to_sign&sort=due&limit=50': () => ({
        status: 200,
        body: page([caseItem()]),
      }),
      'GET /api/cases?view=inbox&tab=to_sign&sort=due&limit=200': () => ({
        status: 200,
        body: page([caseItem({ id: 1 }), caseItem({ id: 2 })], 'c1'),
      }),
      'GET /api/cases?view=inbox&tab=to_sign&sort=due&cursor=c1&limit=200': () => ({
        status: 200,
        body: page([caseItem({ id: 3 })]),
      }),
    });
    const created = vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:export');
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const downloads: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download);
    });
    renderWorklist(<InboxPage />, { url: '/admin/inbox', actions: HANDLER });
    await screen.findByText('小区门口垃圾桶满溢');
    fireEvent.click(screen.getByRole('button', { name: /导出 Excel/ }));
    expect(await screen.findByText('已导出 3 条')).toBeTruthy();
    expect(calls.map((c) => c.path).filter((p) => p.includes('limit=200'))).toEqual([
      '/api/cases?view=inbox&tab=to_sign&sort=due&limit=200',
      '/api/cases?view=inbox&tab=to_sign&sort=due&cursor=c1&limit=200',
    ]);
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatch(/^待办工单-待签收-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const [blob] = created.mock.calls[0] ?? [];
    expect((blob as Blob).size).toBeGreaterThan(1000);
    for (const spy of [click, created, revoked]) spy.mockRestore();
  });
});
