import { Card, Segmented } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interval } from './dashboard-query.ts';
import { EChart } from './EChart.tsx';
import { formatCount, formatMonth, formatShortDay } from './format.ts';
import type { Series, Summary } from './types.ts';

/** The channels in the order the case engine lists them; a channel the series has beyond these comes last. */
export const CHANNELS = ['hotline', 'walk_in', 'portal', 'patrol', 'open311', 'letter_visit'] as const;
export const CHANNEL_COLOURS = ['#1f6f5c', '#3e7cb1', '#d4883b', '#6a994e', '#9a5ba8', '#c0504d'];

/** A bucket's label on the axis: the day, the Monday of the week, or the month. */
export function bucketLabel(bucket: Series['buckets'][number], interval: Interval, language: string): string {
  return interval === 'month' ? formatMonth(bucket.label, language) : formatShortDay(bucket.from, language);
}

/** Registrations stacked by channel per bucket, and resolutions as a line over them. */
export function trendOption(
  series: Series,
  interval: Interval,
  options: { language: string; channelName: (c: string) => string; resolved: string; dark?: boolean },
): EChartsCoreOption {
  const { language, dark = false } = options;
  const present = new Set(series.buckets.flatMap((b) => Object.keys(b.registeredByChannel)));
  const channels = [
    ...CHANNELS.filter((c) => present.has(c)),
    ...[...present].filter((c) => !(CHANNELS as readonly string[]).includes(c)),
  ];
  const text = dark ? '#c9d6e3' : '#595959';
  const line = dark ? '#2a3f57' : '#eeeeee';
  return {
    color: CHANNEL_COLOURS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll', textStyle: { color: text } },
    grid: { left: 8, right: 12, top: 36, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: series.buckets.map((b) => bucketLabel(b, interval, language)),
      axisLabel: { color: text },
      axisLine: { lineStyle: { color: dark ? '#3d5572' : '#bfbfbf' } },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: text },
      splitLine: { lineStyle: { color: line } },
    },
    series: [
      ...channels.map((c) => ({
        name: options.channelName(c),
        type: 'bar',
        stack: 'registered',
        barMaxWidth: 28,
        emphasis: { focus: 'series' },
        data: series.buckets.map((b) => b.registeredByChannel[c] ?? 0),
      })),
      {
        name: options.resolved,
        type: 'line',
        symbolSize: 4,
        lineStyle: { width: 2, color: dark ? '#ffd666' : '#b8141b' },
        itemStyle: { color: dark ? '#ffd666' : '#b8141b' },
        data: series.buckets.map((b) => b.figures.volumes.resolved),
      },
    ],
  };
}

export function TrendPanel({
  series,
  interval,
  onInterval,
}: {
  series: Series;
  interval: Interval;
  onInterval: (interval: Interval) => void;
}) {
  const { t, i18n } = useTranslation(['dashboard', 'common']);
  const option = useMemo(
    () =>
      trendOption(series, interval, {
        language: i18n.language,
        channelName: (c) => t(`common:channel.${c}` as 'common:channel.hotline', { defaultValue: c }),
        resolved: t('dashboard:trend.resolved'),
      }),
    [series, interval, i18n.language, t],
  );
  return (
    <Card
      className="dashboard-card"
      title={t('dashboard:trend.title')}
      extra={
        <Segmented<Interval>
          size="small"
          value={interval}
          onChange={onInterval}
          aria-label={t('dashboard:trend.interval.label')}
          options={(['day', 'week', 'month'] as const).map((v) => ({
            value: v,
            label: t(`dashboard:trend.interval.${v}`),
          }))}
        />
      }
    >
      <EChart option={option} height={300} label={t('dashboard:trend.title')} />
    </Card>
  );
}

/** Registrations of the period by channel, as a ring with the total in the middle. */
export function channelOption(
  summary: Summary,
  options: { channelName: (c: string) => string; total: string; dark?: boolean },
): EChartsCoreOption {
  const counts = summary.registeredBy.channel;
  const data = [
    ...CHANNELS,
    ...Object.keys(counts).filter((c) => !(CHANNELS as readonly string[]).includes(c)),
  ]
    .filter((c) => (counts[c] ?? 0) > 0)
    .map((c) => ({ name: options.channelName(c), value: counts[c] ?? 0 }));
  const text = options.dark ? '#e6edf5' : '#1f1f1f';
  const total = data.reduce((n, d) => n + d.value, 0);
  const share = (name: string) => {
    const value = data.find((d) => d.name === name)?.value ?? 0;
    return total === 0 ? '' : ` ${Math.round((value / total) * 1000) / 10}%`;
  };
  return {
    color: CHANNEL_COLOURS,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: {
      bottom: 0,
      left: 'center',
      itemWidth: 10,
      itemHeight: 10,
      itemGap: 12,
      formatter: (name: string) => `${name}${share(name)}`,
      textStyle: { color: options.dark ? '#c9d6e3' : '#595959', fontSize: options.dark ? 14 : 12 },
    },
    series: [
      {
        type: 'pie',
        radius: ['44%', '66%'],
        center: ['50%', '40%'],
        itemStyle: { borderColor: options.dark ? '#0b1a2b' : '#fff', borderWidth: 2 },
        label: { show: false },
        data,
      },
      {
        type: 'pie',
        radius: [0, 0],
        center: ['50%', '40%'],
        silent: true,
        label: {
          show: true,
          position: 'center',
          formatter: options.total,
          fontSize: 14,
          fontWeight: 600,
          color: text,
        },
        data: [{ value: 1, name: '' }],
      },
    ],
  };
}

export function ChannelPanel({ summary }: { summary: Summary }) {
  const { t, i18n } = useTranslation(['dashboard', 'common']);
  const option = useMemo(
    () =>
      channelOption(summary, {
        channelName: (c) => t(`common:channel.${c}` as 'common:channel.hotline', { defaultValue: c }),
        total: t('dashboard:channels.total', {
          count: summary.figures.volumes.registered,
          formatted: formatCount(summary.figures.volumes.registered, i18n.language),
        }),
      }),
    [summary, t, i18n.language],
  );
  return (
    <Card className="dashboard-card" title={t('dashboard:channels.title')}>
      <EChart option={option} height={300} label={t('dashboard:channels.title')} />
    </Card>
  );
}
