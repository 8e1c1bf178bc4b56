import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api, Health } from '../../api/index.ts';
import { formatTime } from '../../i18n/format.ts';

type Check = { state: 'checking' } | { state: 'ok'; health: Health; at: Date } | { state: 'down'; at: Date };

const REFRESH_MS = 30_000;

/** Live answer of GET /healthz, re-checked every half minute. */
export function ServerStatus({ api }: { api: Api }) {
  const { t, i18n } = useTranslation();
  const [check, setCheck] = useState<Check>({ state: 'checking' });

  const run = useCallback(async () => {
    try {
      const health = await api.health();
      setCheck({ state: 'ok', health, at: new Date() });
    } catch {
      setCheck({ state: 'down', at: new Date() });
    }
  }, [api]);

  useEffect(() => {
    void run();
    const timer = setInterval(() => void run(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [run]);

  return (
    <section className="card status" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('status.heading')}</h2>
      <p className="status-line" data-state={check.state} role="status">
        <span className="status-dot" aria-hidden="true" />
        <span data-testid="server-status">
          {check.state === 'checking' ? t('status.checking') : t(`status.${check.state}`)}
        </span>
      </p>
      {check.state === 'ok' && (
        <p className="muted">
          {t('status.database', { name: t(`status.databases.${check.health.database}`) })}
        </p>
      )}
      {check.state !== 'checking' && (
        <p className="muted small">
          {t('status.checkedAt', { time: formatTime(check.at, i18n.language) })}
          {check.state === 'down' && (
            <>
              {' · '}
              <button type="button" className="link-button" onClick={() => void run()}>
                {t('status.retry')}
              </button>
            </>
          )}
        </p>
      )}
    </section>
  );
}
