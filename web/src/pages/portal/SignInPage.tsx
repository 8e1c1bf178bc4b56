import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { fieldErrors } from '../../api/workbench.ts';
import { compactPhone, isMobile } from '../../lib/phone.ts';
import { usePortal } from './session.tsx';
import { Field, Loading, Notice, PageHeading, useErrorText } from './ui.tsx';

export { isMobile } from '../../lib/phone.ts';

/** Where to go after signing in: a path of this site only (never another site's address). */
export function safeNext(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') ? value : '/mine';
}

const mask = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/** Sign-in with a mobile number and a one-time code by SMS; the account opens on first sign-in. */
export function SignInPage() {
  const { t } = useTranslation('portal');
  const { api, me, resident, signedIn, signOut } = usePortal();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const errorText = useErrorText();

  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [demoCode, setDemoCode] = useState<string | null>(null);
  const [cooldown, setCooldown] = useState(0);
  const [busy, setBusy] = useState<'sending' | 'verifying' | null>(null);
  const [errors, setErrors] = useState<{ phone?: string; code?: string; form?: string }>({});
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (cooldown <= 0) return;
    const timer = setTimeout(() => setCooldown((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [cooldown]);

  if (me === undefined) return <Loading />;
  if (resident) return <Navigate to={next} replace />;

  async function sendCode() {
    const number = compactPhone(phone);
    if (!isMobile(number)) {
      setErrors({ phone: t('signIn.phoneInvalid') });
      return;
    }
    setBusy('sending');
    setErrors({});
    try {
      const sent = await api.requestCode(number);
      setSentTo(number);
      setDemoCode(sent.demoCode ?? null);
      setCooldown(sent.retryAfterSeconds);
      codeRef.current?.focus();
    } catch (error) {
      setErrors({ phone: fieldErrors(error)['body.phone'] ?? errorText(error) });
    } finally {
      setBusy(null);
    }
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    const number = compactPhone(phone);
    const problems: typeof errors = {};
    if (!isMobile(number)) problems.phone = t('signIn.phoneInvalid');
    if (!/^\d{6}$/.test(code.trim())) problems.code = t('signIn.codeInvalid');
    setErrors(problems);
    if (problems.phone || problems.code) return;
    setBusy('verifying');
    try {
      signedIn(await api.verifyCode(number, code.trim()));
      navigate(next, { replace: true });
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors({
        phone: fields['body.phone'],
        code: fields['body.code'] ?? (fields['body.phone'] ? undefined : errorText(error)),
      });
      setBusy(null);
    }
  }

  return (
    <section className="p-section p-narrow">
      <PageHeading title={t('signIn.title')} />
      {params.get('next') ? (
        <Notice>{t('signIn.needed')}</Notice>
      ) : (
        <p className="p-lead">{t('signIn.lead')}</p>
      )}

      {me?.user.kind === 'staff' && (
        <Notice tone="warning">
          <p>{t('signIn.staffSession')}</p>
          <button
            type="button"
            className="p-button p-button-secondary p-button-small"
            onClick={() => void signOut()}
          >
            {t('signIn.staffSignOut')}
          </button>
        </Notice>
      )}

      <form className="p-form" onSubmit={(e) => void verify(e)} noValidate>
        <Field label={t('signIn.phone')} error={errors.phone}>
          {(control) => (
            <div className="p-inline">
              <input
                {...control}
                className="p-input"
                type="tel"
                inputMode="numeric"
                autoComplete="tel-national"
                maxLength={13}
                placeholder={t('signIn.phonePlaceholder')}
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
              />
              <button
                type="button"
                className="p-button p-button-secondary p-button-code"
                disabled={busy !== null || cooldown > 0}
                onClick={() => void sendCode()}
              >
                {busy === 'sending'
                  ? t('signIn.sending')
                  : cooldown > 0
                    ? t('signIn.resendIn', { seconds: cooldown })
                    : sentTo
                      ? t('signIn.resend')
                      : t('signIn.getCode')}
              </button>
            </div>
          )}
        </Field>

        {sentTo && <Notice tone="success">{t('signIn.sent', { phone: mask(sentTo) })}</Notice>}
        {demoCode && (
          <div className="p-demo-code">
            <span>{t('signIn.demoCode')}</span>
            <strong data-testid="demo-code">{demoCode}</strong>
            <button
              type="button"
              className="p-button p-button-secondary p-button-small"
              onClick={() => setCode(demoCode)}
            >
              {t('signIn.useDemoCode')}
            </button>
          </div>
        )}

        <Field label={t('signIn.code')} error={errors.code}>
          {(control) => (
            <input
              {...control}
              ref={codeRef}
              className="p-input p-input-code"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              placeholder={t('signIn.codePlaceholder')}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
            />
          )}
        </Field>

        <button type="submit" className="p-button p-button-primary p-button-block" disabled={busy !== null}>
          {busy === 'verifying' ? t('signIn.submitting') : t('signIn.submit')}
        </button>
        <p className="p-fine">{t('signIn.terms')}</p>
      </form>
    </section>
  );
}
