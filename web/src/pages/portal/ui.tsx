import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NETWORK_ERROR } from '../../api/client.ts';
import type { PublicStepView } from '../../api/http.ts';
import { ApiError } from '../../api/workbench.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { BackIcon } from './icons.tsx';

/** The page's one heading; it takes focus when the page opens, so a screen reader announces it. */
export function PageHeading({
  title,
  back,
  children,
}: {
  title: string;
  back?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation('portal');
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="p-page-head">
      {back && (
        <Link to={back} className="p-back">
          <BackIcon />
          <span>{t('back')}</span>
        </Link>
      )}
      <h1 ref={ref} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}

export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/** A labelled form field with an optional hint and error, tied to the control for screen readers. */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'p-field p-field-invalid' : 'p-field'}>
      <label htmlFor={id} className="p-label">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="p-hint">
          {hint}
        </p>
      )}
      {children({ id, 'aria-describedby': described || undefined, 'aria-invalid': error ? true : undefined })}
      {error && (
        <p id={`${id}-error`} className="p-error">
          {error}
        </p>
      )}
    </div>
  );
}

type Tone = 'info' | 'success' | 'warning' | 'error';

/** A message in a coloured box; errors are announced at once, the rest politely. */
export function Notice({ tone = 'info', children }: { tone?: Tone; children: ReactNode }) {
  return (
    <div className={`p-notice p-notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation('portal');
  return (
    <p className="p-loading" role="status">
      <span className="p-spinner" aria-hidden="true" />
      {t('loading')}
    </p>
  );
}

/** The words to show for a failed call: the server's own (already in the UI language), or "no network". */
export function useErrorText() {
  const { t } = useTranslation('portal');
  return (error: unknown): string => {
    if (error instanceof ApiError) return error.code === NETWORK_ERROR ? t('networkError') : error.message;
    return t('networkError');
  };
}

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('portal');
  const text = useErrorText();
  return (
    <Notice tone="error">
      <p>{text(error)}</p>
      <button type="button" className="p-button p-button-secondary p-button-small" onClick={onRetry}>
        {t('retry')}
      </button>
    </Notice>
  );
}

const STATUS_TONE: Record<string, string> = {
  received: 'new',
  dispatched: 'active',
  accepted: 'active',
  resolved: 'done',
  closed: 'closed',
  merged: 'closed',
  withdrawn: 'closed',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('portal');
  return (
    <span className={`p-status p-status-${STATUS_TONE[status] ?? 'closed'}`}>
      {t(`case.status.${status as 'received'}`)}
    </span>
  );
}

/** The public steps of a case as a timeline, newest first (what happened last matters most). */
export function CaseSteps({ steps }: { steps: PublicStepView[] }) {
  const { t, i18n } = useTranslation('portal');
  const unitName = (step: PublicStepView) =>
    step.unit ? (i18n.language === 'en' ? step.unit.nameEn : step.unit.nameZh) : null;
  const label = (step: PublicStepView): string => {
    const unit = unitName(step);
    switch (step.step) {
      case 'dispatched':
      case 'accepted':
      case 'resolved':
      case 'reopened':
        return unit ? t(`case.step.${step.step}`, { unit }) : t(`case.step.${step.step}Plain`);
      case 'merged':
        return step.intoTrackingNo
          ? t('case.step.mergedInto', { no: step.intoTrackingNo })
          : t('case.step.merged');
      default:
        return t(`case.step.${step.step}`);
    }
  };
  const ordered = [...steps].reverse();
  return (
    <ol className="p-steps">
      {ordered.map((step, index) => (
        <li
          key={`${step.at}-${step.step}-${step.unit?.id ?? ''}`}
          className={index === 0 ? 'p-step p-step-current' : 'p-step'}
        >
          <span className="p-step-dot" aria-hidden="true" />
          <p className="p-step-label">{label(step)}</p>
          {step.outcome && <p className="p-step-outcome">{t(`case.outcome.${step.outcome}`)}</p>}
          <p className="p-step-time">
            <time dateTime={step.at}>{formatDateTime(step.at, i18n.language)}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}

/** A record's name in the UI language (Chinese and English names come from the server). */
export function useLocalName() {
  const { i18n } = useTranslation();
  return (named: { nameZh: string; nameEn: string }) =>
    i18n.language === 'en' ? named.nameEn : named.nameZh;
}
