import type { i18n } from 'i18next';
import { lazy, Suspense } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import type { Api } from './api/index.ts';

// Each part of the site loads when it is opened: residents at / get the portal (small, no antd),
// staff at /admin the workbench (antd and its pages), and /about the platform's start page.
const Portal = lazy(async () => ({ default: (await import('./pages/portal/Portal.tsx')).Portal }));
const StartPage = lazy(async () => ({ default: (await import('./pages/start/StartPage.tsx')).StartPage }));
const Workbench = lazy(async () => ({
  default: (await import('./pages/workbench/Workbench.tsx')).Workbench,
}));

/** The whole web app; its collaborators come in as props, so tests can hand in their own. */
export function App({ api, i18n }: { api: Api; i18n: i18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <BrowserRouter>
        <Routes>
          <Route
            path="/admin/*"
            element={
              <Suspense fallback={null}>
                <Workbench />
              </Suspense>
            }
          />
          <Route
            path="/about"
            element={
              <Suspense fallback={<Opening />}>
                <StartPage api={api} />
              </Suspense>
            }
          />
          <Route
            path="*"
            element={
              <Suspense fallback={<Opening />}>
                <Portal />
              </Suspense>
            }
          />
        </Routes>
      </BrowserRouter>
    </I18nextProvider>
  );
}

/** What a slow line shows while a part of the site loads: the name, so the page is not blank. */
function Opening() {
  const { t } = useTranslation();
  return (
    <p role="status" style={{ padding: '24px 16px', fontSize: 18, color: '#5b6168' }}>
      {t('app.title')}
    </p>
  );
}
