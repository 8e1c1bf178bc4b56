import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../../test/fake-server.ts';
import { ApiKeysPage } from './ApiKeysPage.tsx';
import { renderAdmin, TREE } from './testing.tsx';

const SECRET = 'shq_ab12cd_Zx9yW8vU7tS6rQ5pO4nM3lK2jI1h';
const key = {
  id: 7,
  name: '市民通 App',
  prefix: 'shq_ab12cd',
  unit: { id: 1, code: 'HS', nameZh: '海曙区', nameEn: 'Haishu District' },
  rateLimitPerMinute: 60,
  createdAt: '2026-11-29T04:00:00.000Z',
  lastUsedAt: null as string | null,
  revokedAt: null as string | null,
};

describe('API keys', () => {
  it('shows a new key’s secret once, with a copy button, and never again after closing', async () => {
    let keys: (typeof key)[] = [];
    const { calls } = fakeServer({
      'GET /api/api-keys': () => ({ status: 200, body: { items: keys } }),
      'GET /api/org/tree?includeInactive=true': () => ({ status: 200, body: TREE }),
      'POST /api/api-keys': () => {
        keys = [key];
        return { status: 201, body: { apiKey: key, key: SECRET } };
      },
    });
    renderAdmin(<ApiKeysPage />, { path: '/admin/api-keys' });
    expect(await screen.findByText('还没有接口密钥')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /新建密钥/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('应用名称'), { target: { value: '市民通 App' } });
    const unit = within(dialog).getByRole('combobox', { name: '归属单位' });
    fireEvent.mouseDown(unit);
    fireEvent.click(unit);
    fireEvent.click((await screen.findAllByTitle('海曙区')).at(-1) as HTMLElement);
    fireEvent.click(within(dialog).getByRole('button', { name: /生成密钥/ }));

    expect(await within(dialog).findByText(SECRET)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: '市民通 App',
      unitId: 1,
      rateLimitPerMinute: 60,
    });
    expect(within(dialog).getByText('请立即复制并妥善保存此密钥')).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: /复制/ })).toBeTruthy();
    // It cannot be dismissed by accident: no close button, and "done" waits for the confirmation.
    expect(within(dialog).queryByRole('button', { name: /close|关闭/i })).toBeNull();
    const done = within(dialog).getByRole('button', { name: /完\s*成/ }) as HTMLButtonElement;
    expect(done.disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: '我已复制并妥善保存此密钥' }));
    expect(done.disabled).toBe(false);
    fireEvent.click(done);

    await waitFor(() => expect(screen.queryByText(SECRET)).toBeNull());
    expect(await screen.findByText('市民通 App')).toBeTruthy();
    expect(screen.getByText('shq_ab12cd…')).toBeTruthy();
    expect(document.body.innerHTML).not.toContain(SECRET);

    // Opening the dialog again starts a new key; the old secret is gone for good.
    fireEvent.click(screen.getByRole('button', { name: /新建密钥/ }));
    const again = await screen.findByRole('dialog');
    expect((within(again).getByLabelText('应用名称') as HTMLInputElement).value).toBe('');
    expect(document.body.innerHTML).not.toContain(SECRET);
  }, 20_000);

  it('revokes a key after confirming', async () => {
    let current = key;
    const { calls } = fakeServer({
      'GET /api/api-keys': () => ({ status: 200, body: { items: [current] } }),
      'POST /api/api-keys/7/revoke': () => {
        current = { ...key, revokedAt: '2026-11-29T05:00:00.000Z' };
        return { status: 200, body: current };
      },
    });
    renderAdmin(<ApiKeysPage />, { path: '/admin/api-keys' });
    fireEvent.click(await screen.findByRole('button', { name: '吊销密钥：市民通 App' }));
    fireEvent.click(await screen.findByRole('button', { name: /^吊\s*销$/ }));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/api-keys/7/revoke')).toBe(true));
    // Revoked keys are hidden until asked for.
    await waitFor(() => expect(screen.queryByText('市民通 App')).toBeNull());
    fireEvent.click(screen.getByRole('checkbox', { name: /显示已吊销的密钥/ }));
    expect(await screen.findByText('已吊销')).toBeTruthy();
  }, 20_000);
});
