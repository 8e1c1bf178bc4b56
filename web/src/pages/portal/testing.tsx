import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import type { MeView } from '../../api/types.ts';
import { Client } from '../../api/workbench.ts';
import { createI18n, type Language } from '../../i18n/index.ts';
import { withPortal } from '../../i18n/portal/index.ts';
import { errorAnswer } from '../../test/fake-server.ts';
import { Portal } from './Portal.tsx';

/** A resident signed in on the portal, as GET /api/auth/me answers. */
export const RESIDENT: MeView = {
  user: {
    id: 41,
    kind: 'resident',
    username: null,
    displayName: '居民 136****1234',
    phone: '13600001234',
    active: true,
    locked: false,
    lastLoginAt: '2026-11-29T06:30:00.000Z',
    roles: [],
    version: 1,
  },
  actions: [],
  csrfToken: 'csrf-resident',
};

export const signedOut = errorAnswer(401, 'auth.required', { 'zh-CN': '请先登录', en: 'Please sign in' });
export const signedIn = () => ({ status: 200, body: RESIDENT });
export const noMessages = () => ({ status: 200, body: { items: [], nextAfter: null, unreadCount: 0 } });

/** The whole portal at a path, in a language, talking to whatever fakeServer() answers. */
export function renderPortal(path: string, language: Language = 'zh-CN') {
  const i18n = withPortal(createI18n(language));
  const client = new Client(() => i18n.language);
  render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter initialEntries={[path]}>
        <Portal client={client} />
      </MemoryRouter>
    </I18nextProvider>,
  );
  return { i18n, client };
}
