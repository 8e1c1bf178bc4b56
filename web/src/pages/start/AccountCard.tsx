import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Api, ApiError, type MeView, type UnitRef } from '../../api/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/index.ts';

interface Props {
  api: Api;
  me: MeView;
  onSignedOut: () => void;
  /** Move focus here, e.g. right after signing in, so a screen reader hears the result. */
  focusOnMount?: boolean;
}

/** Who is signed in: name, roles at their units, and the way out. */
export function AccountCard({ api, me, onSignedOut, focusOnMount = false }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { user } = me;
  const language = currentLanguage(i18n);

  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, [focusOnMount]);

  async function signOut() {
    setBusy(true);
    setFailure(null);
    try {
      await api.logout(me.csrfToken);
      onSignedOut();
    } catch (error) {
      // A session that already ended is as good as signed out.
      if (error instanceof ApiError && error.status === 401) onSignedOut();
      else setFailure(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  }

  const unitName = (unit: UnitRef) => (language === 'en' ? unit.nameEn : unit.nameZh);

  return (
    <section className="card account" aria-labelledby={`${id}-heading`}>
      <p className="eyebrow">{t('account.heading')}</p>
      <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {t('account.greeting', { name: user.displayName })}
      </h2>
      {user.username && <p className="muted">{t('account.username', { username: user.username })}</p>}

      <h3>{t('account.roles')}</h3>
      {user.roles.length === 0 ? (
        <p className="muted">{t('account.noRoles')}</p>
      ) : (
        <ul className="roles">
          {user.roles.map((binding) => (
            <li key={binding.id}>
              <span className="role">{t(`roles.${binding.role}`)}</span>
              <span className="unit">{unitName(binding.unit)}</span>
            </li>
          ))}
        </ul>
      )}

      {user.lastLoginAt && (
        <p className="muted small">
          {t('account.signedInAt', { time: formatDateTime(user.lastLoginAt, language) })}
        </p>
      )}
      {me.actions.length > 0 && (
        <p className="muted small">{t('account.actions', { count: me.actions.length })}</p>
      )}

      {failure && (
        <p role="alert" className="form-error">
          {t('account.signOutFailed', { message: failure })}
        </p>
      )}
      {user.kind === 'staff' && (
        <a className="button-link primary" href="/admin">
          {t('account.workbench')}
        </a>
      )}
      <button type="button" className="secondary" onClick={() => void signOut()} disabled={busy}>
        {busy ? t('account.signingOut') : t('account.signOut')}
      </button>
    </section>
  );
}
