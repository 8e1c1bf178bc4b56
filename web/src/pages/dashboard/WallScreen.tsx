import { FullscreenExitOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, theme } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitName } from '../../components/case/labels.tsx';
import { formatLongDate, formatTime } from '../../i18n/format.ts';
import { AttentionPanel } from './AttentionPanel.tsx';
import { compareRate } from './compare.ts';
import type { DashboardQuery, Metric } from './dashboard-query.ts';
import type { DashboardData } from './data.ts';
import { LIST_LIMIT } from './data.ts';
import { EChart } from './EChart.tsx';
import { ChangeLine, lastDay } from './FigureCards.tsx';
import { formatCount, formatHours, formatPeriod, formatRate } from './format.ts';
import { HotspotPanel } from './HotspotPanel.tsx';
import { shortAreaName } from './hotspot.ts';
import { channelOption, trendOption } from './TrendPanels.tsx';
import { RATE_KEYS } from './types.ts';

/** How often the wall screen loads its figures again. */
export const WALL_REFRESH_MS = 60_000;

/** The time now, ticking each second. */
function Clock() {
  const { i18n } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <div className="wall-clock">
      <span className="wall-clock-time">{formatTime(now, i18n.language)}</span>
      <span className="wall-clock-date">{formatLongDate(now, i18n.language)}</span>
    </div>
  );
}

/** The areas ranked by on-time rate, weakest at the bottom, as bars. */
function rankingOption(data: DashboardData, language: string): EChartsCoreOption {
  const rows = data.areas.areas
    .map((a) => ({
      name: shortAreaName(unitName(a.unit, language)),
      rate: a.figures.rates.onTime.rate,
    }))
    .sort((a, b) => (a.rate ?? -1) - (b.rate ?? -1));
  return {
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, show: false },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { color: '#d9e6f2', fontSize: 15 },
      axisLine: { show: false },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        barWidth: 14,
        data: rows.map((r, i) => ({
          value: r.rate === null ? 0 : Math.round(r.rate * 1000) / 10,
          itemStyle: {
            color: i === 0 ? '#ff7a45' : '#36cfc9',
            borderRadius: [0, 7, 7, 0],
          },
        })),
        showBackground: true,
        backgroundStyle: { color: 'rgba(255,255,255,0.06)', borderRadius: [0, 7, 7, 0] },
        label: { show: true, position: 'right', color: '#ffffff', fontSize: 14, formatter: '{c}%' },
      },
    ],
  };
}

/**
 * The command-centre wall: dark, large type, no menu, the whole view on one 1920×1080 screen. It
 * loads again every minute (the page drives that) and says when it last did; Esc leaves it.
 */
export function WallScreen({
  data,
  query,
  loadedAt,
  loading,
  categories,
  onExit,
  onUnit,
  onMetric,
}: {
  data: DashboardData;
  query: DashboardQuery;
  loadedAt: Date | null;
  loading: boolean;
  categories: string[];
  onExit: () => void;
  onUnit: (unitId: number) => void;
  onMetric: (metric: Metric) => void;
}) {
  const { t, i18n } = useTranslation(['dashboard', 'common']);
  const language = i18n.language;
  const { summary } = data;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onExit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onExit]);
  const channelName = useCallback(
    (c: string) => t(`common:channel.${c}` as 'common:channel.hotline', { defaultValue: c }),
    [t],
  );
  const trend = useMemo(
    () =>
      trendOption(data.series, query.interval, {
        language,
        channelName,
        resolved: t('dashboard:trend.resolved'),
        dark: true,
      }),
    [data.series, query.interval, language, t, channelName],
  );
  const channels = useMemo(
    () =>
      channelOption(summary, {
        channelName,
        total: t('dashboard:channels.total', { count: summary.figures.volumes.registered }),
        dark: true,
      }),
    [summary, t, channelName],
  );
  const ranking = useMemo(() => rankingOption(data, language), [data, language]);
  const period = formatPeriod(query.from, query.to, language);
  const before = summary.previous;
  const volumes = [
    { key: 'registered', value: formatCount(summary.figures.volumes.registered, language) },
    { key: 'handlingNow', value: formatCount(summary.handling.now, language) },
    {
      key: 'overdueNow',
      value: formatCount(summary.figures.overdueNow, language),
      alert: summary.figures.overdueNow > 0,
    },
    {
      key: 'averageHours',
      value: formatHours(summary.handling.averageHours),
      unit: t('dashboard:volume.hoursUnit'),
    },
  ] as const;

  return (
    <ConfigProvider
      theme={{ algorithm: theme.darkAlgorithm, token: { colorPrimary: '#36cfc9', fontSize: 16 } }}
    >
      <div
        className="wall"
        role="dialog"
        aria-modal="true"
        aria-label={t('dashboard:wall.title', { unit: unitName(summary.unit, language) })}
      >
        <header className="wall-head">
          <Clock />
          <div className="wall-title">
            <h1>{t('dashboard:wall.title', { unit: unitName(summary.unit, language) })}</h1>
            <p>
              {period}
              {summary.category && ` · ${unitName(summary.category, language)}`}
            </p>
          </div>
          <div className="wall-status">
            <span className="wall-refresh" data-testid="wall-last-refresh">
              <SyncOutlined spin={loading} aria-hidden />{' '}
              {loadedAt
                ? t('dashboard:wall.lastRefresh', { time: formatTime(loadedAt, language) })
                : t('dashboard:wall.refreshing')}
            </span>
            <span className="wall-auto">{t('dashboard:wall.auto')}</span>
            <Button icon={<FullscreenExitOutlined />} onClick={onExit}>
              {t('dashboard:wall.exit')}
            </Button>
          </div>
        </header>

        <ul className="wall-kpis">
          {RATE_KEYS.map((key) => {
            const rate = summary.figures.rates[key];
            return (
              <li
                key={key}
                className={key === 'oneTimeResolution' ? 'is-headline' : undefined}
                data-testid={`wall-${key}`}
              >
                <span className="wall-kpi-name">{t(`dashboard:figure.${key}`)}</span>
                <span className="wall-kpi-value">{formatRate(rate.rate)}</span>
                <ChangeLine
                  change={compareRate(rate.rate, before ? before.figures.rates[key].rate : null)}
                  unit="points"
                  previous={
                    before
                      ? t('dashboard:compare.previous', {
                          period: formatPeriod(before.period.from, lastDay(before.period.to), language),
                        })
                      : undefined
                  }
                />
              </li>
            );
          })}
          {volumes.map((v) => (
            <li key={v.key} className="is-volume">
              <span className="wall-kpi-name">{t(`dashboard:volume.${v.key}`)}</span>
              <span className={`wall-kpi-value${'alert' in v && v.alert ? ' is-alert' : ''}`}>
                {v.value}
                <small>{'unit' in v ? v.unit : t('dashboard:volume.casesUnit')}</small>
              </span>
            </li>
          ))}
        </ul>

        <div className="wall-body">
          <section className="wall-panel wall-left">
            <h2>{t('dashboard:wall.streetRanking')}</h2>
            {data.areas.areas.length > 0 ? (
              <EChart
                option={ranking}
                height="100%"
                dark
                label={t('dashboard:wall.streetRanking')}
                style={{ flex: 1, minHeight: 0 }}
              />
            ) : (
              <p className="wall-empty">{t('dashboard:areas.empty')}</p>
            )}
            <h2>{t('dashboard:channels.title')}</h2>
            <EChart option={channels} height={250} dark label={t('dashboard:channels.title')} />
          </section>
          <section className="wall-panel wall-map">
            <h2>{t('dashboard:map.title')}</h2>
            <HotspotPanel
              areas={data.areas}
              query={query}
              categories={categories}
              trail={[]}
              casesHref={null}
              onUnit={onUnit}
              onMetric={onMetric}
              dark
              compact
              height={450}
            />
            <h2>{t('dashboard:wall.trend')}</h2>
            <EChart option={trend} height={250} dark label={t('dashboard:trend.title')} />
          </section>
          <section className="wall-panel wall-right">
            <AttentionPanel
              list={data.overdue}
              title={t('dashboard:attention.overdue')}
              empty={t('dashboard:attention.noneOverdue')}
              total={summary.figures.overdueNow}
              allHref={null}
              limit={LIST_LIMIT}
              dark
            />
            <AttentionPanel
              list={data.supervised}
              title={t('dashboard:attention.supervised')}
              empty={t('dashboard:attention.noneSupervised')}
              total={summary.handling.supervisedNow}
              allHref={null}
              limit={LIST_LIMIT}
              dark
            />
          </section>
        </div>
      </div>
    </ConfigProvider>
  );
}
