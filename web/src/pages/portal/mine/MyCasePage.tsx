import { type ChangeEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import type { MyCaseView } from '../../../api/http.ts';
import { ApiError } from '../../../api/workbench.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import { CameraIcon } from '../icons.tsx';
import { photoUrl } from '../portal-api.ts';
import { MAX_PHOTOS, preparePhoto } from '../report/photo.ts';
import { usePortal } from '../session.tsx';
import { CaseSummaryCard } from '../track/CaseSummaryCard.tsx';
import { LoadFailed, Loading, Notice, PageHeading, useErrorText, useLocalName } from '../ui.tsx';
import { RatingForm } from './RatingForm.tsx';

type Loaded =
  | { state: 'loading' }
  | { state: 'ok'; view: MyCaseView }
  | { state: 'missing' }
  | { state: 'failed'; error: unknown };
type Told = 'thanks' | 'reopened' | 'stale' | null;

/** One of the resident's own requests: where it is, what they told us, the result and their rating. */
export function MyCasePage() {
  const { trackingNo = '' } = useParams();
  const { me, resident } = usePortal();
  if (me === undefined) return <Loading />;
  if (!resident)
    return <Navigate to={`/sign-in?next=${encodeURIComponent(`/mine/${trackingNo}`)}`} replace />;
  return <MyCase key={trackingNo} trackingNo={trackingNo} />;
}

function MyCase({ trackingNo }: { trackingNo: string }) {
  const { t } = useTranslation('portal');
  const { api } = usePortal();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [told, setTold] = useState<Told>(null);

  const load = useCallback(async () => {
    try {
      setLoaded({ state: 'ok', view: await api.myCase(trackingNo) });
    } catch (error) {
      setLoaded(
        error instanceof ApiError && error.status === 404 ? { state: 'missing' } : { state: 'failed', error },
      );
    }
  }, [api, trackingNo]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="p-section">
      <PageHeading title={t('detail.title')} back="/mine" />
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'missing' && <Notice tone="warning">{t('detail.notFound')}</Notice>}
      {loaded.state === 'failed' && <LoadFailed error={loaded.error} onRetry={() => void load()} />}
      {loaded.state === 'ok' && (
        <Details
          view={loaded.view}
          told={told}
          onRated={(view) => {
            setTold(view.status === 'closed' ? 'thanks' : 'reopened');
            setLoaded({ state: 'ok', view });
          }}
          onStale={() => {
            setTold('stale');
            void load();
          }}
          onChanged={(view) => setLoaded({ state: 'ok', view })}
        />
      )}
    </section>
  );
}

interface DetailsProps {
  view: MyCaseView;
  told: Told;
  onRated: (view: MyCaseView) => void;
  onStale: () => void;
  onChanged: (view: MyCaseView) => void;
}

function Details({ view, told, onRated, onStale, onChanged }: DetailsProps) {
  const { t, i18n } = useTranslation('portal');
  const name = useLocalName();
  const place = [view.street, view.community]
    .filter((u) => u !== null)
    .map((u) => name(u))
    .concat(view.address ? [view.address] : [])
    .join(' · ');

  return (
    <>
      {told === 'thanks' && <Notice tone="success">{t('rating.thanks')}</Notice>}
      {told === 'reopened' && (
        <Notice tone="warning">
          {view.handlingUnit
            ? t('rating.reopened', { unit: name(view.handlingUnit) })
            : t('rating.reopenedPlain')}
        </Notice>
      )}
      {told === 'stale' && <Notice tone="warning">{t('rating.conflict')}</Notice>}

      <CaseSummaryCard view={view} />

      {view.outcome && (
        <section className="p-card" aria-labelledby="p-result-title">
          <h2 id="p-result-title">{t('detail.result')}</h2>
          <p className="p-outcome">{t(`case.outcome.${view.outcome}`)}</p>
          {view.resolution && <p className="p-prose">{view.resolution}</p>}
          {view.resolvedAt && (
            <p className="p-hint">
              {t('detail.resolvedAt', { time: formatDateTime(view.resolvedAt, i18n.language) })}
            </p>
          )}
        </section>
      )}

      {view.abilities.rate ? (
        <RatingForm view={view} onRated={onRated} onStale={onStale} />
      ) : (
        view.myRating && (
          <section className="p-card" aria-labelledby="p-my-rating">
            <h2 id="p-my-rating">{t('detail.myRating')}</h2>
            <p className="p-outcome">
              {t(`rating.${view.myRating.rating}`)} ·{' '}
              {view.myRating.solved ? t('rating.solved') : t('rating.notSolved')}
            </p>
            {view.myRating.comment && <p className="p-prose">{view.myRating.comment}</p>}
            <p className="p-hint">
              {t('detail.ratedAt', { time: formatDateTime(view.myRating.at, i18n.language) })}
            </p>
            {view.myRating.reopened && view.status !== 'closed' && (
              <p className="p-hint">{t('detail.reopenedNote')}</p>
            )}
          </section>
        )
      )}

      <section className="p-card" aria-labelledby="p-what-title">
        <h2 id="p-what-title">{t('detail.what')}</h2>
        <p className="p-prose">{view.description}</p>
        {place && (
          <p>
            <span className="p-hint">{t('detail.place')}：</span>
            {place}
          </p>
        )}
        {view.anonymous && <p className="p-hint">{t('detail.anonymous')}</p>}
        {view.contactPreference && (
          <p className="p-hint">{t('detail.contact', { how: t(`contact.${view.contactPreference}`) })}</p>
        )}
        <MyPhotos view={view} onChanged={onChanged} />
      </section>
    </>
  );
}

function MyPhotos({ view, onChanged }: { view: MyCaseView; onChanged: (view: MyCaseView) => void }) {
  const { t } = useTranslation('portal');
  const { api } = usePortal();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [told, setTold] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const room = MAX_PHOTOS - view.photos.length;

  async function add(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])].slice(0, Math.max(0, room));
    event.target.value = '';
    if (files.length === 0) return;
    setBusy(true);
    setTold(null);
    try {
      const ready = [];
      for (const file of files) ready.push(await preparePhoto(file));
      await api.uploadPhotos(view.id, ready);
      onChanged(await api.myCase(view.trackingNo));
      setTold({ tone: 'success', text: t('detail.uploaded') });
    } catch (error) {
      setTold({ tone: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {view.photos.length > 0 && (
        <>
          <h3 className="p-subhead">{t('detail.photos')}</h3>
          <ul className="p-thumbs">
            {view.photos.map((photo) => (
              <li key={photo.id}>
                <a href={photoUrl(view.id, photo.id)} target="_blank" rel="noreferrer">
                  <img
                    src={photoUrl(view.id, photo.id)}
                    alt={t('detail.photoAlt', { name: photo.fileName })}
                    loading="lazy"
                  />
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {view.abilities.attach && room > 0 && (
        <label className="p-button p-button-secondary p-button-block p-photo-add">
          <CameraIcon />
          <span>{busy ? t('detail.uploading') : t('detail.addPhotos')}</span>
          <input
            className="visually-hidden"
            type="file"
            accept="image/*"
            multiple
            disabled={busy}
            onChange={(e) => void add(e)}
          />
        </label>
      )}
      {told && <Notice tone={told.tone}>{told.text}</Notice>}
    </>
  );
}
