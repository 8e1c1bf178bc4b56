import { lazy, Suspense, useContext, useEffect, useMemo, useState } from 'react';
import { I18nContext, useTranslation } from 'react-i18next';
import { Link, NavLink, Route, Routes } from 'react-router';
import { Client } from '../../api/workbench.ts';
import { currentLanguage, switchLanguage } from '../../i18n/index.ts';
import { withPortal } from '../../i18n/portal/index.ts';
import { HomePage } from './HomePage.tsx';
import { BellIcon, HomeIcon, SearchIcon, UserIcon, WriteIcon } from './icons.tsx';
import { PortalSessionProvider, usePortal } from './session.tsx';
import { Loading } from './ui.tsx';
import './portal.css';

// The home page comes with the shell (it is what the first visit shows); the other pages load when opened.
const SignInPage = lazy(async () => ({ default: (await import('./SignInPage.tsx')).SignInPage }));
const ReportPage = lazy(async () => ({ default: (await import('./report/ReportPage.tsx')).ReportPage }));
const TrackPage = lazy(async () => ({ default: (await import('./track/TrackPage.tsx')).TrackPage }));
const MyCasesPage = lazy(async () => ({ default: (await import('./mine/MyCasesPage.tsx')).MyCasesPage }));
const MyCasePage = lazy(async () => ({ default: (await import('./mine/MyCasePage.tsx')).MyCasePage }));
const MessagesPage = lazy(async () => ({ default: (await import('./mine/MessagesPage.tsx')).MessagesPage }));
const MediationPage = lazy(async () => ({
  default: (await import('./mediation/MediationPage.tsx')).MediationPage,
}));

const LARGE_TEXT_KEY = 'shequ.portal.largeText';

function storedLargeText(): boolean {
  try {
    return localStorage.getItem(LARGE_TEXT_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Large type for older residents: the portal sizes everything in rem, so one class on <html> scales
 * the whole page (18 px normally, 22 px large). The classes go when the portal does.
 */
function useLargeText(): [boolean, (on: boolean) => void] {
  const [large, setLarge] = useState(storedLargeText);
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('portal-root');
    root.classList.toggle('portal-large', large);
    return () => root.classList.remove('portal-root', 'portal-large');
  }, [large]);
  const change = (on: boolean) => {
    setLarge(on);
    try {
      localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
    } catch {
      // storage can be off (private mode): the choice then lasts for this visit
    }
  };
  return [large, change];
}

/**
 * The resident portal at /: phone sign-in, reporting a problem, tracking by number, one's own
 * requests and messages. Small on purpose (no antd, no charts), so it opens fast on a weak line.
 */
export function Portal({ client: given }: { client?: Client }) {
  const { i18n: instance } = useTranslation();
  withPortal(instance);
  const { t, i18n } = useTranslation('portal');
  const client = useMemo(() => given ?? new Client(() => i18n.language), [given, i18n]);
  const [large, setLarge] = useLargeText();

  return (
    <PortalSessionProvider client={client}>
      <div className="portal">
        <a className="p-skip" href="#portal-main">
          {t('skipToContent')}
        </a>
        <Header large={large} onLarge={setLarge} />
        <main id="portal-main" className="p-main" tabIndex={-1}>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route index element={<HomePage />} />
              <Route path="sign-in" element={<SignInPage />} />
              <Route path="report" element={<ReportPage />} />
              <Route path="track" element={<TrackPage />} />
              <Route path="track/:trackingNo" element={<TrackPage />} />
              <Route path="mine" element={<MyCasesPage />} />
              <Route path="mine/:trackingNo" element={<MyCasePage />} />
              <Route path="messages" element={<MessagesPage />} />
              <Route path="mediation" element={<MediationPage />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </main>
        <BottomNav />
      </div>
    </PortalSessionProvider>
  );
}

function Header({ large, onLarge }: { large: boolean; onLarge: (on: boolean) => void }) {
  const { t, i18n } = useTranslation('portal');
  // useTranslation hands out a per-render copy of the instance; switching must change the real one.
  const instance = useContext(I18nContext)?.i18n ?? i18n;
  const { resident, unread } = usePortal();
  const other = currentLanguage(i18n) === 'en' ? 'zh-CN' : 'en';
  return (
    <header className="p-header">
      <Link to="/" className="p-brand">
        <svg className="p-brand-mark" viewBox="0 0 64 64" aria-hidden="true">
          <rect width="64" height="64" rx="14" />
          <path d="M14 30 32 15l18 15v19H14z M27 49V37h10v12" />
        </svg>
        <span>{t('brand')}</span>
      </Link>
      <div className="p-header-tools">
        <button
          type="button"
          className="p-tool"
          aria-pressed={large}
          title={t('largeTextHint')}
          onClick={() => onLarge(!large)}
        >
          {t('largeText')}
        </button>
        <button
          type="button"
          className="p-tool"
          lang={other}
          aria-label={other === 'en' ? 'English' : '中文'}
          onClick={() => void switchLanguage(instance, other)}
        >
          {other === 'en' ? 'EN' : '中'}
        </button>
        {resident && (
          <Link
            to="/messages"
            className="p-tool p-bell"
            aria-label={unread > 0 ? t('messagesUnread', { count: unread }) : t('messages')}
          >
            <BellIcon />
            {unread > 0 && (
              <span className="p-badge" aria-hidden="true">
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </Link>
        )}
      </div>
    </header>
  );
}

function BottomNav() {
  const { t } = useTranslation('portal');
  const items = [
    { to: '/', label: t('nav.home'), icon: <HomeIcon />, end: true },
    { to: '/report', label: t('nav.report'), icon: <WriteIcon />, end: false },
    { to: '/track', label: t('nav.track'), icon: <SearchIcon />, end: false },
    { to: '/mine', label: t('nav.mine'), icon: <UserIcon />, end: false },
  ];
  return (
    <nav className="p-tabs" aria-label={t('nav.label')}>
      {items.map((item) => (
        <NavLink key={item.to} to={item.to} end={item.end} className="p-tab">
          {item.icon}
          <span>{item.label}</span>
        </NavLink>
      ))}
    </nav>
  );
}

function NotFound() {
  const { t } = useTranslation('portal');
  return (
    <section className="p-section">
      <h1>{t('notFound.title')}</h1>
      <Link to="/" className="p-button p-button-primary">
        {t('notFound.home')}
      </Link>
    </section>
  );
}
