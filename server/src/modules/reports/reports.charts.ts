import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * The report's charts, drawn by ECharts on the server as SVG (no browser, no canvas): the same
 * engine and look as the dashboard's charts, and vector output that stays sharp in print. The PDF
 * writer places the SVG with svg-to-pdfkit in the embedded CJK font.
 */
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

/** The report's palette: the workbench's green, then calm accents that print well in grey too. */
export const PALETTE = ['#1f6f5c', '#d4883b', '#3e7cb1', '#9a5ba8', '#6a994e', '#c0504d'];

const TEXT = '#333333';
const AXIS = '#8c8c8c';
const GRID_LINE = '#e8e8e8';

/** Renders an option to an SVG document of this size, in points. */
function renderSvg(option: EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: 'CJK', color: TEXT, fontSize: 9 },
    ...option,
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

const axisStyle = {
  axisLine: { lineStyle: { color: AXIS } },
  axisTick: { show: false },
  axisLabel: { color: TEXT, fontSize: 8 },
  splitLine: { lineStyle: { color: GRID_LINE } },
};

/** Registrations per day as bars, resolutions per day as a line. */
export function trendChart(
  days: { label: string; registered: number; resolved: number }[],
  names: { registered: string; resolved: string },
  width: number,
  height: number,
): string {
  return renderSvg(
    {
      legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 8 } },
      grid: { left: 32, right: 8, top: 24, bottom: 22 },
      xAxis: {
        type: 'category',
        data: days.map((d) => d.label),
        ...axisStyle,
        axisLabel: { ...axisStyle.axisLabel, interval: days.length > 16 ? 2 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1, ...axisStyle },
      series: [
        {
          name: names.registered,
          type: 'bar',
          data: days.map((d) => d.registered),
          barMaxWidth: 10,
          itemStyle: { color: PALETTE[0] },
        },
        {
          name: names.resolved,
          type: 'line',
          data: days.map((d) => d.resolved),
          symbol: 'none',
          lineStyle: { width: 1.5, color: PALETTE[1] },
          itemStyle: { color: PALETTE[1] },
        },
      ],
    },
    width,
    height,
  );
}

/** One bar per area for a count, and a line for a rate (percent) on a second axis. */
export function areaChart(
  areas: { name: string; count: number; rate: number | null }[],
  names: { count: string; rate: string },
  width: number,
  height: number,
): string {
  return renderSvg(
    {
      legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 8 } },
      grid: { left: 32, right: 34, top: 24, bottom: 22 },
      xAxis: {
        type: 'category',
        data: areas.map((a) => a.name),
        ...axisStyle,
        axisLabel: { ...axisStyle.axisLabel, interval: 0 },
      },
      yAxis: [
        { type: 'value', minInterval: 1, ...axisStyle },
        {
          type: 'value',
          min: 0,
          max: 100,
          ...axisStyle,
          splitLine: { show: false },
          axisLabel: { ...axisStyle.axisLabel, formatter: '{value}%' },
        },
      ],
      series: [
        {
          name: names.count,
          type: 'bar',
          data: areas.map((a) => a.count),
          barMaxWidth: 22,
          itemStyle: { color: PALETTE[0] },
          label: { show: true, position: 'top', fontSize: 8, color: TEXT },
        },
        {
          name: names.rate,
          type: 'line',
          yAxisIndex: 1,
          data: areas.map((a) => (a.rate === null ? null : Math.round(a.rate * 1000) / 10)),
          symbolSize: 4,
          lineStyle: { width: 1.5, color: PALETTE[1] },
          itemStyle: { color: PALETTE[1] },
        },
      ],
    },
    width,
    height,
  );
}
