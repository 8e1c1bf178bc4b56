import { type ChangeEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraIcon, CloseIcon } from '../icons.tsx';
import { Field, Notice } from '../ui.tsx';
import { MAX_PHOTOS, preparePhoto } from './photo.ts';
import { MAX_DESCRIPTION, type ReportDraft } from './report-form.ts';

interface Props {
  draft: ReportDraft;
  onChange: (change: Partial<ReportDraft>) => void;
  problem?: string | null;
}

/** Step 1: what happened, in the resident's own words, and photos if they have them. */
export function DescribeStep({ draft, onChange, problem }: Props) {
  const { t } = useTranslation('portal');
  const length = [...draft.description].length;
  return (
    <>
      <Field label={t('report.describe.label')} hint={t('report.describe.hint')} error={problem}>
        {(control) => (
          <textarea
            {...control}
            className="p-input p-textarea"
            rows={6}
            placeholder={t('report.describe.placeholder')}
            value={draft.description}
            onChange={(e) => onChange({ description: e.target.value })}
          />
        )}
      </Field>
      <p className={length > MAX_DESCRIPTION ? 'p-count p-count-over' : 'p-count'} aria-live="polite">
        {t('report.describe.count', { count: length, max: MAX_DESCRIPTION })}
      </p>
      <Photos photos={draft.photos} onChange={(photos) => onChange({ photos })} />
    </>
  );
}

function Photos({ photos, onChange }: { photos: File[]; onChange: (photos: File[]) => void }) {
  const { t } = useTranslation('portal');
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const urls = useMemo(() => photos.map((p) => URL.createObjectURL(p)), [photos]);
  useEffect(
    () => () => {
      for (const url of urls) URL.revokeObjectURL(url);
    },
    [urls],
  );

  async function add(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    event.target.value = ''; // the same photo may be chosen again after removing it
    if (files.length === 0) return;
    setFailure(null);
    const room = MAX_PHOTOS - photos.length;
    if (files.length > room) setFailure(t('report.describe.photosFull', { max: MAX_PHOTOS }));
    setBusy(true);
    const ready: File[] = [];
    for (const file of files.slice(0, Math.max(0, room))) {
      try {
        ready.push(await preparePhoto(file));
      } catch {
        setFailure(t('report.describe.photoFailed'));
      }
    }
    setBusy(false);
    if (ready.length > 0) onChange([...photos, ...ready]);
  }

  return (
    <fieldset className="p-fieldset">
      <legend className="p-label">{t('report.describe.photos')}</legend>
      <p className="p-hint">{t('report.describe.photosHint', { max: MAX_PHOTOS })}</p>
      {photos.length > 0 && (
        <ul className="p-thumbs">
          {photos.map((photo, index) => (
            <li key={urls[index]}>
              <img src={urls[index]} alt={t('report.describe.photoAlt', { index: index + 1 })} />
              <button
                type="button"
                className="p-thumb-remove"
                aria-label={t('report.describe.removePhoto', { index: index + 1 })}
                onClick={() => onChange(photos.filter((p) => p !== photo))}
              >
                <CloseIcon />
              </button>
            </li>
          ))}
        </ul>
      )}
      {photos.length < MAX_PHOTOS && (
        <label className="p-button p-button-secondary p-button-block p-photo-add">
          <CameraIcon />
          <span>{busy ? t('report.describe.preparing') : t('report.describe.addPhoto')}</span>
          <input
            ref={input}
            className="visually-hidden"
            type="file"
            accept="image/*"
            multiple
            disabled={busy}
            onChange={(e) => void add(e)}
          />
        </label>
      )}
      {failure && <Notice tone="warning">{failure}</Notice>}
    </fieldset>
  );
}
