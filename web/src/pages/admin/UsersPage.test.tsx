import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Call, fakeServer } from '../../test/fake-server.ts';
import { ADMIN_ME, location, renderAdmin, TREE } from './testing.tsx';
import { UsersPage, userQuery } from './UsersPage.tsx';

const GL01 = { id: 44, code: 'GL01', nameZh: '中山社区', nameEn: 'Zhongshan Community' };
const GL = { id: 31, code: 'GL', nameZh: '鼓楼街道', nameEn: 'Gulou Subdistrict' };

function worker(roles: { id: number; role: string; unit: typeof GL01 }[], version = 3) {
  return {
    id: 5,
    kind: 'staff',
    username: 'gl01.worker',
    displayName: '中山社区工作者',
    phone: null,
    active: true,
    locked: false,
    lastLoginAt: null,
    roles,
    version,
  };
}

const twoRoles = worker([
  { id: 9, role: 'community_worker', unit: GL01 },
  { id: 10, role: 'volunteer', unit: GL01 },
]);

function server(extra: Record<string, (call: Call) => { status: number; body?: unknown }> = {}) {
  return fakeServer({
    'GET /api/users?limit=50': () => ({ status: 200, body: { items: [twoRoles], nextAfter: null } }),
    'GET /api/users/5': () => ({ status: 200, body: twoRoles }),
    'GET /api/org/tree?includeInactive=true': () => ({ status: 200, body: TREE }),
    ...extra,
  });
}

/** Opens an antd select (by its accessible name, inside `scope`) and picks the option with this text. */
async function choose(scope: HTMLElement, label: string | RegExp, option: string) {
  const box = within(scope).getByRole('combobox', { name: label });
  fireEvent.mouseDown(box);
  fireEvent.click(box);
  const found = await screen.findAllByTitle(option);
  fireEvent.click(found.at(-1) as HTMLElement);
}

describe('users and roles', () => {
  it('turns the URL filters into the server query', () => {
    expect(userQuery({ q: 'gl', role: 'handler', unit: '31', below: '1', status: 'locked' })).toEqual({
      q: 'gl',
      role: 'handler',
      unitId: 31,
      includeSubunits: 'true',
      active: undefined,
      locked: 'true',
    });
    expect(userQuery({ role: 'pirate', below: '1', status: 'inactive' })).toMatchObject({
      role: undefined,
      includeSubunits: undefined,
      active: 'false',
      locked: undefined,
    });
  });

  it('removes a role binding after confirming, and shows the account as the server returns it', async () => {
    const { calls } = server({
      'DELETE /api/users/5/roles/10': () => ({
        status: 200,
        body: worker([{ id: 9, role: 'community_worker', unit: GL01 }], 4),
      }),
    });
    renderAdmin(<UsersPage />, { path: '/admin/users?user=5' });

    const drawer = await screen.findByRole('dialog');
    fireEvent.click(await within(drawer).findByRole('button', { name: '移除角色：志愿者（中山社区）' }));
    expect(await screen.findByText('移除“中山社区”的“志愿者”角色？')).toBeTruthy();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: /^移\s*除$/ }));

    await waitFor(() => expect(within(drawer).queryByText('志愿者')).toBeNull());
    const removal = calls.filter((c) => c.method === 'DELETE');
    expect(removal.map((c) => c.path)).toEqual(['/api/users/5/roles/10']);
    expect(removal[0]?.headers.get('X-CSRF-Token')).toBe('csrf');
    expect(within(drawer).getByText('社区工作者')).toBeTruthy();
  }, 20_000);

  it('warns before removing the last role', async () => {
    const single = worker([{ id: 9, role: 'community_worker', unit: GL01 }]);
    server({ 'GET /api/users/5': () => ({ status: 200, body: single }) });
    renderAdmin(<UsersPage />, { path: '/admin/users?user=5' });
    const drawer = await screen.findByRole('dialog');
    fireEvent.click(await within(drawer).findByRole('button', { name: '移除角色：社区工作者（中山社区）' }));
    expect(await screen.findByText('这是该账号唯一的角色，移除后账号将无法使用任何功能。')).toBeTruthy();
  });

  it('binds a role at a unit picked from the tree', async () => {
    const { calls } = server({
      'POST /api/users/5/roles': () => ({
        status: 200,
        body: worker([...twoRoles.roles, { id: 11, role: 'dispatcher', unit: GL }], 4),
      }),
    });
    renderAdmin(<UsersPage />, { path: '/admin/users?user=5' });
    const drawer = await screen.findByRole('dialog');
    await within(drawer).findByText('社区工作者');

    // Nothing chosen yet: the form says what is missing and sends nothing.
    fireEvent.click(within(drawer).getByRole('button', { name: /添加角色/ }));
    expect(await within(drawer).findByText('选择角色')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await choose(drawer, '角色', '派单员');
    expect(
      await within(drawer).findByText('“派单员”在所选单位所属的街道（或全区）范围内生效。'),
    ).toBeTruthy();
    await choose(drawer, '单位', '鼓楼街道');
    fireEvent.click(within(drawer).getByRole('button', { name: /添加角色/ }));

    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/users/5/roles');
    expect(post?.body).toEqual({ role: 'dispatcher', unitId: 31 });
    expect(await within(drawer).findByText('派单员')).toBeTruthy();
  }, 20_000);

  it('keeps the open account in the URL and closes it from there', async () => {
    server();
    renderAdmin(<UsersPage />, { path: '/admin/users?role=community_worker&user=5' });
    await screen.findByRole('dialog');
    fireEvent.click(screen.getByRole('button', { name: /close|关闭/i }));
    await waitFor(() => expect(location.current).toBe('/admin/users?role=community_worker'));
  });

  it('is read-only without user.manage', async () => {
    server();
    renderAdmin(<UsersPage />, {
      path: '/admin/users?user=5',
      me: { ...ADMIN_ME, actions: ['user.read', 'org.read'] },
    });
    const drawer = await screen.findByRole('dialog');
    await within(drawer).findByText('志愿者');
    expect(within(drawer).queryByRole('button', { name: /移除角色/ })).toBeNull();
    expect(within(drawer).queryByRole('button', { name: /重置密码/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /新建账号/ })).toBeNull();
  });
});
