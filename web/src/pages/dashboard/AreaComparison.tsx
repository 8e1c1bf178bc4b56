import { Card, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unitName } from '../../components/case/labels.tsx';
import { caseListLink } from './dashboard-query.ts';
import { formatCount, formatHours, formatRate } from './format.ts';
import { communityPlace } from './hotspot.ts';
import type { AreaItem, Areas, RateKey } from './types.ts';

type Sense = 'higher' | 'lower';

/** A column's weakest and strongest values, when at least three areas have one and they differ. */
export function extremes(values: (number | null)[], sense: Sense): { best: number; worst: number } | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length < 3) return null;
  const low = Math.min(...present);
  const high = Math.max(...present);
  if (low === high) return null;
  return sense === 'higher' ? { best: high, worst: low } : { best: low, worst: high };
}

interface Measure {
  key: string;
  title: string;
  value: (a: AreaItem) => number | null;
  show: (v: number | null) => string;
  sense?: Sense;
  width?: number;
}

/**
 * Every sub-area on every figure, side by side, for one period and category: the table a leader
 * reads to find which street is slowest and why (late signing, overdue cases, long handling, returns).
 */
export function AreaComparison({
  areas,
  from,
  to,
  categories,
  onUnit,
}: {
  areas: Areas;
  from: string;
  to: string;
  categories: string[];
  onUnit: (unitId: number) => void;
}) {
  const { t, i18n } = useTranslation('dashboard');
  const language = i18n.language;
  if (areas.level === null || areas.areas.length === 0) return null;
  const count = (v: number | null) => (v === null ? '—' : formatCount(v, language));
  const rate = (key: RateKey): Measure => ({
    key,
    title: t(`figure.${key}`),
    value: (a) => a.figures.rates[key].rate,
    show: formatRate,
    sense: 'higher',
  });
  // What tells why an area is slow comes first: lateness, handling time, overdue cases, returns and
  // late signing; then the residents' verdicts and what stands now.
  const measures: Measure[] = [
    {
      key: 'registered',
      title: t('volume.registered'),
      value: (a) => a.figures.volumes.registered,
      show: count,
    },
    rate('onTime'),
    {
      key: 'averageHours',
      title: `${t('volume.averageHours')}（${t('volume.hoursUnit')}）`,
      value: (a) => a.handling.averageHours,
      show: formatHours,
      sense: 'lower',
      width: 104,
    },
    {
      key: 'overdueNow',
      title: t('volume.overdueNow'),
      value: (a) => a.figures.overdueNow,
      show: count,
      sense: 'lower',
    },
    {
      key: 'returns',
      title: t('volume.returns'),
      value: (a) => a.figures.volumes.returns,
      show: count,
      sense: 'lower',
    },
    rate('response'),
    rate('oneTimeResolution'),
    rate('satisfaction'),
    rate('resolution'),
    rate('firstContactResolution'),
    { key: 'handlingNow', title: t('volume.handlingNow'), value: (a) => a.handling.now, show: count },
    { key: 'backlog', title: t('volume.backlog'), value: (a) => a.figures.volumes.backlog, show: count },
  ];
  const columns: TableColumnsType<AreaItem> = [
    {
      key: 'name',
      title: t('areas.name'),
      fixed: 'left',
      width: 112,
      render: (_, a) =>
        a.unit.kind === 'street' ? (
          <button
            type="button"
            className="dashboard-link-button"
            onClick={() => onUnit(a.unit.id)}
            title={t('map.drill', { name: unitName(a.unit, language) })}
          >
            {unitName(a.unit, language)}
          </button>
        ) : (
          <Link to={caseListLink({ place: communityPlace(areas, a), from, to, categories })}>
            {unitName(a.unit, language)}
          </Link>
        ),
    },
    ...measures.map((m) => {
      const marks = m.sense ? extremes(areas.areas.map(m.value), m.sense) : null;
      return {
        key: m.key,
        title: m.title,
        align: 'right' as const,
        width: m.width ?? 88,
        sorter: (a: AreaItem, b: AreaItem) => (m.value(a) ?? -1) - (m.value(b) ?? -1),
        render: (_: unknown, a: AreaItem) => {
          const v = m.value(a);
          const mark =
            marks && v !== null ? (v === marks.worst ? 'is-worst' : v === marks.best ? 'is-best' : '') : '';
          const text = <span className={`dashboard-cell ${mark}`}>{m.show(v)}</span>;
          if (m.key === 'overdueNow' && v) {
            return (
              <Link
                to={caseListLink({ place: communityPlace(areas, a), categories, overdue: true })}
                aria-label={t('areas.openOverdue', { name: unitName(a.unit, language) })}
              >
                {text}
              </Link>
            );
          }
          return text;
        },
      };
    }),
  ];
  return (
    <Card
      className="dashboard-card"
      title={t('areas.title', { level: t(`areas.${areas.level}`) })}
      data-testid="area-comparison"
    >
      <Typography.Paragraph type="secondary" className="dashboard-card-lead">
        {t('areas.lead')}
      </Typography.Paragraph>
      <Table<AreaItem>
        size="small"
        rowKey={(a) => a.unit.id}
        columns={columns}
        dataSource={areas.areas}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
