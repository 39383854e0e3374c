// The dashboard's charts, hand-written SVG: a line + bar chart on two axes, horizontal (grouped) bars, a funnel and
// a donut. Text is SVG text in the page's own font (the self-hosted CJK font, no canvas to teach it); every mark has
// a <title> (the browser's tooltip); the width follows the card (measured, so text keeps its size).
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import type { BarsChart, FunnelStep, Slice, TrendChart } from '../dashboard-data';

/** The theme's primary blue, then the tags' green, orange and red, then two more at the same depth. */
export const CHART_COLOURS = [
  '#1d5fbf',
  TAG_COLOURS.mode,
  TAG_COLOURS.warning,
  TAG_COLOURS.danger,
  '#6b3fa0',
  '#0b7285',
  '#8c6d1f',
] as const;
const colour = (index: number) => CHART_COLOURS[index % CHART_COLOURS.length];

const TEXT = '#595959';
const GRID = '#e5e5e5';
const AXIS = '#8c8c8c';
const FONT_SIZE = 12;
/** The trend's bars are lighter, so the lines in front of them stay readable. */
const BAR_OPACITY = 0.45;

// ---- helpers (exported for the tests) ----

/** About how wide a text is drawn at 12 px: CJK characters a full em, others a bit more than half. */
export function textWidth(text: string, size = FONT_SIZE): number {
  let width = 0;
  for (const char of text) width += char.codePointAt(0)! >= 0x2e80 ? size : size * 0.6;
  return width;
}

/** The text cut to the width, with an ellipsis (the full text stays in the mark's title). */
export function clip(text: string, max: number, size = FONT_SIZE): string {
  if (textWidth(text, size) <= max) return text;
  let out = '';
  for (const char of text) {
    if (textWidth(`${out}${char}…`, size) > max) break;
    out += char;
  }
  return `${out}…`;
}

/** Axis ticks from 0 past the maximum at a round step (1, 2 or 5 × 10ⁿ); whole numbers only for counts. */
export function ticks(max: number, count = 5, integer = false): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normal = raw / magnitude;
  let step = (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 5 ? 5 : 10) * magnitude;
  if (integer) step = Math.max(1, Math.ceil(step));
  const top = Math.ceil(max / step - 1e-9) * step;
  const out: number[] = [];
  for (let index = 0; index * step <= top + step / 2; index += 1) out.push(Number((index * step).toFixed(6)));
  return out;
}

export function formatNumber(value: number): string {
  return Number(value.toFixed(2)).toLocaleString('en-US');
}

/** The element's width, followed as it changes (fallback before it is measured, and in jsdom). */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const measured = Math.round(element.getBoundingClientRect().width);
      if (measured > 0) setWidth(measured);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

function Frame({
  height,
  legend,
  children,
}: {
  height: number;
  legend?: ReadonlyArray<LegendItem>;
  children: (width: number) => ReactNode;
}) {
  const [ref, width] = useWidth(600);
  return (
    <div ref={ref} style={{ width: '100%' }}>
      {legend && legend.length > 0 ? <Legend items={legend} /> : null}
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        height={height}
        fontSize={FONT_SIZE}
        fill={TEXT}
        style={{ display: 'block', overflow: 'visible' }}
      >
        {children(width)}
      </svg>
    </div>
  );
}

interface LegendItem {
  name: string;
  colour: string;
  line?: boolean;
  opacity?: number;
}

function Legend({ items }: { items: ReadonlyArray<LegendItem> }) {
  return (
    <div
      data-testid="chart-legend"
      style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'center', gap: '4px 16px', fontSize: 12 }}
    >
      {items.map((item) => (
        <span key={item.name} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
          <span
            aria-hidden
            style={{
              display: 'inline-block',
              width: 14,
              height: item.line ? 3 : 10,
              borderRadius: 2,
              background: item.colour,
              opacity: item.opacity,
            }}
          />
          {item.name}
        </span>
      ))}
    </div>
  );
}

// ---- the monthly trend: counts as lines (left axis), an amount as bars (right axis) ----

export function TrendLineBarChart({ chart, height = 300 }: { chart: TrendChart; height?: number }) {
  const barColour = colour(chart.lines.length);
  const legend = [
    ...chart.lines.map((line, index) => ({ name: line.name, colour: colour(index), line: true })),
    { name: chart.bars.name, colour: barColour, opacity: BAR_OPACITY },
  ];
  return (
    <Frame height={height} legend={legend}>
      {(width) => {
        const left = 48;
        const right = 60;
        const top = 28;
        const bottom = 28;
        const plotWidth = Math.max(10, width - left - right);
        const plotHeight = Math.max(10, height - top - bottom);
        const count = chart.categories.length;
        const band = count > 0 ? plotWidth / count : plotWidth;
        const leftTicks = ticks(Math.max(0, ...chart.lines.flatMap((line) => line.data)), 5, true);
        const rightTicks = ticks(Math.max(0, ...chart.bars.data), 5);
        const leftTop = leftTicks.at(-1)!;
        const rightTop = rightTicks.at(-1)!;
        const x = (index: number) => left + band * (index + 0.5);
        const yLeft = (value: number) => top + plotHeight - (value / leftTop) * plotHeight;
        const yRight = (value: number) => top + plotHeight - (value / rightTop) * plotHeight;
        const barWidth = Math.min(24, band * 0.6);
        // Month labels: every n-th when they would not fit side by side.
        const every = Math.max(1, Math.ceil((textWidth('2026-01') + 12) / band));
        return (
          <>
            <text x={left} y={12} textAnchor="middle">
              {chart.leftAxis}
            </text>
            <text x={left + plotWidth} y={12} textAnchor="middle">
              {chart.rightAxis}
            </text>
            {leftTicks.map((tick) => (
              <g key={`l${tick}`}>
                <line x1={left} x2={left + plotWidth} y1={yLeft(tick)} y2={yLeft(tick)} stroke={GRID} />
                <text x={left - 6} y={yLeft(tick) + 4} textAnchor="end">
                  {formatNumber(tick)}
                </text>
              </g>
            ))}
            {rightTicks.map((tick) => (
              <text key={`r${tick}`} x={left + plotWidth + 6} y={yRight(tick) + 4}>
                {formatNumber(tick)}
              </text>
            ))}
            <line x1={left} x2={left + plotWidth} y1={top + plotHeight} y2={top + plotHeight} stroke={AXIS} />
            {chart.categories.map((category, index) =>
              index % every === 0 ? (
                <text key={category} x={x(index)} y={top + plotHeight + 18} textAnchor="middle">
                  {category}
                </text>
              ) : null,
            )}
            <g fill={barColour} fillOpacity={BAR_OPACITY}>
              {chart.bars.data.map((value, index) => (
                <rect
                  key={chart.categories[index]}
                  data-mark="bar"
                  x={x(index) - barWidth / 2}
                  y={yRight(value)}
                  width={barWidth}
                  height={Math.max(0, top + plotHeight - yRight(value))}
                >
                  <title>{`${chart.categories[index]} ${chart.bars.name}: ${formatNumber(value)}`}</title>
                </rect>
              ))}
            </g>
            {chart.lines.map((line, lineIndex) => (
              <g key={line.name} data-series={line.name}>
                <polyline
                  fill="none"
                  stroke={colour(lineIndex)}
                  strokeWidth={2}
                  points={line.data.map((value, index) => `${x(index)},${yLeft(value)}`).join(' ')}
                />
                {line.data.map((value, index) => (
                  <circle
                    key={chart.categories[index]}
                    data-mark="point"
                    cx={x(index)}
                    cy={yLeft(value)}
                    r={3}
                    fill="#fff"
                    stroke={colour(lineIndex)}
                    strokeWidth={2}
                  >
                    <title>{`${chart.categories[index]} ${line.name}: ${formatNumber(value)}`}</title>
                  </circle>
                ))}
              </g>
            ))}
          </>
        );
      }}
    </Frame>
  );
}

// ---- horizontal bars, grouped when there are several series; the first category at the top ----

export function HorizontalBarChart({ chart, height = 300 }: { chart: BarsChart; height?: number }) {
  const legend =
    chart.series.length > 1 ? chart.series.map((series, index) => ({ name: series.name, colour: colour(index) })) : [];
  return (
    <Frame height={height} legend={legend}>
      {(width) => {
        const labelWidth = Math.min(
          Math.max(0, ...chart.categories.map((category) => textWidth(category))),
          Math.round(width * 0.35),
        );
        const left = labelWidth + 12;
        const right = 56; // room for the value labels
        const top = 4;
        const bottom = 24;
        const plotWidth = Math.max(10, width - left - right);
        const plotHeight = Math.max(10, height - top - bottom);
        const count = chart.categories.length;
        const band = plotHeight / Math.max(1, count);
        const scale = ticks(Math.max(0, ...chart.series.flatMap((series) => series.data)));
        const max = scale.at(-1)!;
        const barHeight = Math.min(20, (band * 0.7) / Math.max(1, chart.series.length));
        const x = (value: number) => left + (value / max) * plotWidth;
        return (
          <>
            {scale.map((tick) => (
              <g key={tick}>
                <line x1={x(tick)} x2={x(tick)} y1={top} y2={top + plotHeight} stroke={GRID} />
                <text x={x(tick)} y={top + plotHeight + 16} textAnchor="middle">
                  {formatNumber(tick)}
                </text>
              </g>
            ))}
            <line x1={left} x2={left} y1={top} y2={top + plotHeight} stroke={AXIS} />
            {chart.categories.map((category, index) => {
              const middle = top + band * (index + 0.5);
              const groupTop = middle - (barHeight * chart.series.length) / 2;
              return (
                <g key={`${category}-${index}`}>
                  <g>
                    <title>{category}</title>
                    <text x={left - 8} y={middle + 4} textAnchor="end">
                      {clip(category, labelWidth)}
                    </text>
                  </g>
                  {chart.series.map((series, seriesIndex) => {
                    const value = series.data[index] ?? 0;
                    const y = groupTop + seriesIndex * barHeight;
                    return (
                      <g key={series.name}>
                        <rect
                          data-mark="bar"
                          x={left}
                          y={y + 1}
                          width={Math.max(0, x(value) - left)}
                          height={Math.max(1, barHeight - 2)}
                          fill={colour(seriesIndex)}
                          rx={2}
                        >
                          <title>{`${category} ${series.name}: ${formatNumber(value)}`}</title>
                        </rect>
                        {barHeight >= 12 ? (
                          <text x={x(value) + 4} y={y + barHeight / 2 + 4} fontSize={11}>
                            {formatNumber(value)}
                          </text>
                        ) : null}
                      </g>
                    );
                  })}
                </g>
              );
            })}
          </>
        );
      }}
    </Frame>
  );
}

// ---- the funnel: steps top to bottom, each as wide as its count (at least 8 %); labels on the right ----

export function FunnelChart({
  steps,
  conversionLabel,
  height = 300,
}: {
  steps: readonly FunnelStep[];
  conversionLabel: string;
  height?: number;
}) {
  return (
    <Frame height={height}>
      {(width) => {
        const funnelWidth = width * 0.6;
        const centre = width * 0.05 + funnelWidth / 2;
        const max = Math.max(0, ...steps.map((step) => step.value));
        const size = (value: number) => funnelWidth * Math.max(0.08, max > 0 ? value / max : 0);
        const gap = 4;
        const stepHeight = steps.length > 0 ? (height - gap * (steps.length - 1)) / steps.length : height;
        return steps.map((step, index) => {
          const y = index * (stepHeight + gap);
          const upper = size(step.value);
          const lower = index + 1 < steps.length ? size(steps[index + 1].value) : upper * 0.8;
          const points = [
            [centre - upper / 2, y],
            [centre + upper / 2, y],
            [centre + lower / 2, y + stepHeight],
            [centre - lower / 2, y + stepHeight],
          ];
          const percent = step.conversion === null ? null : `${(step.conversion * 100).toFixed(1)}%`;
          return (
            <g key={step.name}>
              <polygon data-mark="step" points={points.map((point) => point.join(',')).join(' ')} fill={colour(index)}>
                <title>{`${step.name}: ${formatNumber(step.value)}${percent ? ` (${conversionLabel} ${percent})` : ''}`}</title>
              </polygon>
              <text x={width * 0.7} y={y + stepHeight / 2 + (percent ? -2 : 4)} fill="#1f1f1f">
                {`${step.name}: ${formatNumber(step.value)}`}
              </text>
              {percent ? (
                <text x={width * 0.7} y={y + stepHeight / 2 + 14} fontSize={11}>
                  {`${conversionLabel} ${percent}`}
                </text>
              ) : null}
            </g>
          );
        });
      }}
    </Frame>
  );
}

// ---- the donut: slices by value, labelled with their share ----

function arc(cx: number, cy: number, outer: number, inner: number, start: number, end: number): string {
  const point = (radius: number, angle: number) => `${cx + radius * Math.sin(angle)},${cy - radius * Math.cos(angle)}`;
  const large = end - start > Math.PI ? 1 : 0;
  return [
    `M${point(outer, start)}`,
    `A${outer},${outer} 0 ${large} 1 ${point(outer, end)}`,
    `L${point(inner, end)}`,
    `A${inner},${inner} 0 ${large} 0 ${point(inner, start)}`,
    'Z',
  ].join(' ');
}

export function DonutChart({ slices, height = 300 }: { slices: readonly Slice[]; height?: number }) {
  const shown = slices.filter((slice) => slice.value > 0);
  const total = shown.reduce((sum, slice) => sum + slice.value, 0);
  const share = (value: number) => `${((value / total) * 100).toFixed(1)}%`;
  return (
    <Frame
      height={height}
      legend={shown.map((slice, index) => ({ name: `${slice.name} ${share(slice.value)}`, colour: colour(index) }))}
    >
      {(width) => {
        const outer = Math.max(10, Math.min(height / 2 - 24, width / 4));
        const inner = outer * (40 / 68);
        const cx = width / 2;
        const cy = height / 2;
        let angle = 0;
        return shown.map((slice, index) => {
          const sweep = (slice.value / total) * Math.PI * 2;
          const start = angle;
          // A whole ring is two halves (an SVG arc cannot start and end at the same point).
          const paths =
            sweep >= Math.PI * 2 - 1e-9
              ? [arc(cx, cy, outer, inner, 0, Math.PI), arc(cx, cy, outer, inner, Math.PI, Math.PI * 2)]
              : [arc(cx, cy, outer, inner, start, start + sweep)];
          angle += sweep;
          const middle = start + sweep / 2;
          const labelX = cx + (outer + 10) * Math.sin(middle);
          const labelY = cy - (outer + 10) * Math.cos(middle);
          const text = `${slice.name}: ${share(slice.value)}`;
          return (
            <g key={slice.name} fill={colour(index)}>
              {paths.map((d) => (
                <path key={d} data-mark="slice" d={d} stroke="#fff" strokeWidth={1}>
                  <title>{`${slice.name}: ${formatNumber(slice.value)} (${share(slice.value)})`}</title>
                </path>
              ))}
              {sweep > 0.12 ? (
                <text x={labelX} y={labelY + 4} textAnchor={Math.sin(middle) >= 0 ? 'start' : 'end'} fill="#1f1f1f">
                  {clip(text, width / 2 - outer - 16)}
                </text>
              ) : null}
            </g>
          );
        });
      }}
    </Frame>
  );
}
