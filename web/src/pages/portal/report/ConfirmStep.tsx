import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../ui.tsx';
import { placeName } from './PlaceStep.tsx';
import type { ContactPreference, ReportDraft, ReportStep } from './report-form.ts';

interface Props {
  draft: ReportDraft;
  onChange: (change: Partial<ReportDraft>) => void;
  onEdit: (step: ReportStep) => void;
}

const CONTACTS: ContactPreference[] = ['sms', 'phone', 'none'];

/** Step 4: everything once more, how to hear back, and whether to stay unknown to the handling unit. */
export function ConfirmStep({ draft, onChange, onEdit }: Props) {
  const { t } = useTranslation('portal');
  const name = useLocalName();
  const id = useId();
  const rows: { step: ReportStep; label: string; value: string }[] = [
    { step: 'describe', label: t('report.confirm.what'), value: draft.description.trim() },
    {
      step: 'category',
      label: t('report.confirm.category'),
      value:
        draft.category === 'unsure' || !draft.category ? t('report.confirm.unsure') : name(draft.category),
    },
    {
      step: 'place',
      label: t('report.confirm.place'),
      value: [draft.place ? placeName(draft.place, name) : '', draft.detail.trim()]
        .filter(Boolean)
        .join(' · '),
    },
    {
      step: 'describe',
      label: t('report.confirm.photos'),
      value:
        draft.photos.length > 0
          ? t('report.confirm.photoCount', { count: draft.photos.length })
          : t('report.confirm.noPhotos'),
    },
  ];

  return (
    <>
      <dl className="p-summary">
        {rows.map((row) => (
          <div key={row.label} className="p-summary-row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
            <button
              type="button"
              className="p-link-button"
              aria-label={`${t('report.confirm.edit')} ${row.label}`}
              onClick={() => onEdit(row.step)}
            >
              {t('report.confirm.edit')}
            </button>
          </div>
        ))}
      </dl>

      <fieldset className="p-fieldset">
        <legend className="p-label">{t('report.confirm.contact')}</legend>
        <div className="p-choices">
          {CONTACTS.map((contact) => (
            <label key={contact} className="p-choice">
              <input
                type="radio"
                name={`${id}-contact`}
                value={contact}
                checked={draft.contact === contact}
                onChange={() => onChange({ contact })}
              />
              <span className="p-choice-body">
                <span className="p-choice-title">{t(`report.confirm.contactOptions.${contact}.title`)}</span>
                <span className="p-choice-text">{t(`report.confirm.contactOptions.${contact}.text`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <label className="p-check">
        <input
          type="checkbox"
          checked={draft.anonymous}
          onChange={(e) => onChange({ anonymous: e.target.checked })}
          aria-describedby={`${id}-anonymous`}
        />
        <span>
          <span className="p-choice-title">{t('report.confirm.anonymous')}</span>
          <span id={`${id}-anonymous`} className="p-choice-text">
            {t('report.confirm.anonymousText')}
          </span>
        </span>
      </label>
    </>
  );
}
