import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api, MeView } from '../../api/index.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { formatLongDate } from '../../i18n/format.ts';
import { AccountCard } from './AccountCard.tsx';
import { ServerStatus } from './ServerStatus.tsx';
import { SignInForm } from './SignInForm.tsx';

type Session =
  | { state: 'unknown' }
  | { state: 'signedOut'; justNow: boolean }
  | { state: 'signedIn'; me: MeView; justNow: boolean };

const STEPS = ['intake', 'routing', 'joint', 'rating'] as const;

/** The front door: what Shequ is, whether it is up, where the API lives, and staff sign-in. */
export function StartPage({ api }: { api: Api }) {
  const { t, i18n } = useTranslation();
  const [session, setSession] = useState<Session>({ state: 'unknown' });

  useEffect(() => {
    let live = true;
    api
      .me()
      .then((me) => {
        if (live)
          setSession(me ? { state: 'signedIn', me, justNow: false } : { state: 'signedOut', justNow: false });
      })
      .catch(() => {
        if (live) setSession({ state: 'signedOut', justNow: false });
      });
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <div className="page">
      <header className="topbar">
        <div className="brand">
          <svg className="brand-mark" viewBox="0 0 64 64" aria-hidden="true">
            <rect width="64" height="64" rx="14" />
            <path d="M14 30 32 15l18 15v19H14z M27 49V37h10v12" />
          </svg>
          <div>
            <p className="brand-name">{t('app.name')}</p>
            <p className="brand-tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <LanguageSwitch />
      </header>

      <main className="layout">
        <section className="hero" aria-labelledby="intro-heading">
          <h1 id="intro-heading">{t('intro.heading')}</h1>
          <p className="lead">{t('intro.lead')}</p>
          <a className="button-link primary" href="/">
            {t('intro.toPortal')}
          </a>
        </section>

        <div className="panel">
          {session.state === 'signedIn' ? (
            <AccountCard
              api={api}
              me={session.me}
              focusOnMount={session.justNow}
              onSignedOut={() => setSession({ state: 'signedOut', justNow: true })}
            />
          ) : session.state === 'signedOut' ? (
            <SignInForm
              api={api}
              focusOnMount={session.justNow}
              onSignedIn={(me) => setSession({ state: 'signedIn', me, justNow: true })}
            />
          ) : (
            <section className="card sign-in" aria-busy="true">
              <h2>{t('signIn.heading')}</h2>
            </section>
          )}
          <ServerStatus api={api} />
        </div>

        <section className="steps" aria-labelledby="steps-heading">
          <h2 id="steps-heading">{t('intro.stepsHeading')}</h2>
          <ol>
            {STEPS.map((step, index) => (
              <li key={step}>
                <span className="step-number" aria-hidden="true">
                  {index + 1}
                </span>
                <div>
                  <h3>{t(`intro.steps.${step}.title`)}</h3>
                  <p>{t(`intro.steps.${step}.text`)}</p>
                </div>
              </li>
            ))}
          </ol>
        </section>

        <section className="links" aria-labelledby="links-heading">
          <h2 id="links-heading">{t('links.heading')}</h2>
          <ul>
            <li>
              <a href="/docs">{t('links.docs')}</a>
              <span className="muted">{t('links.docsText')}</span>
            </li>
            <li>
              <a href="/openapi.json">{t('links.openapi')}</a>
              <span className="muted">{t('links.openapiText')}</span>
            </li>
          </ul>
        </section>
      </main>

      <footer className="footer">
        <p>{t('footer.motto')}</p>
        <p>{t('footer.today', { date: formatLongDate(new Date(), i18n.language) })}</p>
      </footer>
    </div>
  );
}
