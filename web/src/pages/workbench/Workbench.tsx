import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Client } from '../../api/workbench.ts';
import { SessionProvider } from '../../components/session.tsx';
import { withWorkbench } from '../../i18n/workbench/index.ts';
import { AppLayout } from './AppLayout.tsx';
import { LoginPage } from './LoginPage.tsx';
import './workbench.css';

/**
 * The staff workbench under /admin: antd in the UI's language (its own texts, dates and pickers
 * too), sign-in when nobody is signed in, then the layout with the pages this user may open.
 */
export function Workbench({ client: given }: { client?: Client }) {
  const { i18n: instance } = useTranslation();
  withWorkbench(instance);
  const { t, i18n } = useTranslation('common');
  const client = useMemo(() => given ?? new Client(() => i18n.language), [given, i18n]);
  const chinese = i18n.language.startsWith('zh');
  useEffect(() => {
    dayjs.locale(chinese ? 'zh-cn' : 'en');
  }, [chinese]);
  return (
    <ConfigProvider locale={chinese ? zhCN : enUS} theme={{ token: { colorPrimary: '#1f6f5c' } }}>
      <AntApp>
        <SessionProvider
          client={client}
          signedOut={(onSignedIn) => <LoginPage client={client} onSignedIn={onSignedIn} />}
          failed={(error, retry) => (
            <Result
              status="error"
              title={t('error.network')}
              subTitle={error.message}
              extra={<Button onClick={retry}>{t('button.refresh')}</Button>}
            />
          )}
        >
          <AppLayout />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
