import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChevronIcon, SearchIcon, TalkIcon, UserIcon, WriteIcon } from './icons.tsx';
import { usePortal } from './session.tsx';

const HOW = ['report', 'register', 'handle', 'rate'] as const;

/** The front door: what the portal is for, its three things, and a nudge when something awaits a rating. */
export function HomePage() {
  const { t } = useTranslation('portal');
  const toRate = useAwaitingRating();

  return (
    <>
      <section className="p-hero" aria-labelledby="p-home-title">
        <h1 id="p-home-title">{t('home.greeting')}</h1>
        <p>{t('home.lead')}</p>
      </section>

      {toRate > 0 && (
        <Link to="/mine" className="p-nudge">
          <span>{t('home.toRate', { count: toRate })}</span>
          <span className="p-nudge-action">
            {t('home.toRateAction')}
            <ChevronIcon />
          </span>
        </Link>
      )}

      <nav className="p-actions" aria-label={t('home.services')}>
        <Link to="/report" className="p-action p-action-main">
          <WriteIcon className="p-action-icon" />
          <span className="p-action-title">{t('home.reportTitle')}</span>
          <span className="p-action-text">{t('home.reportText')}</span>
        </Link>
        <Link to="/track" className="p-action">
          <SearchIcon className="p-action-icon" />
          <span className="p-action-title">{t('home.trackTitle')}</span>
          <span className="p-action-text">{t('home.trackText')}</span>
        </Link>
        <Link to="/mediation" className="p-action">
          <TalkIcon className="p-action-icon" />
          <span className="p-action-title">{t('home.mediationTitle')}</span>
          <span className="p-action-text">{t('home.mediationText')}</span>
        </Link>
        <Link to="/mine" className="p-action">
          <UserIcon className="p-action-icon" />
          <span className="p-action-title">{t('home.mineTitle')}</span>
          <span className="p-action-text">{t('home.mineText')}</span>
        </Link>
      </nav>

      <section className="p-section" aria-labelledby="p-how-title">
        <h2 id="p-how-title">{t('home.howTitle')}</h2>
        <ol className="p-how">
          {HOW.map((step, index) => (
            <li key={step}>
              <span className="p-how-number" aria-hidden="true">
                {index + 1}
              </span>
              <span className="p-how-title">{t(`home.how.${step}.title`)}</span>
              <span className="p-how-text">{t(`home.how.${step}.text`)}</span>
            </li>
          ))}
        </ol>
      </section>

      <footer className="p-footer">
        <p>{t('home.privacy')}</p>
        <p className="p-footer-links">
          <a href="/admin">{t('home.staff')}</a>
          <Link to="/about">{t('home.about')}</Link>
        </p>
      </footer>
    </>
  );
}

/** How many of the signed-in resident's requests wait for their rating (first page is enough). */
function useAwaitingRating(): number {
  const { api, resident } = usePortal();
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!resident) {
      setCount(0);
      return;
    }
    let live = true;
    api.myCases().then(
      (list) => live && setCount(list.items.filter((c) => c.awaitingRating).length),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, resident]);
  return count;
}
