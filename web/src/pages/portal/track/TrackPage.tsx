import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { PublicCaseView } from '../../../api/http.ts';
import { ApiError } from '../../../api/workbench.ts';
import { ChevronIcon } from '../icons.tsx';
import { usePortal } from '../session.tsx';
import { Field, LoadFailed, Loading, Notice, PageHeading } from '../ui.tsx';
import { CaseSummaryCard } from './CaseSummaryCard.tsx';

/** `hs 2026 1129 000123` → `HS20261129000123`, or null when it cannot be a tracking number. */
export function cleanTrackingNo(text: string): string | null {
  const cleaned = text.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z0-9]{6,32}$/.test(cleaned) ? cleaned : null;
}

type Lookup =
  | { state: 'loading' }
  | { state: 'found'; view: PublicCaseView; mine: boolean }
  | { state: 'missing' }
  | { state: 'limited' }
  | { state: 'failed'; error: unknown };

/** Tracking by number, without signing in: progress only, never what was reported or by whom. */
export function TrackPage() {
  const { t } = useTranslation('portal');
  const { trackingNo } = useParams();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(trackingNo ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => setTyped(trackingNo ?? ''), [trackingNo]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!typed.trim()) return setProblem(t('track.required'));
    const no = cleanTrackingNo(typed);
    if (!no) return setProblem(t('track.invalid'));
    setProblem(null);
    navigate(`/track/${no}`);
  }

  return (
    <section className="p-section">
      <PageHeading title={t('track.title')} />
      <p className="p-lead">{t('track.lead')}</p>
      <form className="p-form p-track-form" onSubmit={submit} noValidate>
        <Field label={t('track.label')} error={problem}>
          {(control) => (
            <div className="p-inline">
              <input
                {...control}
                className="p-input p-input-code"
                type="text"
                inputMode="text"
                autoCapitalize="characters"
                autoComplete="off"
                spellCheck={false}
                placeholder={t('track.placeholder')}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
              />
              <button type="submit" className="p-button p-button-primary">
                {t('track.submit')}
              </button>
            </div>
          )}
        </Field>
      </form>
      {trackingNo && <Result key={trackingNo} trackingNo={trackingNo} />}
    </section>
  );
}

function Result({ trackingNo }: { trackingNo: string }) {
  const { t } = useTranslation('portal');
  const { api, me, resident } = usePortal();
  const [lookup, setLookup] = useState<Lookup>({ state: 'loading' });

  const load = useCallback(
    async (live: () => boolean) => {
      setLookup({ state: 'loading' });
      try {
        const view = await api.track(trackingNo);
        // A signed-in resident may be its reporter: then the fuller page is one tap away.
        const mine = resident
          ? await api.myCase(view.trackingNo).then(
              () => true,
              () => false,
            )
          : false;
        if (live()) setLookup({ state: 'found', view, mine });
      } catch (error) {
        if (!live()) return;
        if (error instanceof ApiError && (error.status === 404 || error.status === 400))
          setLookup({ state: 'missing' });
        else if (error instanceof ApiError && error.status === 429) setLookup({ state: 'limited' });
        else setLookup({ state: 'failed', error });
      }
    },
    [api, resident, trackingNo],
  );

  useEffect(() => {
    if (me === undefined) return; // who is asking decides whether to look for "mine"
    let live = true;
    void load(() => live);
    return () => {
      live = false;
    };
  }, [me, load]);

  switch (lookup.state) {
    case 'loading':
      return <Loading />;
    case 'missing':
      return <Notice tone="warning">{t('track.notFound', { no: trackingNo })}</Notice>;
    case 'limited':
      return <Notice tone="warning">{t('track.tooMany')}</Notice>;
    case 'failed':
      return <LoadFailed error={lookup.error} onRetry={() => void load(() => true)} />;
    default:
      return (
        <>
          <CaseSummaryCard view={lookup.view} />
          {lookup.mine ? (
            <Link to={`/mine/${lookup.view.trackingNo}`} className="p-row-link">
              <span>{t('track.isMine')}</span>
              <ChevronIcon />
            </Link>
          ) : (
            !resident && <p className="p-hint">{t('track.signInForMore')}</p>
          )}
          <p className="p-fine">{t('track.publicNote')}</p>
        </>
      );
  }
}
