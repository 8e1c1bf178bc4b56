import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyCaseSummaryView } from '../../../api/http.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import { BellIcon, ChevronIcon } from '../icons.tsx';
import { MyMediations } from '../mediation/MyMediations.tsx';
import { usePortal } from '../session.tsx';
import { LoadFailed, Loading, PageHeading, StatusBadge, useErrorText } from '../ui.tsx';

type Page = { items: MyCaseSummaryView[]; next: number | null };

/** The signed-in resident's requests, newest first, those waiting for a rating marked. */
export function MyCasesPage() {
  const { t } = useTranslation('portal');
  const { me, resident } = usePortal();
  if (me === undefined) return <Loading />;
  if (!resident) {
    return (
      <section className="p-section p-narrow">
        <PageHeading title={t('mine.title')} />
        <p className="p-lead">{t('mine.signIn')}</p>
        <Link to="/sign-in?next=/mine" className="p-button p-button-primary p-button-block">
          {t('mine.signInAction')}
        </Link>
      </section>
    );
  }
  return <MyCases phone={resident.phone ?? ''} />;
}

function MyCases({ phone }: { phone: string }) {
  const { t, i18n } = useTranslation('portal');
  const { api, unread, signOut } = usePortal();
  const errorText = useErrorText();
  const [page, setPage] = useState<Page | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);

  const load = useCallback(
    async (cursor: number | null) => {
      setFailure(null);
      try {
        const list = await api.myCases(cursor);
        setPage((before) => ({
          items: cursor && before ? [...before.items, ...list.items] : list.items,
          next: list.nextCursor,
        }));
      } catch (error) {
        setFailure(error);
      }
    },
    [api],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <section className="p-section">
      <PageHeading title={t('mine.title')} />
      <Link to="/messages" className="p-row-link">
        <BellIcon />
        <span className="p-grow">{t('mine.messages')}</span>
        <span className={unread > 0 ? 'p-pill p-pill-alert' : 'p-hint'}>
          {unread > 0 ? t('mine.unread', { count: unread }) : t('mine.noUnread')}
        </span>
        <ChevronIcon />
      </Link>

      {failure !== null && <LoadFailed error={failure} onRetry={() => void load(null)} />}
      {page === null && failure === null && <Loading />}
      {page && page.items.length === 0 && (
        <div className="p-empty">
          <p>{t('mine.empty')}</p>
          <Link to="/report" className="p-button p-button-primary">
            {t('nav.report')}
          </Link>
        </div>
      )}
      {page && page.items.length > 0 && (
        <ul className="p-list">
          {page.items.map((item) => (
            <li key={item.trackingNo}>
              <Link to={`/mine/${item.trackingNo}`} className="p-card p-list-item">
                <span className="p-list-top">
                  <StatusBadge status={item.status} />
                  {item.awaitingRating && (
                    <span className="p-pill p-pill-alert">{t('mine.awaitingRating')}</span>
                  )}
                </span>
                <span className="p-list-title">{item.title}</span>
                <span className="p-list-meta">
                  {item.trackingNo} ·{' '}
                  {t('mine.registeredOn', { date: formatDateTime(item.registeredAt, i18n.language) })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {page?.next && (
        <button
          type="button"
          className="p-button p-button-secondary p-button-block"
          disabled={loadingMore}
          onClick={async () => {
            setLoadingMore(true);
            await load(page.next);
            setLoadingMore(false);
          }}
        >
          {t('mine.loadMore')}
        </button>
      )}

      <MyMediations />

      <div className="p-account">
        <p>{t('account.signedInAs', { phone: phone.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2') })}</p>
        <button
          type="button"
          className="p-button p-button-secondary p-button-small"
          disabled={signingOut}
          onClick={async () => {
            setSigningOut(true);
            setSignOutError(null);
            try {
              await signOut();
            } catch (error) {
              setSignOutError(errorText(error));
              setSigningOut(false);
            }
          }}
        >
          {signingOut ? t('account.signingOut') : t('account.signOut')}
        </button>
        {signOutError && (
          <p className="p-error" role="alert">
            {signOutError}
          </p>
        )}
      </div>
    </section>
  );
}
