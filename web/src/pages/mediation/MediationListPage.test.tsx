import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../../test/fake-server.ts';
import { MediationListPage } from './MediationListPage.tsx';
import { detail, ORG_TREE, posts, renderAt, summary, type } from './mediation-testing.tsx';

const LIST = {
  items: [summary(), summary({ id: 4, number: 'HSM2026000004', status: 'agreed', disputeType: 'labour' })],
  nextBefore: null,
};

describe('mediation list', { timeout: 20_000 }, () => {
  it('lists the cases the server returns, with the filters from the address bar sent along', async () => {
    const { calls } = fakeServer({
      'GET /api/org/tree': () => ({ status: 200, body: ORG_TREE }),
      'GET /api/mediation?status=applied&disputeType=neighbour&unitId=61': () => ({
        status: 200,
        body: LIST,
      }),
    });
    renderAt(<MediationListPage />, {
      url: '/admin/mediation?status=applied&disputeType=neighbour&unitId=61',
      route: '/admin/mediation',
    });
    expect(await screen.findByRole('link', { name: 'HSM2026000005' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'HSM2026000004' }).getAttribute('href')).toBe(
      '/admin/mediation/4',
    );
    expect(screen.getAllByText('王秀英 与 李建国').length).toBe(2);
    expect(screen.getByText('达成协议')).toBeTruthy();
    expect(screen.getAllByText('劳动争议').length).toBeGreaterThan(0);
    expect(calls.some((c) => c.path.startsWith('/api/mediation?status=applied'))).toBe(true);
    expect(screen.getByRole('button', { name: /登记调解/ })).toBeTruthy();
  });

  it('hides the registration button from those who may only read', async () => {
    fakeServer({
      'GET /api/org/tree': () => ({ status: 200, body: ORG_TREE }),
      'GET /api/mediation': () => ({ status: 200, body: { items: [], nextBefore: null } }),
    });
    renderAt(<MediationListPage />, {
      url: '/admin/mediation',
      route: '/admin/mediation',
      actions: ['mediation.read'],
    });
    expect(await screen.findByText('没有调解案件')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /登记调解/ })).toBeNull();
  });

  it('registers an oral walk-in application with its parties, and opens the new case', async () => {
    const { calls } = fakeServer({
      'GET /api/org/tree': () => ({ status: 200, body: ORG_TREE }),
      'GET /api/mediation': () => ({ status: 200, body: { items: [], nextBefore: null } }),
      'POST /api/mediation': () => ({ status: 201, body: detail({ id: 9, channel: 'walk_in' }) }),
    });
    renderAt(<MediationListPage />, { url: '/admin/mediation', route: '/admin/mediation' });
    fireEvent.click(await screen.findByRole('button', { name: /登记调解/ }));
    const dialog = await screen.findByRole('dialog');
    const names = within(dialog).getAllByLabelText('姓名');
    type(names[0] as HTMLElement, '张大');
    type(names[1] as HTMLElement, '张二');
    type(within(dialog).getAllByLabelText('电话')[0] as HTMLElement, '13805740011');
    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: '纠纷类型' }));
    fireEvent.click(await screen.findByText('婚姻家庭纠纷', { selector: '.ant-select-item-option-content' }));
    type(within(dialog).getByLabelText('纠纷事实'), '兄弟二人因父母房产分割发生争执');
    type(within(dialog).getByLabelText('申请事项'), '请求调解房产分割');
    fireEvent.click(within(dialog).getByLabelText('当事人口头申请'));
    const record = await within(dialog).findByLabelText('口头申请记录');
    // An oral application is not registered without its record.
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(record.closest('.ant-form-item')?.textContent).toContain('请填写此项'));
    expect(posts(calls, '/api/mediation')).toHaveLength(0);
    type(record, '张大口头申请：要求分割房产');
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/mediation')).toHaveLength(1));
    expect(posts(calls, '/api/mediation')[0]?.body).toEqual({
      leadUnitId: 61,
      channel: 'walk_in',
      disputeType: 'family',
      facts: '兄弟二人因父母房产分割发生争执',
      claims: '请求调解房产分割',
      oralApplication: true,
      oralRecord: '张大口头申请：要求分割房产',
      parties: [
        { role: 'applicant', person: { name: '张大', phone: '13805740011', idNumber: null, address: null } },
        { role: 'respondent', person: { name: '张二', phone: null, idNumber: null, address: null } },
      ],
    });
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/admin/mediation/9'));
  });

  it('names a party already in the Person register by id, not as a new person', async () => {
    const known = {
      id: 102,
      name: '李建国',
      phone: '13805740002',
      phoneMasked: false,
      idNumber: null,
      idNumberMasked: false,
      birthDate: null,
      sex: 'male',
      address: '公园路3号301室',
      unit: { id: 44, nameZh: '中山社区', nameEn: 'Zhongshan Community' },
      confidential: false,
    };
    const { calls } = fakeServer({
      'GET /api/org/tree': () => ({ status: 200, body: ORG_TREE }),
      'GET /api/mediation': () => ({ status: 200, body: { items: [], nextBefore: null } }),
      [`GET /api/persons?q=${encodeURIComponent('李建')}&limit=10`]: () => ({
        status: 200,
        body: { items: [known], nextAfter: null },
      }),
      'POST /api/mediation': () => ({ status: 201, body: detail({ id: 9 }) }),
    });
    renderAt(<MediationListPage />, { url: '/admin/mediation', route: '/admin/mediation' });
    fireEvent.click(await screen.findByRole('button', { name: /登记调解/ }));
    const dialog = await screen.findByRole('dialog');
    type(within(dialog).getAllByLabelText('姓名')[0] as HTMLElement, '王秀英');
    const finder = within(dialog).getAllByRole('combobox', { name: '人员库中查找' })[1] as HTMLElement;
    fireEvent.mouseDown(finder);
    type(finder, '李建');
    fireEvent.click(await screen.findByText('李建国 · 13805740002 · 公园路3号301室'));
    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: '纠纷类型' }));
    fireEvent.click(await screen.findByText('邻里纠纷', { selector: '.ant-select-item-option-content' }));
    type(within(dialog).getByLabelText('纠纷事实'), '楼上漏水');
    type(within(dialog).getByLabelText('申请事项'), '请求修复');
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(posts(calls, '/api/mediation')).toHaveLength(1));
    const body = posts(calls, '/api/mediation')[0]?.body as { parties: unknown[] };
    expect(body.parties[1]).toEqual({ role: 'respondent', personId: 102, sex: 'male' });
  });

  it("shows the mediators with their profiles and lets a unit head set one's employment and specialties", async () => {
    const mediator = {
      userId: 20,
      name: '中山和好屋调解员',
      unit: { id: 61, nameZh: '中山社区和好屋', nameEn: 'Zhongshan Reconciliation Room' },
      employment: null,
      specialties: [],
      active: true,
      version: null,
      canEdit: true,
    };
    const { calls } = fakeServer({
      'GET /api/org/tree': () => ({ status: 200, body: ORG_TREE }),
      'GET /api/mediation': () => ({ status: 200, body: { items: [], nextBefore: null } }),
      'GET /api/mediation/mediators': () => ({ status: 200, body: { items: [mediator] } }),
      'PUT /api/mediation/mediators/20': () => ({
        status: 200,
        body: { ...mediator, employment: 'full_time', version: 1 },
      }),
    });
    renderAt(<MediationListPage />, {
      url: '/admin/mediation',
      route: '/admin/mediation',
      actions: ['mediation.read', 'mediation.manage_mediators'],
    });
    fireEvent.click(await screen.findByRole('button', { name: /调解员/ }));
    expect(await screen.findByText('中山和好屋调解员')).toBeTruthy();
    expect(screen.getByText('未填写')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '编辑 中山和好屋调解员 的调解员信息' }));
    const dialog = (await screen.findByRole('form', { name: '编辑 中山和好屋调解员 的调解员信息' })).closest(
      '.ant-modal',
    ) as HTMLElement;
    fireEvent.click(within(dialog).getByRole('radio', { name: '专职' }));
    fireEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      employment: 'full_time',
      specialties: [],
      active: true,
    });
    expect(await screen.findByText('已保存调解员信息')).toBeTruthy();
  });

  it('speaks English', async () => {
    fakeServer({
      'GET /api/org/tree': () => ({ status: 200, body: ORG_TREE }),
      'GET /api/mediation': () => ({ status: 200, body: LIST }),
    });
    renderAt(<MediationListPage />, { url: '/admin/mediation', route: '/admin/mediation', language: 'en' });
    expect(await screen.findByRole('heading', { name: 'Mediation cases' })).toBeTruthy();
    expect(await screen.findByText('Agreement reached')).toBeTruthy();
    expect(screen.getAllByText('王秀英 v. 李建国').length).toBe(2);
    expect(screen.getByRole('button', { name: /Register mediation/ })).toBeTruthy();
  });
});
