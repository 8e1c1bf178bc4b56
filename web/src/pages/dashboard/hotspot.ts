// The hotspot map's logic: the areas as GeoJSON, the value each area is coloured by, and where a
// click on an area leads (one level down, or into the case list below the last level).
import type { EChartsCoreOption } from 'echarts/core';
import { unitName } from '../../components/case/labels.tsx';
import { caseListLink, type DashboardQuery, type Metric, type Place } from './dashboard-query.ts';
import { overdueShare } from './format.ts';
import type { AreaItem, Areas } from './types.ts';

/** An area's name without its kind (鼓楼街道 → 鼓楼, Gulou Subdistrict → Gulou), for tight labels. */
export function shortAreaName(name: string): string {
  return name.replace(/(街道|社区|镇|乡)$/, '').replace(/ (Subdistrict|Community|Town|Township)$/, '');
}

/** The feature of the unit's own area, drawn under its sub-areas as the outline they sit in. */
export const OUTLINE = '__outline__';

/** A FeatureCollection of the unit's area and its sub-areas, each feature named by unit code. */
export function areasGeoJson(areas: Areas) {
  const feature = (name: string, coordinates: number[][][]) => ({
    type: 'Feature' as const,
    properties: { name },
    geometry: { type: 'Polygon' as const, coordinates },
  });
  const features = [];
  if (areas.area) features.push(feature(OUTLINE, areas.area));
  for (const a of areas.areas) if (a.area) features.push(feature(a.unit.code, a.area));
  return { type: 'FeatureCollection' as const, features };
}

/** The name a map is registered under: one per unit, replaced when its areas change. */
export function mapName(areas: Areas): string {
  return `shequ-${areas.unit.code}`;
}

/** What an area is coloured by: its registrations, or the share of its cases being handled that is overdue. */
export function areaValue(area: AreaItem, metric: Metric): number | null {
  return metric === 'volume'
    ? area.figures.volumes.registered
    : overdueShare(area.figures.overdueNow, area.handling.now);
}

/** An area as a place of the case list: a community goes with its street, the unit the map shows. */
export function communityPlace(areas: Areas, area: AreaItem): Place {
  const streetId = areas.unit.kind === 'street' ? areas.unit.id : undefined;
  return { kind: area.unit.kind, id: area.unit.id, ...(streetId ? { streetId } : {}) };
}

/** Where a click on an area leads. */
export type DrillTarget = { to: 'unit'; unitId: number } | { to: 'cases'; href: string } | null;

/**
 * A street drills into its communities; a community (the last level with areas) opens the case
 * list of its cases registered in the period and category.
 */
export function drillTarget(
  areas: Areas,
  code: string,
  query: Pick<DashboardQuery, 'from' | 'to'>,
  categories: string[],
): DrillTarget {
  const area = areas.areas.find((a) => a.unit.code === code);
  if (!area) return null;
  if (area.unit.kind === 'street') return { to: 'unit', unitId: area.unit.id };
  return {
    to: 'cases',
    href: caseListLink({ place: communityPlace(areas, area), from: query.from, to: query.to, categories }),
  };
}

const VOLUME_COLOURS = ['#e6f4ef', '#9fd4c2', '#4fa88e', '#1f6f5c', '#0e4235'];
const OVERDUE_COLOURS = ['#f6f8e8', '#fde7a9', '#f9b36b', '#e5603b', '#b8141b'];
const DARK_VOLUME = ['#173a5c', '#115e7a', '#0b8793', '#11a3a3', '#17bdb6'];

/** The ECharts option of the hotspot map; the map must be registered under `mapName(areas)`. */
export function hotspotOption(
  areas: Areas,
  metric: Metric,
  options: {
    language: string;
    dark?: boolean;
    labels: { high: string; low: string };
    tooltip: (a: AreaItem) => string;
  },
): EChartsCoreOption {
  const { language, dark = false } = options;
  const values = areas.areas.map((a) => areaValue(a, metric) ?? 0);
  const max = metric === 'overdue' ? Math.max(0.2, ...values) : Math.max(1, ...values);
  const byCode = new Map(areas.areas.map((a) => [a.unit.code, a]));
  const shortName = (name: string) => shortAreaName(name);
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string }) => {
        const a = byCode.get(p.name);
        return a ? `<b>${unitName(a.unit, language)}</b><br/>${options.tooltip(a)}` : '';
      },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max,
      seriesIndex: 0,
      left: 0,
      bottom: 4,
      itemHeight: 90,
      itemWidth: 10,
      text: [options.labels.high, options.labels.low],
      textStyle: { color: dark ? '#d9e6f2' : '#595959', fontSize: 11 },
      calculable: false,
      formatter: metric === 'overdue' ? (v: number) => `${Math.round(v * 100)}%` : undefined,
      inRange: { color: metric === 'overdue' ? OVERDUE_COLOURS : dark ? DARK_VOLUME : VOLUME_COLOURS },
    },
    series: [
      {
        type: 'map',
        map: mapName(areas),
        roam: false,
        selectedMode: false,
        // Longitude degrees are shorter than latitude degrees this far north (cos 30° ≈ 0.87).
        aspectScale: 0.87,
        left: 48,
        right: 8,
        top: 8,
        bottom: 8,
        itemStyle: {
          borderColor: dark ? '#0b1a2b' : '#ffffff',
          borderWidth: 2,
          areaColor: dark ? '#1b2b40' : '#f0f2f5',
        },
        label: {
          show: true,
          color: dark ? '#ffffff' : '#1f1f1f',
          fontSize: dark ? 15 : 12,
          fontWeight: 500,
          textBorderColor: dark ? 'rgba(0,0,0,0.55)' : 'rgba(255,255,255,0.85)',
          textBorderWidth: 2,
          formatter: (p: { name: string; value: number }) => {
            const a = byCode.get(p.name);
            if (!a) return '';
            const value = metric === 'volume' ? String(p.value) : `${Math.round((p.value || 0) * 100)}%`;
            return `{name|${shortName(unitName(a.unit, language))}}\n{value|${value}}`;
          },
          rich: {
            name: { fontSize: dark ? 16 : 12, lineHeight: dark ? 22 : 16 },
            value: { fontSize: dark ? 20 : 14, fontWeight: 700, lineHeight: dark ? 26 : 18 },
          },
        },
        emphasis: {
          label: { show: true },
          itemStyle: { areaColor: dark ? '#faad14' : '#ffd666', borderColor: dark ? '#fff' : '#1f6f5c' },
        },
        data: [
          ...areas.areas.map((a) => ({ name: a.unit.code, value: areaValue(a, metric) ?? 0 })),
          {
            name: OUTLINE,
            value: Number.NaN,
            silent: true,
            itemStyle: {
              areaColor: dark ? '#13243a' : '#f5f7f6',
              borderColor: dark ? '#35506e' : '#c9d3cf',
              borderType: 'dashed',
            },
            label: { show: false },
            emphasis: { disabled: true },
            tooltip: { show: false },
          },
        ],
      },
    ],
  };
}
