import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import type { Api } from './api/index.ts';
import { StartPage } from './pages/start/StartPage.tsx';

/** The whole web app; its collaborators come in as props, so tests can hand in their own. */
export function App({ api, i18n }: { api: Api; i18n: i18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <StartPage api={api} />
    </I18nextProvider>
  );
}
