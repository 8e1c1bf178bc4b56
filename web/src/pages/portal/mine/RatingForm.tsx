import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyCaseView, RatingInput } from '../../../api/http.ts';
import { ApiError, fieldErrors } from '../../../api/workbench.ts';
import { usePortal } from '../session.tsx';
import { Notice, useErrorText } from '../ui.tsx';

type Rating = RatingInput['rating'];
const RATINGS: Rating[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];

/** Dissatisfied and not solved sends the case back to be handled again (the server's rule, said before sending). */
export function reopens(rating: Rating | null, solved: boolean | null): boolean {
  return rating === 'dissatisfied' && solved === false;
}

interface Props {
  view: MyCaseView;
  /** The request as it is after the rating. */
  onRated: (view: MyCaseView) => void;
  /** Someone acted on the request meanwhile: the page should load it again. */
  onStale: () => void;
}

/** The reporter's rating of a resolved request: how satisfied, whether solved, and a comment. */
export function RatingForm({ view, onRated, onStale }: Props) {
  const { t } = useTranslation('portal');
  const { api, refreshUnread } = usePortal();
  const errorText = useErrorText();
  const id = useId();
  const [rating, setRating] = useState<Rating | null>(null);
  const [solved, setSolved] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (rating === null || solved === null) {
      setProblem(t('rating.required'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const text = comment.trim();
      const after = await api.rate(view.trackingNo, {
        version: view.version,
        rating,
        solved,
        ...(text ? { comment: text } : {}),
      });
      refreshUnread();
      onRated(after);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.status === 409) return onStale();
      const fields = fieldErrors(error);
      setProblem(fields['body.comment'] ?? fields['body.rating'] ?? errorText(error));
    }
  }

  return (
    <form
      className="p-card p-rating"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`}>{t('rating.title')}</h2>
      <p className="p-hint">{t('rating.lead')}</p>

      <fieldset className="p-fieldset">
        <legend className="p-label">{t('rating.satisfaction')}</legend>
        <div className="p-segments">
          {RATINGS.map((value) => (
            <label key={value} className={`p-segment p-segment-${value}`}>
              <input
                type="radio"
                name={`${id}-rating`}
                value={value}
                checked={rating === value}
                onChange={() => setRating(value)}
              />
              <span>{t(`rating.${value}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="p-fieldset">
        <legend className="p-label">{t('rating.solvedQuestion')}</legend>
        <div className="p-segments">
          {[true, false].map((value) => (
            <label key={String(value)} className="p-segment">
              <input
                type="radio"
                name={`${id}-solved`}
                value={String(value)}
                checked={solved === value}
                onChange={() => setSolved(value)}
              />
              <span>{value ? t('rating.solved') : t('rating.notSolved')}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="p-field">
        <label htmlFor={`${id}-comment`} className="p-label">
          {t('rating.comment')}
        </label>
        <textarea
          id={`${id}-comment`}
          className="p-input p-textarea"
          rows={3}
          maxLength={500}
          placeholder={t('rating.commentPlaceholder')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>

      {reopens(rating, solved) && <Notice tone="warning">{t('rating.reopenWarning')}</Notice>}
      {problem && (
        <p className="p-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="p-button p-button-primary p-button-block" disabled={busy}>
        {busy ? t('rating.submitting') : t('rating.submit')}
      </button>
    </form>
  );
}
