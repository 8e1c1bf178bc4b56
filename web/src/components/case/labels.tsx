import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, UnitRefView } from '../../api/http.ts';
import { formatDateTime } from '../../i18n/format.ts';

const STATUS_COLOURS: Record<CaseSummary['status'], string> = {
  received: 'blue',
  dispatched: 'geekblue',
  accepted: 'cyan',
  resolved: 'green',
  closed: 'default',
  merged: 'purple',
  withdrawn: 'default',
};

export function StatusTag({ status }: { status: CaseSummary['status'] }) {
  const { t } = useTranslation('common');
  return <Tag color={STATUS_COLOURS[status]}>{t(`status.${status}`)}</Tag>;
}

/** A unit's name in the UI's language. */
export function unitName(
  unit: Pick<UnitRefView, 'nameZh' | 'nameEn'> | null | undefined,
  language: string,
): string {
  if (!unit) return '';
  return language.startsWith('zh') ? unit.nameZh : unit.nameEn || unit.nameZh;
}

export function UnitName({ unit }: { unit: Pick<UnitRefView, 'nameZh' | 'nameEn'> | null | undefined }) {
  const { i18n } = useTranslation();
  return <>{unitName(unit, i18n.language) || '—'}</>;
}

/** Same as unitName, for a category reference. */
export function categoryName(
  category: { nameZh: string; nameEn: string } | null | undefined,
  language: string,
): string {
  return unitName(category, language);
}

/** Local date and time in the UI's language, or a dash. */
export function DateTime({ value }: { value: string | null | undefined }) {
  const { i18n } = useTranslation();
  return <>{value ? formatDateTime(value, i18n.language) : '—'}</>;
}

const SLA_COLOURS = { none: 'success', due_soon: 'warning', overdue: 'error' } as const;

/**
 * The case's deadline as a coloured tag: normal, due soon, overdue (the server's SLA state), with
 * the working time left (or past) when the server sends it (clock hours for urgent cases), and the deadline itself on hover.
 */
export function DeadlineTag({
  slaState,
  dueAt,
  remainingWorkMinutes,
  urgent = false,
}: {
  slaState: CaseSummary['slaState'];
  dueAt: string | null;
  remainingWorkMinutes?: number | null;
  /** Urgent time limits run in calendar hours, not working hours. */
  urgent?: boolean;
}) {
  const { t, i18n } = useTranslation('common');
  if (!dueAt) return <>—</>;
  let text = t(`sla.${slaState}`);
  if (typeof remainingWorkMinutes === 'number') {
    const minutes = Math.abs(remainingWorkMinutes);
    const overdue = remainingWorkMinutes < 0;
    if (minutes < 60) text = t(overdue ? 'time.overdueMinutes' : 'time.remainingMinutes', { minutes });
    else {
      const hours = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(minutes / 60);
      const key = urgent
        ? overdue
          ? 'time.overdueClockHours'
          : 'time.remainingClockHours'
        : overdue
          ? 'time.overdueHours'
          : 'time.remainingHours';
      text = t(key, { hours });
    }
  }
  return (
    <Tooltip title={formatDateTime(dueAt, i18n.language)}>
      <Tag color={SLA_COLOURS[slaState]}>{text}</Tag>
    </Tooltip>
  );
}
