import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicCaseView } from '../../../api/http.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import { CaseSteps, StatusBadge, useLocalName } from '../ui.tsx';

/** Where a request is: its status, kind, who handles it, by when, and its steps so far. */
export function CaseSummaryCard({ view, children }: { view: PublicCaseView; children?: ReactNode }) {
  const { t, i18n } = useTranslation('portal');
  const name = useLocalName();
  const waiting = view.status === 'received';
  const rows: [string, string][] = [];
  if (view.category) rows.push([t('case.category'), name(view.category)]);
  else if (waiting) rows.push([t('case.category'), t('case.unsure')]);
  if (view.handlingUnit) rows.push([t('case.handlingUnit'), name(view.handlingUnit)]);
  else if (waiting) rows.push([t('case.handlingUnit'), t('case.notYetDispatched')]);
  rows.push([t('case.registeredAt'), formatDateTime(view.registeredAt, i18n.language)]);
  if (view.dueAt) rows.push([t('case.dueAt'), formatDateTime(view.dueAt, i18n.language)]);

  return (
    <article className="p-card p-case" aria-label={t('case.trackingNo', { no: view.trackingNo })}>
      <div className="p-case-head">
        <p className="p-case-no">{t('case.trackingNo', { no: view.trackingNo })}</p>
        <StatusBadge status={view.status} />
      </div>
      <dl className="p-facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {children}
      <h2 className="p-subhead">{t('case.progress')}</h2>
      <CaseSteps steps={view.steps} />
    </article>
  );
}
