import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.ts';
import type { MediationStatus, MediationSummary } from './mediation-data.ts';

const STATUS_COLOURS: Record<MediationStatus, string> = {
  applied: 'blue',
  accepted: 'cyan',
  in_progress: 'geekblue',
  agreed: 'green',
  failed: 'orange',
  withdrawn: 'default',
  refused: 'default',
};

export function MediationStatusTag({ status }: { status: MediationStatus }) {
  const { t } = useTranslation('mediation');
  return <Tag color={STATUS_COLOURS[status]}>{t(`status.${status}`)}</Tag>;
}

/** The time limit: due date, overdue, and for a labour dispute past 15 days the arbitration note. */
export function DueTag({
  m,
}: {
  m: Pick<MediationSummary, 'dueAt' | 'overdue' | 'arbitrationOpen' | 'status'>;
}) {
  const { t, i18n } = useTranslation('mediation');
  const open = m.status === 'accepted' || m.status === 'in_progress';
  // The limit matters while the case is being mediated; a closed one shows its outcome instead.
  if (!m.dueAt || !open) return <>—</>;
  const when = formatDateTime(m.dueAt, i18n.language);
  return (
    <>
      <Tooltip title={when}>
        <Tag color={m.overdue ? 'error' : 'processing'}>
          {m.overdue ? t('due.overdue', { when }) : t('due.by', { when })}
        </Tag>
      </Tooltip>
      {m.arbitrationOpen && <Tag color="volcano">{t('due.arbitrationOpen')}</Tag>}
    </>
  );
}

/** Applicants v respondents, as the list shows them. */
export function partiesLine(m: Pick<MediationSummary, 'parties'>, versus: string): string {
  const names = (role: string) =>
    m.parties
      .filter((p) => p.role === role)
      .map((p) => p.name)
      .join('、');
  const respondents = names('respondent');
  return respondents ? `${names('applicant')} ${versus} ${respondents}` : names('applicant');
}
