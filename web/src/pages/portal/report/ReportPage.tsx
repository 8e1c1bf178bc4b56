import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import type { IntakeResult } from '../../../api/http.ts';
import { ApiError } from '../../../api/workbench.ts';
import { usePortal } from '../session.tsx';
import { Loading, Notice, PageHeading, useErrorText } from '../ui.tsx';
import { CategoryStep } from './CategoryStep.tsx';
import { ConfirmStep } from './ConfirmStep.tsx';
import { DescribeStep } from './DescribeStep.tsx';
import { PlaceStep } from './PlaceStep.tsx';
import { ReportDone } from './ReportDone.tsx';
import {
  checkStep,
  type DraftField,
  EMPTY_DRAFT,
  firstUnfinishedStep,
  MAX_DESCRIPTION,
  REPORT_STEPS,
  type ReportDraft,
  type ReportStep,
  stepOfField,
  toRegisterBody,
} from './report-form.ts';

const DRAFT_KEY = 'shequ.portal.reportDraft';

/** The words of an unsent report survive a reload (a dropped connection, a phone call): not the photos. */
function loadDraft(): ReportDraft {
  try {
    const saved = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? 'null') as Partial<ReportDraft> | null;
    return saved ? { ...EMPTY_DRAFT, ...saved, photos: [] } : EMPTY_DRAFT;
  } catch {
    return EMPTY_DRAFT;
  }
}

function saveDraft(draft: ReportDraft | null) {
  try {
    if (draft) sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ ...draft, photos: undefined }));
    else sessionStorage.removeItem(DRAFT_KEY);
  } catch {
    // storage off: the draft lives as long as the page
  }
}

/** One key per report: a retry after a timeout returns the first case instead of a second one. */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16)); // randomUUID needs https; this does not
  return `portal-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The step's heading. It is drawn anew for each step; after a move it takes focus (a screen reader
 * reads where the resident is now) and the page goes back to its top.
 */
function StepHeading({ title, focus }: { title: string; focus: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focus) return;
    ref.current?.focus({ preventScroll: true });
    window.scrollTo?.({ top: 0 });
  }, [focus]);
  return (
    <h2 ref={ref} tabIndex={-1} className="p-step-title">
      {title}
    </h2>
  );
}

type Sending = { state: 'idle' } | { state: 'sending' } | { state: 'uploading'; done: number; total: number };

/** Reporting a problem, one question at a time: what happened, what kind, where, then check and send. */
export function ReportPage() {
  const { me, resident } = usePortal();
  if (me === undefined) return <Loading />;
  if (!resident) return <Navigate to="/sign-in?next=/report" replace />;
  return <ReportForm />;
}

function ReportForm() {
  const { t } = useTranslation('portal');
  const { api, refreshUnread } = usePortal();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<ReportDraft>(loadDraft);
  const [step, setStep] = useState<ReportStep>('describe');
  const [problems, setProblems] = useState<Partial<Record<DraftField | 'form', string>>>({});
  const [sending, setSending] = useState<Sending>({ state: 'idle' });
  const [done, setDone] = useState<{ result: IntakeResult; photosFailed: boolean } | null>(null);
  const key = useRef(newIdempotencyKey());
  const moved = useRef(false);

  const change = useCallback((part: Partial<ReportDraft>) => {
    setDraft((current) => {
      const next = { ...current, ...part };
      saveDraft(next);
      return next;
    });
    setProblems({});
  }, []);

  const go = (to: ReportStep) => {
    moved.current = true;
    setProblems({});
    setStep(to);
  };
  const index = REPORT_STEPS.indexOf(step);

  function next(event: FormEvent) {
    event.preventDefault();
    if (step === 'confirm') {
      void send();
      return;
    }
    const found = checkStep(step, draft);
    if (found.description === 'tooLong')
      return setProblems({ description: t('report.describe.tooLong', { max: MAX_DESCRIPTION }) });
    if (found.description) return setProblems({ description: t('report.describe.required') });
    if (found.category) return setProblems({ category: t('report.category.required') });
    if (found.place) return setProblems({ place: t('report.place.required') });
    go(REPORT_STEPS[index + 1] as ReportStep);
  }

  async function send() {
    const unfinished = firstUnfinishedStep(draft);
    if (unfinished) {
      go(unfinished);
      return;
    }
    setSending({ state: 'sending' });
    setProblems({});
    let result: IntakeResult;
    try {
      result = await api.register(toRegisterBody(draft), key.current);
    } catch (error) {
      setSending({ state: 'idle' });
      const details = error instanceof ApiError && Array.isArray(error.details) ? error.details : [];
      const first = details[0] as { path?: string; message?: string } | undefined;
      if (first?.path && first.message && stepOfField(first.path) !== 'confirm') {
        const at = stepOfField(first.path);
        go(at);
        const field = at === 'describe' ? 'description' : at;
        setProblems({ [field]: first.message });
        return;
      }
      setProblems({ form: t('report.confirm.failed', { message: errorText(error) }) });
      return;
    }
    let photosFailed = false;
    for (const [i, photo] of draft.photos.entries()) {
      setSending({ state: 'uploading', done: i, total: draft.photos.length });
      try {
        await api.uploadPhotos(result.id, [photo]);
      } catch {
        photosFailed = true;
      }
    }
    saveDraft(null);
    setSending({ state: 'idle' });
    setDone({ result, photosFailed });
    refreshUnread();
  }

  if (done) {
    return (
      <ReportDone
        result={done.result}
        photosFailed={done.photosFailed}
        onAnother={() => {
          key.current = newIdempotencyKey();
          setDraft(EMPTY_DRAFT);
          setDone(null);
          go('describe');
        }}
      />
    );
  }

  const busy = sending.state !== 'idle';
  return (
    <section className="p-section">
      <PageHeading title={t('report.title')} />
      <div className="p-progress">
        <p>{t('report.stepOf', { step: index + 1, total: REPORT_STEPS.length })}</p>
        <ol className="p-progress-bar" aria-hidden="true">
          {REPORT_STEPS.map((s, i) => (
            <li key={s} className={i <= index ? 'p-progress-done' : undefined} />
          ))}
        </ol>
      </div>
      <form className="p-form" onSubmit={next} noValidate>
        <StepHeading key={step} title={t(`report.steps.${step}`)} focus={moved.current} />
        {step === 'describe' && (
          <DescribeStep draft={draft} onChange={change} problem={problems.description} />
        )}
        {step === 'category' && <CategoryStep draft={draft} onChange={change} problem={problems.category} />}
        {step === 'place' && <PlaceStep draft={draft} onChange={change} problem={problems.place} />}
        {step === 'confirm' && <ConfirmStep draft={draft} onChange={change} onEdit={go} />}

        {problems.form && <Notice tone="error">{problems.form}</Notice>}
        {sending.state === 'uploading' && (
          <Notice>{t('report.confirm.uploading', { done: sending.done + 1, total: sending.total })}</Notice>
        )}

        <div className="p-button-row p-step-buttons">
          {index > 0 && (
            <button
              type="button"
              className="p-button p-button-secondary"
              disabled={busy}
              onClick={() => go(REPORT_STEPS[index - 1] as ReportStep)}
            >
              {t('report.previous')}
            </button>
          )}
          <button type="submit" className="p-button p-button-primary p-button-grow" disabled={busy}>
            {step !== 'confirm'
              ? t('report.next')
              : busy
                ? t('report.confirm.submitting')
                : t('report.confirm.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
