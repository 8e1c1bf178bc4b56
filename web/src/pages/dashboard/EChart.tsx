import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { type CSSProperties, createContext, useContext, useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  MapChart,
  PieChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
  SVGRenderer,
]);

/** Registers (or replaces) a GeoJSON map under a name, for map series. */
export function registerMap(name: string, geoJson: object): void {
  echarts.registerMap(name, geoJson as Parameters<typeof echarts.registerMap>[1]);
}

/**
 * Which renderer charts use: canvas in browsers; component tests give SVG, which needs no canvas
 * (happy-dom has none).
 */
export const ChartRenderer = createContext<'canvas' | 'svg'>('canvas');

export interface ChartClick {
  name: string;
  seriesType?: string;
  dataIndex: number;
  data: unknown;
}

/**
 * One ECharts chart in a box: created once, given each new option whole (no merging, so a series
 * removed is gone), resized with its box, disposed with the component. `dark` uses ECharts' dark theme.
 */
export function EChart({
  option,
  height,
  dark = false,
  onClick,
  label,
  style,
}: {
  option: EChartsCoreOption;
  height: number | string;
  dark?: boolean;
  onClick?: (event: ChartClick) => void;
  /** What the chart shows, for screen readers (the figures are also in the tables beside it). */
  label: string;
  style?: CSSProperties;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const optionRef = useRef(option);
  optionRef.current = option;
  const renderer = useContext(ChartRenderer);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    // A box not laid out yet (or a test DOM) has no size: start from a nominal one.
    const sized = element.clientWidth > 0 && element.clientHeight > 0;
    const instance = echarts.init(element, dark ? 'dark' : undefined, {
      renderer,
      ...(sized ? {} : { width: 600, height: 300 }),
    });
    chart.current = instance;
    instance.setOption({ backgroundColor: 'transparent', ...optionRef.current }, { notMerge: true });
    instance.on('click', (params) => {
      const p = params as unknown as ChartClick;
      clickRef.current?.({ name: p.name, seriesType: p.seriesType, dataIndex: p.dataIndex, data: p.data });
    });
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            if (element.clientWidth > 0) instance.resize();
          });
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [dark, renderer]);

  useEffect(() => {
    chart.current?.setOption(
      { backgroundColor: 'transparent', ...option },
      { notMerge: true, lazyUpdate: true },
    );
  }, [option]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height, ...style }} />;
}
