import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../i18n/format.ts';
import { usePortal } from '../session.tsx';
import { LoadFailed, useLocalName } from '../ui.tsx';
import { createMediationApi, type MyMediationView } from './mediation-api.ts';

const STATUS_TONE: Record<MyMediationView['status'], string> = {
  applied: 'new',
  accepted: 'active',
  in_progress: 'active',
  agreed: 'done',
  failed: 'closed',
  withdrawn: 'closed',
  refused: 'closed',
};

export function MediationStatusBadge({ status }: { status: MyMediationView['status'] }) {
  const { t } = useTranslation('portal');
  return (
    <span className={`p-status p-status-${STATUS_TONE[status]}`}>{t(`mediation.status.${status}`)}</span>
  );
}

/**
 * The signed-in resident's applications for mediation with their status, among their requests.
 * Shows nothing until there is one, so residents who never applied see no empty box.
 */
export function MyMediations() {
  const { t, i18n } = useTranslation('portal');
  const { api } = usePortal();
  const name = useLocalName();
  const calls = useMemo(() => createMediationApi(api.client), [api]);
  const [items, setItems] = useState<MyMediationView[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const load = useCallback(async () => {
    setFailure(null);
    try {
      setItems((await calls.mine()).items);
    } catch (error) {
      setFailure(error ?? new Error('failed'));
    }
  }, [calls]);

  useEffect(() => {
    void load();
  }, [load]);

  if (failure !== null) return <LoadFailed error={failure} onRetry={() => void load()} />;
  if (!items || items.length === 0) return null;
  return (
    <section className="p-section" aria-labelledby="p-my-mediations">
      <h2 id="p-my-mediations">{t('mediation.mine.title')}</h2>
      <ul className="p-list">
        {items.map((item) => (
          <li key={item.id} className="p-card p-list-item">
            <span className="p-list-top">
              <MediationStatusBadge status={item.status} />
            </span>
            <span className="p-list-title">
              {t(`mediation.types.${item.disputeType}.title`)} · {name(item.organisation)}
            </span>
            <span className="p-list-meta">
              {item.number} ·{' '}
              {t('mediation.mine.appliedOn', { date: formatDateTime(item.registeredAt, i18n.language) })}
            </span>
            {item.refusalReason && (
              <span className="p-list-meta">
                {t('mediation.mine.refused', { reason: item.refusalReason })}
              </span>
            )}
            {item.routesTold.length > 0 && (
              <span className="p-list-meta">
                {t('mediation.mine.routes', {
                  routes: item.routesTold
                    .map((r) => t(`mediation.routes.${r}`))
                    .join(t('mediation.mine.and')),
                })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
