import type { i18n } from 'i18next';
import { lazy, Suspense } from 'react';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import type { Api } from './api/index.ts';
import { StartPage } from './pages/start/StartPage.tsx';

// The workbench (antd and its pages) loads only when someone opens /admin.
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
          <Route path="*" element={<StartPage api={api} />} />
        </Routes>
      </BrowserRouter>
    </I18nextProvider>
  );
}
