import { CalendarOutlined, EditOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Popconfirm,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/case/labels.tsx';
import { useUrlFilters } from '../../components/lists/url-filters.ts';
import { useClient, useSession } from '../../components/session.tsx';
import type { CalendarStatus, YearDays } from './api.ts';
import { type MarkedDay, YearGrid } from './calendar/MonthGrid.tsx';
import { datesBetween, toDraft } from './calendar/schedule.ts';
import { WorkingHoursCard } from './calendar/WorkingHoursCard.tsx';
import { emptyDraft, YearEditor } from './calendar/YearEditor.tsx';
import { errorText, PageHeader, useLoaded } from './shared/ui.tsx';

/** Today in Beijing, `YYYY-MM-DD` (deadlines count on the Chinese calendar). */
function beijingToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The working calendar deadlines are counted on: whether the coming weeks are covered (and, if a
 * year is missing, a button straight to entering it), each year's holidays and make-up working
 * days with where they come from, a year at a glance, and the working hours.
 */
export function CalendarPage() {
  const { t } = useTranslation(['admin', 'common']);
  const client = useClient();
  const session = useSession();
  const { message } = App.useApp();
  const editable = session.can('calendar.manage');
  const today = beijingToday();
  const thisYear = Number(today.slice(0, 4));
  const { filters, set } = useUrlFilters(['year'] as const);
  const year = Number(filters.year) >= 2000 && Number(filters.year) <= 2100 ? Number(filters.year) : thisYear;
  const [editing, setEditing] = useState(false);

  const loadStatus = useCallback(() => client.get<CalendarStatus>('/api/calendar/status'), [client]);
  const status = useLoaded(loadStatus);
  const loadYear = useCallback(() => client.get<YearDays>('/api/calendar/days', { year }), [client, year]);
  const days = useLoaded(loadYear);

  const missing = status.data?.coverage.uncoveredYears ?? [];
  const known = new Map((status.data?.years ?? []).map((y) => [y.year, y]));
  // The years worth a tab: from last year to the year after next, plus any the look-ahead is missing.
  const shown = [...new Set([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, ...missing, year])].sort(
    (a, b) => a - b,
  );

  const marks = useMemo(() => {
    const m = new Map<string, MarkedDay>();
    for (const d of days.data?.days ?? []) m.set(d.date, { kind: d.kind, name: d.name });
    return m;
  }, [days.data]);
  const loaded = days.data?.year === year ? days.data : null;
  const draft = useMemo(() => (loaded ? toDraft(loaded.days, loaded.note) : null), [loaded]);
  // What the editor starts from: the year as it stands, or the seven holidays to fill in.
  const initial = useMemo(() => (loaded?.covered && draft ? draft : emptyDraft()), [loaded, draft]);

  const openEditor = (y: number) => {
    set({ year: String(y) });
    setEditing(true);
  };

  const withdraw = async () => {
    try {
      const next = await client.delete<YearDays>(`/api/calendar/years/${year}`);
      days.set(next);
      void message.success(t('admin:calendar.withdrawn', { year }));
      void status.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <section>
      <PageHeader title={t('admin:calendar.title')}>{t('admin:calendar.lead')}</PageHeader>

      {status.error && <Alert type="error" showIcon title={status.error} style={{ marginBottom: 16 }} />}
      {status.data && (
        <CoverageAlert status={status.data} editable={editable} onEnter={(y) => openEditor(y)} />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card
            title={
              <Space wrap>
                <CalendarOutlined />
                <span>{t('admin:calendar.yearTitle', { year })}</span>
                {days.data && <SourceTag days={days.data} />}
              </Space>
            }
            extra={
              <Select<number>
                aria-label={t('admin:calendar.pickYear')}
                value={year}
                onChange={(y) => set({ year: String(y) })}
                style={{ width: 150 }}
                options={shown.map((y) => ({
                  value: y,
                  label: known.has(y) ? String(y) : t('admin:calendar.yearMissing', { year: y }),
                }))}
              />
            }
          >
            {days.error && <Alert type="error" showIcon title={days.error} />}
            {days.loading && !days.data && <Spin />}
            {days.data && draft && (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                {!days.data.covered && (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('admin:calendar.yearNotEntered', { year })}
                    description={
                      <Space orientation="vertical" size="middle">
                        <span>{t('admin:calendar.yearNotEnteredHint')}</span>
                        {editable && (
                          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                            {t('admin:calendar.enterYear', { year })}
                          </Button>
                        )}
                      </Space>
                    }
                  />
                )}
                {days.data.covered && (
                  <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
                    <Typography.Text type="secondary">
                      {days.data.source === 'library'
                        ? t('admin:calendar.fromLibrary')
                        : t('admin:calendar.fromAdmin')}
                      {days.data.note ? ` · ${days.data.note}` : ''}
                    </Typography.Text>
                    {editable && (
                      <Space wrap>
                        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                          {days.data.source === 'admin'
                            ? t('admin:calendar.edit')
                            : t('admin:calendar.correct')}
                        </Button>
                        {days.data.source === 'admin' && (
                          <Popconfirm
                            title={t('admin:calendar.withdrawConfirm', { year })}
                            description={t('admin:calendar.withdrawHint')}
                            okText={t('admin:calendar.withdraw')}
                            okButtonProps={{ danger: true }}
                            cancelText={t('common:button.cancel')}
                            onConfirm={withdraw}
                          >
                            <Button danger>{t('admin:calendar.withdraw')}</Button>
                          </Popconfirm>
                        )}
                      </Space>
                    )}
                  </Space>
                )}
                {days.data.covered && <PeriodTable draft={draft} />}
                <YearGrid year={year} marks={marks} today={today} />
                <Space size="middle" wrap style={{ fontSize: 12 }}>
                  <span>
                    <Tag color="#fde2e1" style={{ color: '#a8071a' }}>
                      {t('admin:calendar.holidayMark')}
                    </Tag>
                    {t('admin:calendar.legendHoliday')}
                  </span>
                  <span>
                    <Tag color="#fff1b8" style={{ color: '#874d00' }}>
                      {t('admin:calendar.workdayMark')}
                    </Tag>
                    {t('admin:calendar.legendWorkday')}
                  </span>
                  <Typography.Text type="secondary">{t('admin:calendar.legendWeekend')}</Typography.Text>
                </Space>
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {status.data && (
              <WorkingHoursCard
                hours={status.data.workingHours}
                editable={editable}
                onSaved={() => void status.reload()}
              />
            )}
            {status.data && (
              <YearsCard status={status.data} current={year} onPick={(y) => set({ year: String(y) })} />
            )}
          </Space>
        </Col>
      </Row>

      {loaded && (
        <YearEditor
          year={year}
          initial={initial}
          open={editing}
          onClose={() => setEditing(false)}
          onPublished={(next) => {
            days.set(next);
            setEditing(false);
            void status.reload();
          }}
        />
      )}
    </section>
  );
}

/** Whether deadlines in the coming weeks can be counted right, in plain words, with the fix at hand. */
function CoverageAlert({
  status,
  editable,
  onEnter,
}: {
  status: CalendarStatus;
  editable: boolean;
  onEnter: (year: number) => void;
}) {
  const { t } = useTranslation('admin');
  const { coverage } = status;
  if (coverage.covered)
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('calendar.coveredTitle', { days: coverage.days })}
        description={t('calendar.coveredHint', { from: coverage.from, to: coverage.to })}
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={status.warning ?? t('calendar.notCoveredTitle', { years: coverage.uncoveredYears.join(', ') })}
      description={
        <Space orientation="vertical" size="middle">
          <span>{t('calendar.notCoveredHint', { from: coverage.from, to: coverage.to })}</span>
          {editable && (
            <Space wrap>
              {coverage.uncoveredYears.map((y) => (
                <Button key={y} type="primary" danger icon={<EditOutlined />} onClick={() => onEnter(y)}>
                  {t('calendar.enterYear', { year: y })}
                </Button>
              ))}
            </Space>
          )}
        </Space>
      }
    />
  );
}

function SourceTag({ days }: { days: YearDays }) {
  const { t } = useTranslation('admin');
  if (!days.covered) return <Tag color="error">{t('calendar.notEntered')}</Tag>;
  if (days.source === 'library') return <Tag color="blue">{t('calendar.sourceLibrary')}</Tag>;
  return (
    <Tag color="green">
      {t('calendar.sourceAdmin')} {days.publishedAt && <DateTime value={days.publishedAt} />}
    </Tag>
  );
}

/** The year's holidays as periods, with the weekend days worked to make up for each. */
function PeriodTable({ draft }: { draft: ReturnType<typeof toDraft> }) {
  const { t, i18n } = useTranslation('admin');
  const short = new Intl.DateTimeFormat(i18n.language, {
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'UTC',
  });
  const day = (date: string) => short.format(new Date(`${date}T00:00:00Z`));
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  const rows = draft.holidays.map((h, i) => ({
    key: i,
    name: h.name,
    from: h.from,
    to: h.to,
    length: datesBetween(h.from, h.to).length,
    workdays: draft.workdays.filter((w) => w.name === h.name).map((w) => w.date),
  }));
  const orphans = draft.workdays.filter((w) => !draft.holidays.some((h) => h.name === w.name));
  if (rows.length === 0) return <Empty description={t('calendar.noHolidays')} />;
  return (
    <>
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'name', title: t('calendar.holidayNameLabel'), dataIndex: 'name' },
          {
            key: 'dates',
            title: t('calendar.holidayDates'),
            render: (_, r) => (r.from === r.to ? day(r.from) : `${day(r.from)} – ${day(r.to)}`),
          },
          { key: 'length', title: t('calendar.length'), dataIndex: 'length', align: 'right' },
          {
            key: 'workdays',
            title: t('calendar.workdays'),
            render: (_, r) =>
              r.workdays.length ? list.format(r.workdays.map(day)) : t('calendar.noWorkdays'),
          },
        ]}
      />
      {orphans.length > 0 && (
        <Descriptions
          size="small"
          items={orphans.map((w) => ({ key: w.date, label: w.name, children: day(w.date) }))}
        />
      )}
    </>
  );
}

/** Every year the calendar knows, newest first, and where each comes from. */
function YearsCard({
  status,
  current,
  onPick,
}: {
  status: CalendarStatus;
  current: number;
  onPick: (year: number) => void;
}) {
  const { t } = useTranslation('admin');
  const years = [...status.years].reverse();
  const missing = status.coverage.uncoveredYears;
  return (
    <Card title={t('calendar.knownYears')} size="small">
      <Space wrap size={[4, 8]}>
        {missing.map((y) => (
          <Button key={`missing-${y}`} size="small" danger onClick={() => onPick(y)}>
            {t('calendar.yearMissing', { year: y })}
          </Button>
        ))}
        {years.map((y) => (
          <Button
            key={y.year}
            size="small"
            type={y.year === current ? 'primary' : 'default'}
            onClick={() => onPick(y.year)}
            title={y.source === 'library' ? t('calendar.sourceLibrary') : t('calendar.sourceAdmin')}
          >
            {y.year}
            {y.source === 'admin' ? ' ✎' : ''}
          </Button>
        ))}
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        {t('calendar.knownYearsHint')}
      </Typography.Paragraph>
    </Card>
  );
}
