import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import type { PublicCommunitiesView } from '../../../api/http.ts';
import { ApiError } from '../../../api/workbench.ts';
import { CheckIcon } from '../icons.tsx';
import { usePortal } from '../session.tsx';
import { Field, Loading, Notice, PageHeading, useErrorText, useLocalName } from '../ui.tsx';
import {
  createMediationApi,
  DISPUTE_TYPES,
  type DisputeTypeCode,
  type MediationApplication,
  type MyMediationView,
} from './mediation-api.ts';

const MAX_FACTS = 4000;
const MAX_CLAIMS = 2000;

interface Draft {
  disputeType: DisputeTypeCode | null;
  streetId: number | null;
  communityId: number | null;
  otherName: string;
  otherPhone: string;
  otherAddress: string;
  facts: string;
  claims: string;
}

type DraftField = 'disputeType' | 'communityId' | 'otherName' | 'otherPhone' | 'facts' | 'claims';
type Problems = Partial<Record<DraftField | 'form', string>>;

const EMPTY: Draft = {
  disputeType: null,
  streetId: null,
  communityId: null,
  otherName: '',
  otherPhone: '',
  otherAddress: '',
  facts: '',
  claims: '',
};

/** The server's field path → the form's field, so its words show under the right control. */
const FIELD_OF_PATH: Record<string, DraftField> = {
  'body.disputeType': 'disputeType',
  'body.communityId': 'communityId',
  'body.otherParty.name': 'otherName',
  'body.otherParty.phone': 'otherPhone',
  'body.facts': 'facts',
  'body.claims': 'claims',
};

function toBody(d: Draft): MediationApplication {
  const phone = d.otherPhone.trim();
  const address = d.otherAddress.trim();
  return {
    disputeType: d.disputeType as DisputeTypeCode,
    communityId: d.communityId as number,
    otherParty: {
      name: d.otherName.trim(),
      ...(phone ? { phone } : {}),
      ...(address ? { address } : {}),
    },
    facts: d.facts.trim(),
    claims: d.claims.trim(),
  };
}

/** "申请调解": a signed-in resident asks the community's reconciliation room to mediate a dispute. */
export function MediationPage() {
  const { me, resident } = usePortal();
  if (me === undefined) return <Loading />;
  if (!resident) return <Navigate to="/sign-in?next=/mediation" replace />;
  return <MediationForm />;
}

function MediationForm() {
  const { t } = useTranslation('portal');
  const { api } = usePortal();
  const calls = useMemo(() => createMediationApi(api.client), [api]);
  const errorText = useErrorText();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problems, setProblems] = useState<Problems>({});
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<MyMediationView | null>(null);

  const change = (part: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...part }));
    setProblems({});
  };

  function check(d: Draft): Problems {
    const found: Problems = {};
    if (!d.disputeType) found.disputeType = t('mediation.form.typeRequired');
    if (!d.communityId) found.communityId = t('mediation.form.communityRequired');
    if (!d.otherName.trim()) found.otherName = t('mediation.form.otherNameRequired');
    if (!d.facts.trim()) found.facts = t('mediation.form.factsRequired');
    else if (d.facts.length > MAX_FACTS) found.facts = t('mediation.form.tooLong', { max: MAX_FACTS });
    if (!d.claims.trim()) found.claims = t('mediation.form.claimsRequired');
    else if (d.claims.length > MAX_CLAIMS) found.claims = t('mediation.form.tooLong', { max: MAX_CLAIMS });
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = check(draft);
    if (Object.keys(found).length > 0) {
      setProblems(found);
      return;
    }
    setSending(true);
    try {
      setDone(await calls.apply(toBody(draft)));
    } catch (error) {
      const details = error instanceof ApiError && Array.isArray(error.details) ? error.details : [];
      const fields: Problems = {};
      for (const d of details as { path?: string; message?: string }[]) {
        const field = d.path ? FIELD_OF_PATH[d.path] : undefined;
        if (field && d.message && !fields[field]) fields[field] = d.message;
      }
      setProblems(
        Object.keys(fields).length > 0
          ? fields
          : { form: t('mediation.form.failed', { message: errorText(error) }) },
      );
    } finally {
      setSending(false);
    }
  }

  if (done)
    return (
      <MediationDone
        application={done}
        onAnother={() => {
          setDraft(EMPTY);
          setDone(null);
        }}
      />
    );

  return (
    <section className="p-section">
      <PageHeading title={t('mediation.title')} back="/">
        <p className="p-lead">{t('mediation.lead')}</p>
      </PageHeading>
      <form className="p-form" onSubmit={(e) => void submit(e)} noValidate>
        <TypeChoice
          value={draft.disputeType}
          onChange={(disputeType) => change({ disputeType })}
          problem={problems.disputeType}
        />
        <CommunityChoice draft={draft} onChange={change} problem={problems.communityId} />

        <fieldset className="p-fieldset">
          <legend className="p-label">{t('mediation.form.otherParty')}</legend>
          <p className="p-hint">{t('mediation.form.otherPartyHint')}</p>
          <Field label={t('mediation.form.otherName')} error={problems.otherName}>
            {(control) => (
              <input
                {...control}
                className="p-input"
                type="text"
                maxLength={100}
                autoComplete="off"
                placeholder={t('mediation.form.otherNamePlaceholder')}
                value={draft.otherName}
                onChange={(e) => change({ otherName: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('mediation.form.otherPhone')} error={problems.otherPhone}>
            {(control) => (
              <input
                {...control}
                className="p-input"
                type="tel"
                inputMode="tel"
                maxLength={20}
                autoComplete="off"
                value={draft.otherPhone}
                onChange={(e) => change({ otherPhone: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('mediation.form.otherAddress')}>
            {(control) => (
              <input
                {...control}
                className="p-input"
                type="text"
                maxLength={300}
                autoComplete="off"
                value={draft.otherAddress}
                onChange={(e) => change({ otherAddress: e.target.value })}
              />
            )}
          </Field>
        </fieldset>

        <Field label={t('mediation.form.facts')} hint={t('mediation.form.factsHint')} error={problems.facts}>
          {(control) => (
            <textarea
              {...control}
              className="p-input p-textarea"
              rows={5}
              value={draft.facts}
              onChange={(e) => change({ facts: e.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('mediation.form.claims')}
          hint={t('mediation.form.claimsHint')}
          error={problems.claims}
        >
          {(control) => (
            <textarea
              {...control}
              className="p-input p-textarea"
              rows={3}
              value={draft.claims}
              onChange={(e) => change({ claims: e.target.value })}
            />
          )}
        </Field>

        <p className="p-hint">{t('mediation.form.free')}</p>
        {problems.form && <Notice tone="error">{problems.form}</Notice>}
        <button type="submit" className="p-button p-button-primary p-button-block" disabled={sending}>
          {sending ? t('mediation.form.submitting') : t('mediation.form.submit')}
        </button>
      </form>
    </section>
  );
}

function TypeChoice({
  value,
  onChange,
  problem,
}: {
  value: DisputeTypeCode | null;
  onChange: (type: DisputeTypeCode) => void;
  problem?: string;
}) {
  const { t } = useTranslation('portal');
  const id = useId();
  return (
    <fieldset className="p-fieldset" aria-describedby={problem ? `${id}-error` : undefined}>
      <legend className="p-label">{t('mediation.form.type')}</legend>
      {problem && (
        <p id={`${id}-error`} className="p-error">
          {problem}
        </p>
      )}
      <div className="p-choices">
        {DISPUTE_TYPES.map((type) => (
          <label key={type} className="p-choice">
            <input
              type="radio"
              name="disputeType"
              value={type}
              checked={value === type}
              onChange={() => onChange(type)}
            />
            <span className="p-choice-body">
              <span className="p-choice-title">{t(`mediation.types.${type}.title`)}</span>
              <span className="p-choice-text">{t(`mediation.types.${type}.text`)}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The street, then the community where the dispute is: whose reconciliation room takes it. */
function CommunityChoice({
  draft,
  onChange,
  problem,
}: {
  draft: Draft;
  onChange: (part: Partial<Draft>) => void;
  problem?: string;
}) {
  const { t } = useTranslation('portal');
  const { api } = usePortal();
  const name = useLocalName();
  const [places, setPlaces] = useState<PublicCommunitiesView | 'failed' | null>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    api.communities().then(setPlaces, () => setPlaces('failed'));
  }, [api]);
  const streets = places && places !== 'failed' ? places.streets : [];
  const street = streets.find((s) => s.id === draft.streetId) ?? null;

  return (
    <fieldset className="p-fieldset">
      <legend className="p-label">{t('mediation.form.where')}</legend>
      <p className="p-hint">{t('mediation.form.whereHint')}</p>
      {places === 'failed' ? (
        <Notice tone="warning">{t('report.place.loadFailed')}</Notice>
      ) : (
        <div className="p-selects">
          <Field label={t('report.place.street')}>
            {(control) => (
              <select
                {...control}
                className="p-input p-select"
                value={draft.streetId ?? ''}
                disabled={places === null}
                onChange={(e) =>
                  onChange({ streetId: e.target.value ? Number(e.target.value) : null, communityId: null })
                }
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
          <Field label={t('report.place.community')} error={problem}>
            {(control) => (
              <select
                {...control}
                className="p-input p-select"
                value={draft.communityId ?? ''}
                disabled={!street}
                onChange={(e) => onChange({ communityId: e.target.value ? Number(e.target.value) : null })}
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
    </fieldset>
  );
}

/** The confirmation: the application's number, who received it, and where to follow it. */
function MediationDone({ application, onAnother }: { application: MyMediationView; onAnother: () => void }) {
  const { t } = useTranslation('portal');
  const name = useLocalName();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="p-section p-done" aria-labelledby="p-mediation-done">
      <CheckIcon className="p-done-icon" />
      <h1 id="p-mediation-done" ref={heading} tabIndex={-1}>
        {t('mediation.done.title')}
      </h1>
      <div className="p-tracking">
        <p className="p-tracking-label">{t('mediation.done.number')}</p>
        <p className="p-tracking-no" data-testid="mediation-no">
          {application.number}
        </p>
      </div>
      <p>{t('mediation.done.received', { organisation: name(application.organisation) })}</p>
      <p>{t('mediation.done.next')}</p>
      <div className="p-button-row">
        <Link to="/mine" className="p-button p-button-primary p-button-block">
          {t('mediation.done.view')}
        </Link>
        <button type="button" className="p-button p-button-secondary p-button-block" onClick={onAnother}>
          {t('mediation.done.another')}
        </button>
      </div>
    </section>
  );
}
