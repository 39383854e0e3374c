// The one module that imports echarts: loaded on demand by ChartCard, so only the bureau's screens carry it.
import { useEffect, useMemo, useRef } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
// The plain legend only (the options set no `type: 'scroll'`): LegendComponent would bring the scrolling one too.
import { AriaComponent, GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  FunnelChart,
  LineChart,
  PieChart,
  AriaComponent,
  GridComponent,
  LegendPlainComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export interface EChartProps {
  option: object;
  height: number;
  /** Called once the chart has drawn its current option. */
  onRendered?: () => void;
}

/** The app's self-hosted font: a canvas has no fallback to it, so the charts name it. */
const FONT = "'Noto Sans SC', -apple-system, 'Segoe UI', Roboto, 'PingFang SC', 'Microsoft YaHei', sans-serif";

export default function EChart({ option, height, onRendered }: EChartProps) {
  const chart = useRef<ReactEChartsCore>(null);
  const withFont = useMemo(() => ({ textStyle: { fontFamily: FONT }, ...option }), [option]);
  const text = useMemo(() => JSON.stringify(option), [option]);
  // The web font comes in unicode-range subsets, loaded for the glyphs the page shows: text drawn only on the
  // canvas may need subsets nobody asked for. Load them for this chart's text, then draw it again.
  useEffect(() => {
    let live = true;
    if (typeof document === 'undefined' || !document.fonts) return;
    document.fonts.load("12px 'Noto Sans SC'", text).then(
      (faces) => {
        if (live && faces.length > 0) chart.current?.getEchartsInstance().setOption(withFont, true);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [text, withFont]);
  return (
    <ReactEChartsCore
      ref={chart}
      echarts={echarts}
      option={withFont}
      notMerge
      style={{ height, width: '100%' }}
      onEvents={onRendered ? { finished: onRendered } : undefined}
    />
  );
}
