import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Api, ApiError, type MeView, NETWORK_ERROR } from '../../api/index.ts';

interface Props {
  api: Api;
  onSignedIn: (me: MeView) => void;
  /** Put the cursor in the username field, e.g. right after signing out. */
  focusOnMount?: boolean;
}

interface Failure {
  message: string;
  locked: boolean;
  /** The language the message is in; a message in another language is not shown. */
  language: string;
}

/** Staff sign-in with username and password; shows the server's own (localised) reason on failure. */
export function SignInForm({ api, onSignedIn, focusOnMount = false }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const usernameRef = useRef<HTMLInputElement>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    if (focusOnMount) usernameRef.current?.focus();
  }, [focusOnMount]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const language = i18n.language;
    if (!username.trim() || !password) {
      setFailure({ message: t('signIn.missing'), locked: false, language });
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const started = await api.login(username.trim(), password);
      // /auth/me adds what the user may do; the sign-in answer alone is enough to go on without it.
      const me = await api.me().catch(() => null);
      setPassword('');
      onSignedIn(me ?? { user: started.user, actions: [], csrfToken: started.csrfToken });
    } catch (error) {
      setFailure(describeFailure(error, language, t));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const shown = failure && failure.language === i18n.language ? failure : null;
  const errorId = `${id}-error`;

  return (
    <section className="card sign-in" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('signIn.heading')}</h2>
      <p className="muted">{t('signIn.hint')}</p>
      <form onSubmit={submit} noValidate aria-describedby={shown ? errorId : undefined}>
        <div className="field">
          <label htmlFor={`${id}-username`}>{t('signIn.username')}</label>
          <input
            ref={usernameRef}
            id={`${id}-username`}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            aria-invalid={shown ? true : undefined}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('signIn.password')}</label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={shown ? true : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div id={errorId} role="alert" className="form-error">
          {shown && (
            <>
              <p>{shown.message}</p>
              {shown.locked && <p className="small">{t('signIn.lockedHint')}</p>}
            </>
          )}
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}

function describeFailure(error: unknown, language: string, t: TFunction<'translation'>): Failure {
  if (error instanceof ApiError && error.code === NETWORK_ERROR) {
    return { message: t('signIn.networkError'), locked: false, language };
  }
  if (error instanceof ApiError && !error.code.startsWith('http.')) {
    return { message: error.message, locked: error.status === 423, language };
  }
  const status = error instanceof ApiError ? error.status : 0;
  return { message: t('signIn.unknownError', { status }), locked: false, language };
}
