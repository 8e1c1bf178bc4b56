import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueView, SuggestedCategoryView } from '../../../api/http.ts';
import { usePortal } from '../session.tsx';
import { Loading, Notice, useLocalName } from '../ui.tsx';
import type { PickedCategory, ReportDraft } from './report-form.ts';

interface Props {
  draft: ReportDraft;
  onChange: (change: Partial<ReportDraft>) => void;
  problem?: string | null;
}

type Suggestions = { text: string; items: SuggestedCategoryView[] } | { text: string; failed: true };

interface Choice {
  code: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string | null;
  descriptionEn: string | null;
}

const picked = (c: Choice): PickedCategory => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn });

/**
 * Step 2: the kind of matter. The server suggests kinds from what the resident wrote (the best one is
 * chosen for them); they may pick another from the plain-language list, or leave it to the staff.
 */
export function CategoryStep({ draft, onChange, problem }: Props) {
  const { t } = useTranslation('portal');
  const { api } = usePortal();
  const name = useLocalName();
  const id = useId();
  const [suggestions, setSuggestions] = useState<Suggestions | null>(null);
  const [browsing, setBrowsing] = useState(false);
  const [catalogue, setCatalogue] = useState<CatalogueView | 'failed' | null>(null);
  const text = draft.description.trim();

  // The choice as it is when the answer comes: a resident who already chose keeps their choice.
  const latest = useRef({ category: draft.category, onChange });
  latest.current = { category: draft.category, onChange };
  useEffect(() => {
    let live = true;
    api.suggestCategories(text).then(
      (answer) => {
        if (!live) return;
        setSuggestions({ text, items: answer.suggestions });
        const first = answer.suggestions[0];
        if (latest.current.category === null && first) latest.current.onChange({ category: picked(first) });
      },
      () => live && setSuggestions({ text, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [api, text]);

  useEffect(() => {
    if (!browsing || catalogue !== null) return;
    api.catalogue().then(setCatalogue, () => setCatalogue('failed'));
  }, [api, browsing, catalogue]);

  const chosen = draft.category === 'unsure' ? 'unsure' : (draft.category?.code ?? null);
  const suggested = suggestions && 'items' in suggestions ? suggestions.items : [];
  const describe = (c: Choice) =>
    name({ nameZh: c.descriptionZh ?? '', nameEn: c.descriptionEn ?? '' }) || null;

  const option = (c: Choice) => (
    <label key={c.code} className="p-choice">
      <input
        type="radio"
        name={`${id}-category`}
        value={c.code}
        checked={chosen === c.code}
        onChange={() => onChange({ category: picked(c) })}
      />
      <span className="p-choice-body">
        <span className="p-choice-title">{name(c)}</span>
        {describe(c) && <span className="p-choice-text">{describe(c)}</span>}
      </span>
    </label>
  );

  return (
    <fieldset className="p-fieldset" aria-describedby={problem ? `${id}-error` : undefined}>
      <legend className="p-label">{t('report.category.label')}</legend>
      <p className="p-hint">{t('report.category.hint')}</p>
      {problem && (
        <p id={`${id}-error`} className="p-error">
          {problem}
        </p>
      )}

      {suggestions === null || suggestions.text !== text ? (
        <p className="p-loading" role="status">
          <span className="p-spinner" aria-hidden="true" />
          {t('report.category.suggesting')}
        </p>
      ) : suggested.length > 0 ? (
        <>
          <p className="p-subhead">{t('report.category.suggested')}</p>
          <div className="p-choices">{suggested.map(option)}</div>
        </>
      ) : (
        <p className="p-hint">{t('report.category.noSuggestion')}</p>
      )}

      <div className="p-choices">
        <label className="p-choice p-choice-unsure">
          <input
            type="radio"
            name={`${id}-category`}
            value="unsure"
            checked={chosen === 'unsure'}
            onChange={() => onChange({ category: 'unsure' })}
          />
          <span className="p-choice-body">
            <span className="p-choice-title">{t('report.category.unsure')}</span>
            <span className="p-choice-text">{t('report.category.unsureText')}</span>
          </span>
        </label>
      </div>

      <button
        type="button"
        className="p-link-button"
        aria-expanded={browsing}
        onClick={() => setBrowsing((open) => !open)}
      >
        {browsing ? t('report.category.browseHide') : t('report.category.browse')}
      </button>

      {browsing &&
        (catalogue === null ? (
          <Loading />
        ) : catalogue === 'failed' ? (
          <Notice tone="warning">{t('report.category.loadFailed')}</Notice>
        ) : (
          <div className="p-groups">
            {catalogue.groups.map((group) => {
              const choices = group.categories.filter((c) => !suggested.some((s) => s.code === c.code));
              if (choices.length === 0) return null;
              return (
                <details key={group.code} className="p-group" open={choices.some((c) => c.code === chosen)}>
                  <summary>{name(group)}</summary>
                  <div className="p-choices">{choices.map(option)}</div>
                </details>
              );
            })}
          </div>
        ))}
    </fieldset>
  );
}
