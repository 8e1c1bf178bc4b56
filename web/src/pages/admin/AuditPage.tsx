import { SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Input,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/case/labels.tsx';
import { CursorTable } from '../../components/lists/CursorTable.tsx';
import { ExportButton } from '../../components/lists/ExportButton.tsx';
import type { Page } from '../../components/lists/export-xlsx.ts';
import { type Filters, useUrlFilters } from '../../components/lists/url-filters.ts';
import { useClient } from '../../components/session.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import type { AuditEntry, AuditList, AuditQuery, AuditVerification } from './api.ts';
import { ACTOR_TYPES, AUDIT_DOMAINS, actionKey, CASE_EVENT_ACTIONS, RECORD_TYPES } from './audit/actions.ts';
import { UserPicker } from './shared/UserPicker.tsx';
import { errorText, PageHeader, today } from './shared/ui.tsx';

const FILTERS = ['actor', 'actorType', 'action', 'recordType', 'recordId', 'from', 'to'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The URL's filters as the server's query. Dates are whole local days: `to` includes its day, so
 * the query asks for entries before the start of the next one.
 */
export function auditQuery(filters: Filters): AuditQuery {
  const day = (text: string | undefined) => (text && DATE.test(text) ? dayjs(text) : null);
  const from = day(filters.from);
  const to = day(filters.to);
  const actorId = Number(filters.actor);
  return {
    actorId: Number.isInteger(actorId) && actorId > 0 ? actorId : undefined,
    actorType: (ACTOR_TYPES as readonly string[]).includes(filters.actorType ?? '')
      ? (filters.actorType as AuditQuery['actorType'])
      : undefined,
    action: filters.action,
    recordType: filters.recordType,
    recordId: filters.recordId,
    from: from?.startOf('day').toISOString(),
    to: to?.add(1, 'day').startOf('day').toISOString(),
  };
}

/**
 * Who changed what and when: the append-only, hash-chained audit log, filtered (in the URL) by
 * actor, action, record and dates, paged on the server, exportable, with a check of the chain.
 */
export function AuditPage() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const client = useClient();
  const { filters, set, reset, key } = useUrlFilters(FILTERS);
  const [recordId, setRecordId] = useState(filters.recordId ?? '');
  const query = useMemo(() => auditQuery(filters), [filters]);

  const fetchPage = useCallback(
    async (cursor: string | null, limit = 50): Promise<Page<AuditEntry>> => {
      const list = await client.get<AuditList>('/api/audit/', {
        ...query,
        before: cursor ?? undefined,
        limit,
      });
      return { items: list.items, nextCursor: list.nextBefore == null ? null : String(list.nextBefore) };
    },
    [client, query],
  );
  const load = useCallback((cursor: string | null) => fetchPage(cursor), [fetchPage]);

  const actionLabel = (action: string) => {
    const [domain, rest] = action.split(/\.(.*)/s);
    if (domain === 'case' && (CASE_EVENT_ACTIONS as readonly string[]).includes(rest ?? ''))
      return `${t('admin:audit.domain.case')} · ${t(`common:action.${rest as (typeof CASE_EVENT_ACTIONS)[number]}`)}`;
    const k = actionKey(action);
    return i18n.exists(`admin:${k}`) ? t(`admin:${k}` as 'admin:audit.title') : action;
  };
  const recordLabel = (type: string) =>
    (RECORD_TYPES as readonly string[]).includes(type)
      ? t(`admin:audit.records.${type}` as 'admin:audit.title')
      : type;
  const actorTypeLabel = (type: string) =>
    (ACTOR_TYPES as readonly string[]).includes(type)
      ? t(`admin:audit.actorType.${type}` as 'admin:audit.title')
      : type;

  const actionOptions = Object.entries(AUDIT_DOMAINS).map(([domain, actions]) => ({
    label: t(`admin:audit.domain.${domain}` as 'admin:audit.title'),
    title: domain,
    options: [
      {
        value: `${domain}.`,
        label: t('admin:audit.allOf', { domain: t(`admin:audit.domain.${domain}` as 'admin:audit.title') }),
      },
      ...(domain === 'case' ? [...actions, ...CASE_EVENT_ACTIONS.map((a) => `case.${a}`)] : actions).map(
        (a) => ({ value: a, label: actionLabel(a) }),
      ),
    ],
  }));

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'seq', title: t('admin:audit.seq'), dataIndex: 'seq', width: 80, responsive: ['md'] },
    { key: 'at', title: t('admin:audit.at'), render: (_, e) => <DateTime value={e.at} /> },
    {
      key: 'actor',
      title: t('admin:audit.actor'),
      render: (_, e) => (
        <Space size={4} wrap>
          {e.actorType === 'staff' && e.actorId ? (
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => set({ actor: String(e.actorId) })}
            >
              {e.actorLabel}
            </Button>
          ) : (
            <span>{e.actorLabel}</span>
          )}
          {e.actorType !== 'staff' && <Tag>{actorTypeLabel(e.actorType)}</Tag>}
        </Space>
      ),
    },
    {
      key: 'action',
      title: t('admin:audit.action'),
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <span>{actionLabel(e.action)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.action}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'record',
      title: t('admin:audit.record'),
      render: (_, e) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          title={t('admin:audit.sameRecord')}
          onClick={() => {
            setRecordId(e.recordId ?? '');
            set({ recordType: e.recordType, recordId: e.recordId ?? undefined });
          }}
        >
          {recordLabel(e.recordType)}
          {e.recordId ? ` #${e.recordId}` : ''}
        </Button>
      ),
    },
    { key: 'ip', title: t('admin:audit.ip'), render: (_, e) => e.ip ?? '—', responsive: ['lg'] },
  ];

  const range: [Dayjs | null, Dayjs | null] = [
    filters.from && DATE.test(filters.from) ? dayjs(filters.from) : null,
    filters.to && DATE.test(filters.to) ? dayjs(filters.to) : null,
  ];

  return (
    <section>
      <PageHeader title={t('admin:audit.title')} extra={<VerifyButton />}>
        {t('admin:audit.lead')}
      </PageHeader>

      <form
        aria-label={t('common:list.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          set({ recordId: recordId.trim() });
        }}
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <UserPicker
            aria-label={t('admin:audit.actor')}
            value={filters.actor ? Number(filters.actor) : undefined}
            onChange={(id) => set({ actor: id ? String(id) : undefined })}
            style={{ width: 200 }}
          />
          <Select<string>
            aria-label={t('admin:audit.actorTypeLabel')}
            placeholder={t('admin:audit.anyActorType')}
            allowClear
            value={filters.actorType}
            onChange={(actorType) => set({ actorType })}
            style={{ width: 140 }}
            options={ACTOR_TYPES.map((a) => ({ value: a, label: actorTypeLabel(a) }))}
          />
          <Select<string>
            aria-label={t('admin:audit.action')}
            placeholder={t('admin:audit.anyAction')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.action}
            onChange={(action) => set({ action })}
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
            options={actionOptions}
          />
          <Select<string>
            aria-label={t('admin:audit.recordType')}
            placeholder={t('admin:audit.anyRecord')}
            allowClear
            value={filters.recordType}
            onChange={(recordType) => set({ recordType })}
            style={{ width: 140 }}
            options={RECORD_TYPES.map((r) => ({ value: r, label: recordLabel(r) }))}
          />
          <Input
            aria-label={t('admin:audit.recordId')}
            placeholder={t('admin:audit.recordId')}
            value={recordId}
            allowClear
            onChange={(e) => {
              setRecordId(e.target.value);
              if (!e.target.value) set({ recordId: undefined });
            }}
            onPressEnter={() => set({ recordId: recordId.trim() })}
            onBlur={() => recordId.trim() !== (filters.recordId ?? '') && set({ recordId: recordId.trim() })}
            style={{ width: 140 }}
          />
          <DatePicker.RangePicker
            aria-label={t('admin:audit.dates')}
            value={range}
            allowEmpty={[true, true]}
            onChange={(dates) =>
              set({ from: dates?.[0]?.format('YYYY-MM-DD'), to: dates?.[1]?.format('YYYY-MM-DD') })
            }
            placeholder={[t('common:field.from'), t('common:field.to')]}
          />
          <Button
            onClick={() => {
              setRecordId('');
              reset();
            }}
          >
            {t('common:button.reset')}
          </Button>
        </Space>
      </form>

      <CursorTable<AuditEntry>
        rowKey="seq"
        columns={columns}
        load={load}
        reloadKey={key}
        expandable={{ expandedRowRender: (e) => <EntryDetail entry={e} /> }}
        toolbar={
          <ExportButton<AuditEntry>
            options={() => ({
              fileName: `${t('admin:audit.exportFile')}-${today()}.xlsx`,
              sheetName: t('admin:audit.title'),
              fetchPage: (cursor) => fetchPage(cursor, 500),
              columns: [
                { header: t('admin:audit.seq'), value: (e) => e.seq, width: 10 },
                { header: t('admin:audit.at'), value: (e) => formatDateTime(e.at, i18n.language), width: 20 },
                { header: t('admin:audit.actor'), value: (e) => e.actorLabel, width: 18 },
                {
                  header: t('admin:audit.actorTypeLabel'),
                  value: (e) => actorTypeLabel(e.actorType),
                  width: 12,
                },
                { header: t('admin:audit.action'), value: (e) => actionLabel(e.action), width: 22 },
                { header: t('admin:audit.actionCode'), value: (e) => e.action, width: 22 },
                { header: t('admin:audit.recordType'), value: (e) => recordLabel(e.recordType), width: 14 },
                { header: t('admin:audit.recordId'), value: (e) => e.recordId, width: 12 },
                { header: t('admin:audit.before'), value: (e) => jsonText(e.before), width: 40 },
                { header: t('admin:audit.after'), value: (e) => jsonText(e.after), width: 40 },
                { header: t('admin:audit.ip'), value: (e) => e.ip, width: 16 },
                { header: t('admin:audit.requestId'), value: (e) => e.requestId, width: 16 },
                { header: t('admin:audit.hash'), value: (e) => e.hash, width: 30 },
              ],
            })}
          />
        }
      />
    </section>
  );
}

function jsonText(value: unknown): string {
  return value == null ? '' : JSON.stringify(value);
}

/** An entry's before and after, side by side, with where the request came from and its hash. */
function EntryDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('admin');
  const block = (value: unknown) =>
    value == null ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <pre
        style={{
          margin: 0,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
          fontSize: 12,
          maxHeight: 320,
          overflow: 'auto',
        }}
      >
        {JSON.stringify(value, null, 2)}
      </pre>
    );
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      bordered
      items={[
        { key: 'before', label: t('audit.before'), children: block(entry.before) },
        { key: 'after', label: t('audit.after'), children: block(entry.after) },
        { key: 'requestId', label: t('audit.requestId'), children: entry.requestId ?? '—' },
        {
          key: 'hash',
          label: t('audit.hash'),
          children: (
            <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 12 }}>
              {entry.hash}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

/** Re-computes the whole hash chain on the server and says plainly whether the log is intact. */
function VerifyButton() {
  const { t, i18n } = useTranslation('admin');
  const client = useClient();
  const [state, setState] = useState<
    | { phase: 'idle' }
    | { phase: 'running' }
    | { phase: 'done'; result: AuditVerification; at: Date }
    | { phase: 'failed'; message: string }
  >({ phase: 'idle' });

  const run = async () => {
    setState({ phase: 'running' });
    try {
      const result = await client.get<AuditVerification>('/api/audit/verify');
      setState({ phase: 'done', result, at: new Date() });
    } catch (e) {
      setState({ phase: 'failed', message: errorText(e) });
    }
  };

  return (
    <Space orientation="vertical" align="end" style={{ maxWidth: 560 }}>
      <Button
        icon={<SafetyCertificateOutlined />}
        loading={state.phase === 'running'}
        onClick={() => void run()}
      >
        {t('audit.verify')}
      </Button>
      <div role="status" aria-live="polite">
        {state.phase === 'done' &&
          (state.result.ok ? (
            <Alert
              type="success"
              showIcon
              title={t('audit.verifyOk', { count: state.result.checked })}
              description={t('audit.verifyOkHint', { time: formatDateTime(state.at, i18n.language) })}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              title={t('audit.verifyBroken', {
                count: state.result.problems.length,
                checked: state.result.checked,
              })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {state.result.problems.slice(0, 20).map((p) => (
                    <li key={`${p.seq}-${p.problem}`}>
                      {t('audit.problemAt', {
                        seq: p.seq,
                        problem: t(`audit.problem.${p.problem}` as 'audit.title', {
                          defaultValue: p.problem,
                        }),
                      })}
                    </li>
                  ))}
                  {state.result.problems.length > 20 && (
                    <li>{t('audit.moreProblems', { count: state.result.problems.length - 20 })}</li>
                  )}
                </ul>
              }
            />
          ))}
        {state.phase === 'failed' && <Alert type="error" showIcon title={state.message} />}
      </div>
    </Space>
  );
}
