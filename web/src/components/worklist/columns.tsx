import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { CaseListItem } from '../../api/http.ts';
import { formatDateTime, PLATFORM_TIME_ZONE } from '../../i18n/format.ts';
import { categoryName, DeadlineTag, StatusTag, UnitName, unitName } from '../case/labels.tsx';
import type { ExportColumn } from '../lists/export-xlsx.ts';

/** One column of a worklist: how the table shows it and which spreadsheet columns it exports as. */
export interface WorklistColumn {
  key: string;
  column: ColumnType<CaseListItem>;
  export: ExportColumn<CaseListItem>[];
}

/** What the column builders need: the translator (inbox, dispatch and common namespaces) and language. */
export interface ColumnContext {
  t: TFunction<['inbox', 'dispatch', 'callbacks', 'common']>;
  language: string;
  /** Narrow screen: the title cell carries the tracking number, secondary columns drop out. */
  compact: boolean;
}

const HANDLED: ReadonlySet<CaseListItem['status']> = new Set(['dispatched', 'accepted']);

const when = (value: string | null | undefined, language: string) =>
  value ? formatDateTime(value, language) : '';

/** A list cell's date and time: without the year when it is this year's, the full date on hover. */
export function ShortDateTime({ value, language }: { value: string | null | undefined; language: string }) {
  if (!value) return <>—</>;
  const date = new Date(value);
  const year = (d: Date) =>
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: PLATFORM_TIME_ZONE }).format(d);
  const text = new Intl.DateTimeFormat(language, {
    year: year(date) === year(new Date()) ? undefined : 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: PLATFORM_TIME_ZONE,
  }).format(date);
  return (
    <Tooltip title={formatDateTime(value, language)}>
      <span className="worklist-date">{text}</span>
    </Tooltip>
  );
}

/** The time left (or past) on the deadline as words, as the deadline tag says it. */
export function remainingText(row: CaseListItem, { t, language }: ColumnContext): string {
  if (!HANDLED.has(row.status) || !row.resolveDueAt) return '';
  const left = row.remainingWorkMinutes;
  if (typeof left !== 'number') return t(`common:sla.${row.slaState}`);
  const minutes = Math.abs(left);
  if (minutes < 60)
    return t(left < 0 ? 'common:time.overdueMinutes' : 'common:time.remainingMinutes', { minutes });
  const hours = new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(minutes / 60);
  return t(left < 0 ? 'common:time.overdueHours' : 'common:time.remainingHours', { hours });
}

/** The flags a case carries: urgent, supervised, escalated, sensitive, an extension waiting. */
function flagsOf(row: CaseListItem): ('urgent' | 'supervised' | 'escalated' | 'sensitive' | 'extension')[] {
  const flags: ('urgent' | 'supervised' | 'escalated' | 'sensitive' | 'extension')[] = [];
  if (row.urgent) flags.push('urgent');
  if (row.escalationLevel >= 2) flags.push('escalated');
  else if (row.supervised) flags.push('supervised');
  if (row.sensitive) flags.push('sensitive');
  if (row.pendingExtension) flags.push('extension');
  return flags;
}
const FLAG_COLOURS = {
  urgent: 'red',
  supervised: 'orange',
  escalated: 'volcano',
  sensitive: 'purple',
  extension: 'gold',
} as const;

function CaseLink({ row, ctx }: { row: CaseListItem; ctx: ColumnContext }) {
  return (
    <Link
      to={`/admin/cases/${row.id}`}
      onClick={(e) => e.stopPropagation()}
      aria-label={ctx.t('inbox:worklist.openCase', { trackingNo: row.trackingNo })}
      className="worklist-tracking-no"
    >
      {row.trackingNo}
    </Link>
  );
}

/**
 * On a phone the title cell is the whole row: status and time left, and whatever the row is on the
 * list for (why it waits in triage, the unit's return, the extension asked, the outcome).
 */
function CompactDetails({ row, ctx }: { row: CaseListItem; ctx: ColumnContext }) {
  const { t, language } = ctx;
  const note = row.pendingExtension
    ? t('inbox:worklist.extensionSummary', {
        unit: unitName(row.pendingExtension.unit, language),
        count: row.pendingExtension.days,
      })
    : row.status === 'received' && row.lastReturn
      ? t('inbox:worklist.returnSummary', {
          unit: unitName(row.lastReturn.unit, language),
          reason: row.lastReturn.reason,
        })
      : row.status === 'received' && row.triageReason
        ? triageReasonText(row.triageReason, ctx)
        : null;
  return (
    <>
      <Space size={4} wrap>
        <StatusTag status={row.status} />
        {HANDLED.has(row.status) && (
          <DeadlineTag
            slaState={row.slaState}
            dueAt={row.resolveDueAt}
            remainingWorkMinutes={row.remainingWorkMinutes}
          />
        )}
        {row.outcome && <Tag>{t(`common:outcome.${row.outcome}`)}</Tag>}
      </Space>
      {note && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
          {note}
        </Typography.Paragraph>
      )}
    </>
  );
}

/** The columns a worklist may show, by key. */
export function caseColumns(ctx: ColumnContext) {
  const { t, language, compact } = ctx;
  const col = (
    key: string,
    column: ColumnType<CaseListItem>,
    exported: ExportColumn<CaseListItem>[] = [],
  ): WorklistColumn => ({ key, column: { key, ...column }, export: exported });
  const field = (name: string) => t(`common:field.${name}` as 'common:field.title');
  const c = (name: string) => t(`inbox:worklist.column.${name}` as 'inbox:worklist.column.place');

  return {
    trackingNo: col(
      'trackingNo',
      {
        title: field('trackingNo'),
        responsive: ['md'],
        render: (_, row) => <CaseLink row={row} ctx={ctx} />,
      },
      [{ header: field('trackingNo'), value: (r) => r.trackingNo, width: 20 }],
    ),
    title: col(
      'title',
      {
        title: field('title'),
        render: (_, row) => {
          const flags = flagsOf(row);
          const width = compact ? 260 : 280;
          return (
            <Space orientation="vertical" size={2} style={{ maxWidth: width }}>
              {compact && <CaseLink row={row} ctx={ctx} />}
              <Typography.Text ellipsis={{ tooltip: row.title }} style={{ maxWidth: width }}>
                {row.title}
              </Typography.Text>
              {flags.length > 0 && (
                <span>
                  {flags.map((f) => (
                    <Tag key={f} color={FLAG_COLOURS[f]} variant="filled">
                      {t(`inbox:worklist.flag.${f}`)}
                    </Tag>
                  ))}
                </span>
              )}
              {compact && <CompactDetails row={row} ctx={ctx} />}
            </Space>
          );
        },
      },
      [
        { header: field('title'), value: (r) => r.title, width: 36 },
        {
          header: c('flags'),
          value: (r) =>
            flagsOf(r)
              .map((f) => t(`inbox:worklist.flag.${f}`))
              .join('、'),
        },
      ],
    ),
    category: col(
      'category',
      {
        title: field('category'),
        responsive: ['lg'],
        render: (_, row) =>
          row.category ? (
            <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: 150 }}>
              {categoryName(row.category, language)}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('inbox:worklist.uncategorised')}</Typography.Text>
          ),
      },
      [
        {
          header: field('category'),
          value: (r) => (r.category ? categoryName(r.category, language) : t('inbox:worklist.uncategorised')),
          width: 20,
        },
      ],
    ),
    place: col(
      'place',
      {
        title: c('place'),
        responsive: ['lg'],
        render: (_, row) =>
          row.community ? (
            <Space orientation="vertical" size={0}>
              <span>{unitName(row.community, language)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {unitName(row.street, language)}
              </Typography.Text>
            </Space>
          ) : (
            unitName(row.street, language) || '—'
          ),
      },
      [
        { header: field('street'), value: (r) => unitName(r.street, language) },
        { header: field('community'), value: (r) => unitName(r.community, language) },
      ],
    ),
    status: col(
      'status',
      { title: field('status'), responsive: ['md'], render: (_, row) => <StatusTag status={row.status} /> },
      [{ header: field('status'), value: (r) => t(`common:status.${r.status}`), width: 10 }],
    ),
    channel: col(
      'channel',
      {
        title: field('channel'),
        responsive: ['xxl'],
        render: (_, row) => t(`common:channel.${row.channel}`),
      },
      [{ header: field('channel'), value: (r) => t(`common:channel.${r.channel}`), width: 12 }],
    ),
    deadline: col(
      'deadline',
      {
        title: c('remaining'),
        responsive: ['md'],
        render: (_, row) =>
          HANDLED.has(row.status) ? (
            <DeadlineTag
              slaState={row.slaState}
              dueAt={row.resolveDueAt}
              remainingWorkMinutes={row.remainingWorkMinutes}
            />
          ) : (
            '—'
          ),
      },
      [
        { header: field('resolveDueAt'), value: (r) => when(r.resolveDueAt, language) },
        { header: c('remaining'), value: (r) => remainingText(r, ctx) },
      ],
    ),
    signDue: col(
      'signDue',
      {
        title: field('signDueAt'),
        responsive: ['sm'],
        render: (_, row) =>
          row.signDueAt ? (
            <Typography.Text type={Date.parse(row.signDueAt) < Date.now() ? 'danger' : undefined}>
              <ShortDateTime value={row.signDueAt} language={language} />
            </Typography.Text>
          ) : (
            '—'
          ),
      },
      [{ header: field('signDueAt'), value: (r) => when(r.signDueAt, language) }],
    ),
    leadUnit: col(
      'leadUnit',
      {
        title: field('leadUnit'),
        responsive: ['lg'],
        render: (_, row) =>
          row.leadUnit ? (
            <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: 180 }}>
              {unitName(row.leadUnit, language)}
            </Typography.Text>
          ) : (
            '—'
          ),
      },
      [{ header: field('leadUnit'), value: (r) => unitName(r.leadUnit, language), width: 24 }],
    ),
    registeredAt: col(
      'registeredAt',
      {
        title: field('registeredAt'),
        responsive: ['md'],
        render: (_, row) => <ShortDateTime value={row.registeredAt} language={language} />,
      },
      [{ header: field('registeredAt'), value: (r) => when(r.registeredAt, language) }],
    ),
    triageReason: col(
      'triageReason',
      {
        title: c('triageReason'),
        responsive: ['sm'],
        render: (_, row) => (row.triageReason ? <Tag>{triageReasonText(row.triageReason, ctx)}</Tag> : '—'),
      },
      [
        {
          header: c('triageReason'),
          value: (r) => (r.triageReason ? triageReasonText(r.triageReason, ctx) : ''),
        },
      ],
    ),
    lastReturn: col(
      'lastReturn',
      {
        title: c('lastReturn'),
        responsive: ['md'],
        render: (_, row) =>
          row.lastReturn ? (
            <Space orientation="vertical" size={0} style={{ maxWidth: compact ? 200 : 280 }}>
              <Typography.Text strong>
                <UnitName unit={row.lastReturn.unit} />
              </Typography.Text>
              <Typography.Paragraph
                ellipsis={{ rows: 2, tooltip: row.lastReturn.reason }}
                style={{ marginBottom: 0 }}
              >
                {row.lastReturn.reason}
              </Typography.Paragraph>
            </Space>
          ) : (
            '—'
          ),
      },
      [
        { header: c('returnedBy'), value: (r) => unitName(r.lastReturn?.unit, language) },
        { header: c('returnReason'), value: (r) => r.lastReturn?.reason, width: 40 },
        { header: c('returnedAt'), value: (r) => when(r.lastReturn?.at, language) },
      ],
    ),
    extension: col(
      'extension',
      {
        title: c('extension'),
        responsive: ['md'],
        render: (_, row) =>
          row.pendingExtension ? (
            <Space orientation="vertical" size={0} style={{ maxWidth: compact ? 200 : 280 }}>
              <Typography.Text strong>
                {t('inbox:worklist.extensionSummary', {
                  unit: unitName(row.pendingExtension.unit, language),
                  count: row.pendingExtension.days,
                })}
              </Typography.Text>
              <Typography.Paragraph
                ellipsis={{ rows: 2, tooltip: row.pendingExtension.reason }}
                style={{ marginBottom: 0 }}
              >
                {row.pendingExtension.reason}
              </Typography.Paragraph>
              <Typography.Text type="secondary">
                <ShortDateTime value={row.pendingExtension.requestedAt} language={language} />
              </Typography.Text>
            </Space>
          ) : (
            '—'
          ),
      },
      [
        { header: c('extensionUnit'), value: (r) => unitName(r.pendingExtension?.unit, language) },
        { header: c('extensionDays'), value: (r) => r.pendingExtension?.days },
        { header: c('extensionReason'), value: (r) => r.pendingExtension?.reason, width: 40 },
        { header: c('extensionAt'), value: (r) => when(r.pendingExtension?.requestedAt, language) },
      ],
    ),
    returnCount: col(
      'returnCount',
      {
        title: c('returnCount'),
        responsive: ['xl'],
        align: 'right',
        render: (_, row) => row.returnCount || '—',
      },
      [{ header: c('returnCount'), value: (r) => r.returnCount }],
    ),
    resolvedAt: col(
      'resolvedAt',
      {
        title: c('resolvedAt'),
        responsive: ['sm'],
        render: (_, row) => <ShortDateTime value={row.resolvedAt} language={language} />,
      },
      [{ header: c('resolvedAt'), value: (r) => when(r.resolvedAt, language) }],
    ),
    outcome: col(
      'outcome',
      {
        title: c('outcome'),
        responsive: ['md'],
        render: (_, row) => (row.outcome ? <Tag>{t(`common:outcome.${row.outcome}`)}</Tag> : '—'),
      },
      [{ header: c('outcome'), value: (r) => (r.outcome ? t(`common:outcome.${r.outcome}`) : '') }],
    ),
  } satisfies Record<string, WorklistColumn>;
}

export type ColumnKey = keyof ReturnType<typeof caseColumns>;

/** Why a case waits in triage, in words; an unknown reason shows as the server sent it. */
export function triageReasonText(reason: string, { t }: Pick<ColumnContext, 't'>): string {
  return t(`dispatch:reason.${reason}` as 'dispatch:reason.review', { defaultValue: reason });
}
