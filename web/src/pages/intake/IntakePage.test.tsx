import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { MeView } from '../../api/types.ts';
import { Client } from '../../api/workbench.ts';
import { type Session, TestSession } from '../../components/session.tsx';
import { createWorkbenchI18n } from '../../i18n/workbench/index.ts';
import { type Call, fakeServer } from '../../test/fake-server.ts';
import { IntakePage } from './IntakePage.tsx';
import type { Catalogue, Category, Communities, EarlierCase } from './intake-types.ts';

const agent: MeView = {
  user: {
    id: 4,
    kind: 'staff',
    username: 'agent',
    displayName: '81890 话务员',
    phone: null,
    active: true,
    locked: false,
    lastLoginAt: null,
    roles: [
      { id: 4, role: 'agent', unit: { id: 2, code: 'HS-HOTLINE', nameZh: '81890 热线', nameEn: 'Hotline' } },
    ],
    version: 1,
  },
  actions: ['case.register', 'case.answer', 'case.view_reporter', 'person.read', 'case.read', 'org.read'],
  csrfToken: 'csrf',
};

function category(code: string, nameZh: string, nameEn: string, pinyin: [string, string]): Category {
  return {
    code,
    groupCode: code.slice(0, 2),
    nameZh,
    nameEn,
    pinyin: { full: pinyin[0], initials: pinyin[1] },
    descriptionZh: null,
    descriptionEn: null,
    sensitive: false,
    resolveWorkdays: 5,
    urgentHours: 24,
    attributes: [],
    active: true,
    abilities: { manage: false },
  };
}

const damaged = {
  ...category('UM05', '道路井盖等市政设施损坏', 'Damaged roads and manholes', [
    'daolujinggaidengshizhengsheshisunhuai',
    'dljgdszsssh',
  ]),
  attributes: [
    {
      code: 'damage_type',
      datatype: 'singlevaluelist' as const,
      required: false,
      variable: true as const,
      order: 1,
      descriptionZh: '损坏类型',
      descriptionEn: 'Type of damage',
      values: [
        { key: 'manhole', nameZh: '井盖缺失或破损', nameEn: 'Manhole cover' },
        { key: 'pothole', nameZh: '路面坑洼塌陷', nameEn: 'Pothole' },
      ],
    },
  ],
};

const catalogue: Catalogue = {
  groups: [
    {
      code: 'UM',
      nameZh: '城市管理',
      nameEn: 'Urban management',
      sort: 1,
      active: true,
      pinyin: { full: 'chengshiguanli', initials: 'csgl' },
      categories: [
        category('UM01', '垃圾清运与环境卫生', 'Garbage collection', [
          'lajiqingyunyuhuanjingweisheng',
          'ljqyyhjws',
        ]),
        damaged,
      ],
    },
    {
      code: 'EN',
      nameZh: '生态环境',
      nameEn: 'Environment',
      sort: 2,
      active: true,
      pinyin: { full: 'shengtaihuanjing', initials: 'sthj' },
      categories: [
        category('EN02', '社会生活噪声', 'Neighbourhood noise', ['shehuishenghuozaosheng', 'shshzs']),
      ],
    },
  ],
};

const communities: Communities = {
  streets: [
    {
      id: 31,
      code: 'GL',
      nameZh: '鼓楼街道',
      nameEn: 'Gulou Subdistrict',
      pinyin: { full: 'guloujiedao', initials: 'gljd' },
      communities: [
        {
          id: 44,
          code: 'GL01',
          nameZh: '中山社区',
          nameEn: 'Zhongshan Community',
          pinyin: { full: 'zhongshanshequ', initials: 'zssq' },
        },
      ],
    },
  ],
};

const unit = (id: number, nameZh: string) => ({ id, code: `U${id}`, nameZh, nameEn: nameZh });

function earlier(id: number, status: EarlierCase['status'], categoryCode: string | null) {
  const cat = catalogue.groups.flatMap((g) => g.categories).find((c) => c.code === categoryCode);
  return {
    id,
    trackingNo: `HS20261120${String(id).padStart(6, '0')}`,
    status,
    channel: 'hotline',
    kind: 'complaint',
    category: cat ? { code: cat.code, nameZh: cat.nameZh, nameEn: cat.nameEn } : null,
    title: `第 ${id} 件`,
    urgent: false,
    sensitive: false,
    street: null,
    community: null,
    leadUnit: null,
    triageReason: null,
    registeredAt: '2026-11-20T02:00:00.000Z',
    signDueAt: null,
    resolveDueAt: null,
    slaState: 'none',
    supervised: false,
    version: 1,
  };
}

/** The detail the server answers a registration with, trimmed to what matters here. */
function registered(trackingNo: string) {
  return {
    ...earlier(900, 'dispatched', 'UM05'),
    trackingNo,
    leadUnit: unit(4, '区市政管理处'),
    signDueAt: '2026-11-29T06:30:00.000Z',
    resolveDueAt: '2026-12-04T09:30:00.000Z',
    description: '井盖没了',
    attributes: {},
    address: null,
    lat: null,
    lng: null,
    reporter: null,
    otherReporters: 0,
    dispatchedAt: '2026-11-29T04:30:00.000Z',
    signedAt: null,
    resolvedAt: null,
    outcome: null,
    resolution: null,
    callbackAt: null,
    solved: null,
    rating: null,
    closedAt: null,
    answeredAtIntake: false,
    returnCount: 0,
    reopenCount: 0,
    extendedDays: 0,
    escalationLevel: 0,
    mergedIntoId: null,
    repeatOfId: null,
    suspectedDuplicateOfId: null,
    assignments: [],
    extensions: [],
    callbacks: [],
    attachments: [],
    abilities: {},
    replayed: false,
  };
}

const basics = {
  'GET /api/categories': () => ({ status: 200, body: catalogue }),
  'GET /api/org/public/communities': () => ({ status: 200, body: communities }),
};

function renderPage() {
  const i18n = createWorkbenchI18n('zh-CN');
  const client = new Client(() => 'zh-CN');
  const actions = new Set(agent.actions);
  const session: Session = {
    client,
    me: agent,
    can: (a) => actions.has(a),
    hasRole: (...roles) => agent.user.roles.some((r) => roles.includes(r.role)),
    units: agent.user.roles.map((r) => r.unit),
    signOut: async () => {},
  };
  render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter initialEntries={['/admin/intake']}>
        <AntApp>
          <TestSession session={session}>
            <IntakePage />
          </TestSession>
        </AntApp>
      </MemoryRouter>
    </I18nextProvider>,
  );
}

const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

/** Types into the category picker and picks the option with this text. */
async function pickCategory(search: string, option: string) {
  const input = screen.getByRole('combobox', { name: '诉求分类' });
  fireEvent.mouseDown(input);
  type(input, search);
  const item = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find(
      (o) => o.textContent === option,
    );
    if (!found) throw new Error(`no option ${option}`);
    return found;
  });
  fireEvent.click(item);
}

/** The form field (label, control, its messages) whose label reads `label`. */
function fieldOf(label: string): HTMLElement {
  const item = screen.getByText(label, { selector: 'label' }).closest('.ant-form-item');
  if (!(item instanceof HTMLElement)) throw new Error(`no field ${label}`);
  return item;
}

// antd renders a lot for a full form: give a busy CI machine room.
describe('intake page', { timeout: 20_000 }, () => {
  it("shows the caller's earlier cases once the number is whole and flags an open one of the same category", async () => {
    const server = fakeServer({
      ...basics,
      'GET /api/cases?reporterPhone=13800001111&limit=10': () => ({
        status: 200,
        body: { items: [earlier(7, 'accepted', 'EN02'), earlier(3, 'closed', 'UM05')], nextCursor: null },
      }),
      'GET /api/persons?phone=13800001111&limit=1': () => ({
        status: 200,
        body: { items: [{ id: 9, name: '应桂英' }], nextAfter: null },
      }),
    });
    renderPage();
    const phone = screen.getByRole('textbox', { name: '联系电话' });
    await waitFor(() => expect(document.activeElement).toBe(phone));

    type(phone, '1380000111');
    await screen.findByText('输入完整手机号码后显示该号码的历史工单');
    expect(server.calls.some((c) => c.path.startsWith('/api/cases'))).toBe(false);

    type(phone, '13800001111');
    const list = await screen.findByRole('list', { name: '历史工单' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(
      within(items[0] as HTMLElement)
        .getByRole('link', { name: 'HS20261120000007' })
        .getAttribute('href'),
    ).toBe('/admin/cases/7');
    expect(within(items[0] as HTMLElement).getByText('已签收')).toBeTruthy();
    expect(within(items[0] as HTMLElement).getByText(/社会生活噪声/)).toBeTruthy();
    expect(within(items[1] as HTMLElement).getByText('已归档')).toBeTruthy();
    expect(screen.getByText('档案登记姓名：应桂英，按 ↓ 键可选填')).toBeTruthy();
    expect(screen.queryByText('疑似重复')).toBeNull();

    // The same category as the open case: it stands out as a likely repeat call.
    await pickCategory('shsh', '生态环境 › 社会生活噪声');
    expect(await screen.findByText('疑似重复')).toBeTruthy();
    expect(screen.getByText(/该来电人有同类未办结工单 HS20261120000007（已签收）/)).toBeTruthy();
    expect(items[0]?.className).toContain('is-repeat');

    // Esc in the number clears it, and the history with it.
    fireEvent.keyDown(phone, { key: 'Escape' });
    await screen.findByText('输入完整手机号码后显示该号码的历史工单');
    expect((phone as HTMLInputElement).value).toBe('');
  });

  it('finds categories by the initials of their pinyin, group › category, best match first', async () => {
    fakeServer(basics);
    renderPage();
    const input = await screen.findByRole('combobox', { name: '诉求分类' });
    fireEvent.mouseDown(input);
    type(input, 'zs');
    await waitFor(() => {
      const shown = [...document.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent);
      // 噪声 (shshzs) and 市政设施 (dljgdszsssh) both hold zs; the shorter name first.
      expect(shown).toEqual(['生态环境 › 社会生活噪声', '城市管理 › 道路井盖等市政设施损坏']);
    });
    type(input, 'ljqy');
    await waitFor(() => {
      const shown = [...document.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent);
      expect(shown).toEqual(['城市管理 › 垃圾清运与环境卫生']);
    });
    fireEvent.click(document.querySelector('.ant-select-item-option') as HTMLElement);
    expect(await screen.findByText('办理时限 5 个工作日，紧急件 24 小时')).toBeTruthy();
    // The picked category shows with its group in the picker itself, not only in its list.
    const shown = screen.getAllByText('城市管理 › 垃圾清运与环境卫生');
    expect(shown.some((e) => !e.closest('.ant-select-item-option'))).toBe(true);
  });

  it("puts the server's field errors under their fields, others in an alert, and keeps what was typed", async () => {
    const server = fakeServer({
      ...basics,
      'POST /api/cases': () => ({
        status: 400,
        body: {
          error: {
            code: 'request.invalid',
            message: '请求参数有误：body.attributes.damage_type, body.location.lng',
            details: [
              {
                path: 'body.attributes.damage_type',
                code: 'invalid_value',
                message: '损坏类型不在可选范围内',
              },
              { path: 'body.location.lng', code: 'custom', message: '经纬度须同时填写' },
            ],
          },
        },
      }),
    });
    renderPage();
    await pickCategory('dljg', '城市管理 › 道路井盖等市政设施损坏');
    await screen.findByText('损坏类型', { selector: 'label' });
    type(screen.getByRole('textbox', { name: '诉求描述' }), '中山路口井盖没了');
    fireEvent.click(screen.getByRole('button', { name: '登 记' }));

    await waitFor(() => expect(within(fieldOf('损坏类型')).getByText('损坏类型不在可选范围内')).toBeTruthy());
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('登记未成功，已填写的内容都还在')).toBeTruthy();
    expect(within(alert).getByText('经纬度须同时填写')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: '诉求描述' }) as HTMLTextAreaElement).value).toBe(
      '中山路口井盖没了',
    );
    const registrations = () => server.calls.filter((c) => c.method === 'POST' && c.path === '/api/cases');
    expect(registrations()).toHaveLength(1);

    // Choosing another value takes the server's complaint away.
    fireEvent.mouseDown(within(fieldOf('损坏类型')).getByRole('combobox'));
    fireEvent.click(await screen.findByText('路面坑洼塌陷', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(within(fieldOf('损坏类型')).queryByText('损坏类型不在可选范围内')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: '登 记' }));
    await waitFor(() => expect(registrations()).toHaveLength(2));
    expect(server.calls.at(-1)?.body).toMatchObject({
      categoryCode: 'UM05',
      attributes: { damage_type: 'pothole' },
    });
  });

  it('sends one idempotency key per form fill, retries with it, and reads back the tracking number', async () => {
    let attempts = 0;
    const server = fakeServer({
      ...basics,
      'POST /api/cases': (_call: Call) => {
        attempts += 1;
        return attempts === 1
          ? {
              status: 503,
              body: { error: { code: 'server.unavailable', message: '服务暂不可用，请稍后再试' } },
            }
          : { status: 201, body: registered('HS20261129000042') };
      },
    });
    renderPage();
    const phone = screen.getByRole('textbox', { name: '联系电话' });
    type(phone, '13800001111');
    type(screen.getByRole('textbox', { name: '诉求描述' }), '中山路口井盖没了');
    const submit = screen.getByRole('button', { name: '登 记' });
    fireEvent.click(submit);
    expect(await screen.findByText('服务暂不可用，请稍后再试')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '登 记' }));
    expect((await screen.findByTestId('tracking-no')).textContent).toBe('HS20261129000042');
    expect(screen.getByText('已自动派至 区市政管理处')).toBeTruthy();

    const posts = server.calls.filter((c) => c.method === 'POST' && c.path === '/api/cases');
    expect(posts).toHaveLength(2);
    const key = posts[0]?.headers.get('Idempotency-Key');
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[1]?.headers.get('Idempotency-Key')).toBe(key);
    expect(posts[1]?.body).toEqual({
      kind: 'help',
      description: '中山路口井盖没了',
      urgent: false,
      channel: 'hotline',
      reporter: { anonymous: false, phone: '13800001111' },
    });

    // Next call: an empty form, the focus back on the number, a new key.
    const next = screen.getByRole('button', { name: '下一个来电' });
    await waitFor(() => expect(document.activeElement).toBe(next));
    fireEvent.click(next);
    const fresh = await screen.findByRole('textbox', { name: '联系电话' });
    await waitFor(() => expect(document.activeElement).toBe(fresh));
    expect((fresh as HTMLInputElement).value).toBe('');
    type(screen.getByRole('textbox', { name: '诉求描述' }), '另一件事');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '登 记' }));
    });
    await screen.findByTestId('tracking-no');
    const third = server.calls.filter((c) => c.method === 'POST').at(-1);
    expect(third?.headers.get('Idempotency-Key')).not.toBe(key);
  });
});
