import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicCommunitiesView } from '../../../api/http.ts';
import { PinIcon } from '../icons.tsx';
import { usePortal } from '../session.tsx';
import { Field, Notice, useLocalName } from '../ui.tsx';
import type { PlacePick, ReportDraft, UnitName } from './report-form.ts';

interface Props {
  draft: ReportDraft;
  onChange: (change: Partial<ReportDraft>) => void;
  problem?: string | null;
}

type Locating =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'failed'; reason: 'outside' | 'denied' | 'unsupported' | 'network' };

/** Six decimals: about ten centimetres, plenty to place a problem and nothing more. */
const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6;

function currentPosition(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) =>
    navigator.geolocation.getCurrentPosition(resolve, reject, {
      enableHighAccuracy: true,
      timeout: 15_000,
      maximumAge: 60_000,
    }),
  );
}

/** Step 3: where it happened, from the phone's location (the server names the place) or a community picked from the list. */
export function PlaceStep({ draft, onChange, problem }: Props) {
  const { t } = useTranslation('portal');
  const { api } = usePortal();
  const name = useLocalName();
  const id = useId();
  const [locating, setLocating] = useState<Locating>({ state: 'idle' });
  const [places, setPlaces] = useState<PublicCommunitiesView | 'failed' | null>(null);
  const [streetId, setStreetId] = useState<number | null>(
    draft.place?.kind === 'community' ? draft.place.street.id : null,
  );

  useEffect(() => {
    if (places !== null) return;
    api.communities().then(setPlaces, () => setPlaces('failed'));
  }, [api, places]);

  async function locate() {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      setLocating({ state: 'failed', reason: 'unsupported' });
      return;
    }
    setLocating({ state: 'busy' });
    let position: GeolocationPosition;
    try {
      position = await currentPosition();
    } catch {
      setLocating({ state: 'failed', reason: 'denied' });
      return;
    }
    const lat = round(position.coords.latitude);
    const lng = round(position.coords.longitude);
    try {
      const { place } = await api.placeOf(lat, lng);
      if (!place || (!place.community && !place.street)) {
        setLocating({ state: 'failed', reason: 'outside' });
        return;
      }
      setLocating({ state: 'idle' });
      onChange({ place: { kind: 'point', lat, lng, street: place.street, community: place.community } });
    } catch {
      setLocating({ state: 'failed', reason: 'network' });
    }
  }

  const streets = places && places !== 'failed' ? places.streets : [];
  const street = streets.find((s) => s.id === streetId) ?? null;
  const pickCommunity = (communityId: number) => {
    const community = street?.communities.find((c) => c.id === communityId);
    if (street && community)
      onChange({ place: { kind: 'community', street: unit(street), community: unit(community) } });
  };

  const failure =
    locating.state === 'failed'
      ? {
          outside: t('report.place.locatedOutside'),
          denied: t('report.place.locateFailed'),
          unsupported: t('report.place.locateUnsupported'),
          network: t('networkError'),
        }[locating.reason]
      : null;

  return (
    <>
      <fieldset className="p-fieldset" aria-describedby={problem ? `${id}-error` : undefined}>
        <legend className="p-label">{t('report.place.label')}</legend>
        <p className="p-hint">{t('report.place.hint')}</p>
        {problem && (
          <p id={`${id}-error`} className="p-error">
            {problem}
          </p>
        )}

        {draft.place ? (
          <div className="p-picked" role="status">
            <PinIcon className="p-picked-icon" />
            <div>
              {draft.place.kind === 'point' && <p className="p-hint">{t('report.place.located')}</p>}
              <p className="p-picked-name">{placeName(draft.place, name)}</p>
            </div>
            <button
              type="button"
              className="p-link-button"
              onClick={() => {
                onChange({ place: null });
                setLocating({ state: 'idle' });
              }}
            >
              {t('report.place.clear')}
            </button>
          </div>
        ) : (
          <>
            <button
              type="button"
              className="p-button p-button-primary p-button-block"
              disabled={locating.state === 'busy'}
              onClick={() => void locate()}
            >
              <PinIcon />
              <span>{locating.state === 'busy' ? t('report.place.locating') : t('report.place.locate')}</span>
            </button>
            {failure && <Notice tone="warning">{failure}</Notice>}
            <p className="p-or">{t('report.place.or')}</p>
            {places === 'failed' ? (
              <Notice tone="warning">{t('report.place.loadFailed')}</Notice>
            ) : (
              <div className="p-selects">
                <Field label={t('report.place.street')}>
                  {(control) => (
                    <select
                      {...control}
                      className="p-input p-select"
                      value={streetId ?? ''}
                      disabled={places === null}
                      onChange={(e) => setStreetId(e.target.value ? Number(e.target.value) : null)}
                    >
                      <option value="">{t('report.place.chooseStreet')}</option>
                      {streets.map((s) => (
                        <option key={s.id} value={s.id}>
                          {name(s)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={t('report.place.community')}>
                  {(control) => (
                    <select
                      {...control}
                      className="p-input p-select"
                      value=""
                      disabled={!street}
                      onChange={(e) => e.target.value && pickCommunity(Number(e.target.value))}
                    >
                      <option value="">{t('report.place.chooseCommunity')}</option>
                      {street?.communities.map((c) => (
                        <option key={c.id} value={c.id}>
                          {name(c)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
            )}
          </>
        )}
      </fieldset>

      <Field label={t('report.place.detail')}>
        {(control) => (
          <input
            {...control}
            className="p-input"
            type="text"
            maxLength={300}
            autoComplete="off"
            placeholder={t('report.place.detailPlaceholder')}
            value={draft.detail}
            onChange={(e) => onChange({ detail: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}

function unit(u: { id: number; nameZh: string; nameEn: string }): UnitName {
  return { id: u.id, nameZh: u.nameZh, nameEn: u.nameEn };
}

/** `鼓楼街道 · 中山社区`: the place in the UI language. */
export function placeName(place: PlacePick, name: (u: { nameZh: string; nameEn: string }) => string): string {
  return [place.street, place.community]
    .filter((u): u is UnitName => u !== null)
    .map(name)
    .join(' · ');
}
