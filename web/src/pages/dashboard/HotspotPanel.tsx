import { RightOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Empty, Segmented, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { unitName } from '../../components/case/labels.tsx';
import type { DashboardQuery, Metric } from './dashboard-query.ts';
import { EChart, registerMap } from './EChart.tsx';
import { formatCount, formatRate } from './format.ts';
import { areasGeoJson, areaValue, drillTarget, hotspotOption, mapName, shortAreaName } from './hotspot.ts';
import type { AreaItem, Areas } from './types.ts';

export interface TrailItem {
  id: number;
  nameZh: string;
  nameEn: string;
}

/**
 * Cases on a schematic of the areas (the polygons the organisation stores), coloured by volume or
 * overdue share. A click goes one level down (district → street → community) and, below the last
 * level, into the case list; the list beside the map does the same by keyboard.
 */
export function HotspotPanel({
  areas,
  query,
  categories,
  trail,
  casesHref,
  onUnit,
  onMetric,
  dark = false,
  height = 380,
  compact = false,
}: {
  areas: Areas;
  query: DashboardQuery;
  /** The leaf category codes of the filter, for links into the case list. */
  categories: string[];
  /** The units from the viewer's widest down to the one shown, for the breadcrumb. */
  trail: TrailItem[];
  /** The case list of the unit shown, when the case list can narrow to it. */
  casesHref: string | null;
  onUnit: (unitId: number) => void;
  onMetric: (metric: Metric) => void;
  dark?: boolean;
  height?: number;
  /** The wall screen: the map alone, without breadcrumb and list. */
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation('dashboard');
  const navigate = useNavigate();
  const language = i18n.language;
  const name = mapName(areas);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-registered whenever the areas change
  const option = useMemo(() => {
    registerMap(name, areasGeoJson(areas));
    return hotspotOption(areas, query.metric, {
      language,
      dark,
      labels:
        query.metric === 'volume'
          ? { high: t('map.metric.volume'), low: '0' }
          : { high: t('map.metric.overdue'), low: '0%' },
      tooltip: (a) =>
        t('map.tooltip', {
          registered: formatCount(a.figures.volumes.registered, language),
          handling: formatCount(a.handling.now, language),
          overdue: formatCount(a.figures.overdueNow, language),
        }),
    });
  }, [areas, query.metric, language, dark, t]);

  const go = (area: AreaItem) => {
    const target = drillTarget(areas, area.unit.code, query, categories);
    if (target?.to === 'unit') onUnit(target.unitId);
    else if (target?.to === 'cases') navigate(target.href);
  };
  const ranked = [...areas.areas].sort(
    (a, b) => (areaValue(b, query.metric) ?? -1) - (areaValue(a, query.metric) ?? -1),
  );
  const maxValue = Math.max(1e-9, ...ranked.map((a) => areaValue(a, query.metric) ?? 0));
  const hasMap = areas.areas.some((a) => a.area !== null);

  const map = hasMap ? (
    <div className="dashboard-map">
      <EChart
        option={option}
        height={height}
        dark={dark}
        label={t('map.title')}
        onClick={(e) => {
          const area = areas.areas.find((a) => a.unit.code === e.name);
          if (area) go(area);
        }}
      />
    </div>
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={t('map.noAreas', { unit: unitName(areas.unit, language) })}
    >
      {casesHref && (
        <Link to={casesHref}>
          <UnorderedListOutlined /> {t('map.openCases', { name: unitName(areas.unit, language) })}
        </Link>
      )}
    </Empty>
  );
  if (compact)
    return (
      <>
        {map}
        <span className="dashboard-map-note">{t('map.schematic')}</span>
      </>
    );

  const metricSwitch = (
    <Segmented<Metric>
      size="small"
      value={query.metric}
      onChange={onMetric}
      aria-label={t('map.metric.label')}
      options={[
        { value: 'volume', label: t('map.metric.volume') },
        { value: 'overdue', label: t('map.metric.overdue') },
      ]}
    />
  );
  return (
    <Card
      className="dashboard-card"
      title={t('map.title')}
      extra={metricSwitch}
      styles={{ body: { paddingTop: 12 } }}
    >
      <Breadcrumb
        className="dashboard-trail"
        items={trail.map((u, i) => ({
          key: u.id,
          title:
            i === trail.length - 1 ? (
              <span aria-current="location">{unitName(u, language)}</span>
            ) : (
              <button type="button" className="dashboard-link-button" onClick={() => onUnit(u.id)}>
                {unitName(u, language)}
              </button>
            ),
        }))}
      />
      <div className="dashboard-map-layout">
        {map}
        {ranked.length > 0 && (
          <ol className="dashboard-area-list" aria-label={t('map.hint')}>
            {ranked.map((a) => {
              const value = areaValue(a, query.metric);
              const label = unitName(a.unit, language);
              const drill =
                a.unit.kind === 'street'
                  ? t('map.drill', { name: label })
                  : t('map.openCases', { name: label });
              return (
                <li key={a.unit.id}>
                  <Button
                    type="text"
                    size="small"
                    className="dashboard-area-button"
                    onClick={() => go(a)}
                    aria-label={drill}
                    title={drill}
                  >
                    <span className="dashboard-area-name">{shortAreaName(label)}</span>
                    <span className="dashboard-area-bar" aria-hidden>
                      <span style={{ width: `${((value ?? 0) / maxValue) * 100}%` }} />
                    </span>
                    <span className="dashboard-area-value">
                      {query.metric === 'volume' ? formatCount(value ?? 0, language) : formatRate(value)}
                    </span>
                    <RightOutlined aria-hidden />
                  </Button>
                </li>
              );
            })}
          </ol>
        )}
      </div>
      <Space size="small" wrap className="dashboard-map-foot">
        {hasMap && <Typography.Text type="secondary">{t('map.hint')}</Typography.Text>}
        {hasMap && <Typography.Text type="secondary">{t('map.schematic')}</Typography.Text>}
        {casesHref && hasMap && (
          <Link to={casesHref}>
            <UnorderedListOutlined /> {t('map.openCases', { name: unitName(areas.unit, language) })}
          </Link>
        )}
      </Space>
    </Card>
  );
}
