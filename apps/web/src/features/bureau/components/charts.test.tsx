import { render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../app/i18n';
import { ChartCard } from './ChartCard';
import { clip, DonutChart, FunnelChart, HorizontalBarChart, ticks, TrendLineBarChart } from './charts';

const marks = (container: HTMLElement, kind: string) => container.querySelectorAll(`[data-mark="${kind}"]`);
const titles = (container: HTMLElement) => [...container.querySelectorAll('title')].map((title) => title.textContent);
const texts = (container: HTMLElement) => [...container.querySelectorAll('svg text')].map((text) => text.textContent);

/** No NaN or Infinity in any drawn attribute. */
function allFinite(container: HTMLElement): boolean {
  return [...container.querySelectorAll('svg *')].every((element) =>
    [...element.attributes].every((attribute) => !/NaN|Infinity/.test(attribute.value)),
  );
}

describe('the SVG charts', () => {
  it('draws the trend: a point per month and line, a bar per month, both axes named, the legend', () => {
    const { container } = render(
      <TrendLineBarChart
        chart={{
          categories: ['2026-01', '2026-02', '2026-03'],
          lines: [
            { name: '挂牌成果', data: [1, 3, 0] },
            { name: '匹配', data: [0, 2, 7] },
          ],
          bars: { name: '合同成交额', data: [0, 180.12, 50] },
          leftAxis: '数量',
          rightAxis: '万元',
        }}
      />,
    );
    expect(container.querySelector('svg')?.getAttribute('width')).toBe('100%');
    expect(container.querySelector('svg')?.getAttribute('viewBox')).toMatch(/^0 0 \d+ 300$/);
    expect(marks(container, 'point')).toHaveLength(6);
    expect(marks(container, 'bar')).toHaveLength(3);
    expect(container.querySelectorAll('polyline')).toHaveLength(2);
    expect(texts(container)).toEqual(expect.arrayContaining(['数量', '万元', '2026-01', '2026-02', '2026-03']));
    expect(titles(container)).toEqual(expect.arrayContaining(['2026-02 合同成交额: 180.12', '2026-03 匹配: 7']));
    expect(screen.getByTestId('chart-legend').textContent).toBe('挂牌成果匹配合同成交额');
    expect(allFinite(container)).toBe(true);
  });

  it('draws grouped horizontal bars, the first category at the top, with value labels', () => {
    const { container } = render(
      <HorizontalBarChart
        chart={{
          categories: ['Low-altitude economy', 'Artificial intelligence', 'Unclassified'],
          series: [
            { name: 'Listed', data: [2, 9, 1] },
            { name: 'Contract value', data: [200, 10, 0] },
          ],
        }}
        height={240}
      />,
    );
    const bars = [...marks(container, 'bar')];
    expect(bars).toHaveLength(6);
    const y = (index: number) => Number(bars[index].getAttribute('y'));
    expect(y(0)).toBeLessThan(y(2)); // Low-altitude above Artificial intelligence
    expect(Number(bars[1].getAttribute('width'))).toBeGreaterThan(Number(bars[3].getAttribute('width')));
    expect(texts(container)).toEqual(expect.arrayContaining(['Low-altitude economy', '200', '9']));
    expect(titles(container)).toContain('Artificial intelligence Contract value: 10');
    expect(screen.getByTestId('chart-legend').textContent).toBe('ListedContract value');
    expect(allFinite(container)).toBe(true);
  });

  it('draws a leaderboard (one series, no legend) and nothing but the axis for no rows', () => {
    const one = render(
      <HorizontalBarChart chart={{ categories: ['甲大学'], series: [{ name: '合同成交额', data: [321.5] }] }} />,
    );
    expect(marks(one.container, 'bar')).toHaveLength(1);
    expect(one.queryByTestId('chart-legend')).toBeNull();
    one.unmount();
    const none = render(<HorizontalBarChart chart={{ categories: [], series: [{ name: '合同成交额', data: [] }] }} />);
    expect(marks(none.container, 'bar')).toHaveLength(0);
    expect(allFinite(none.container)).toBe(true);
  });

  it('draws the funnel: a step per stage with its count and conversion', () => {
    const { container } = render(
      <FunnelChart
        conversionLabel="环节转化率"
        steps={[
          { name: '成果', value: 100, conversion: null },
          { name: '匹配', value: 40, conversion: 0.4 },
          { name: '引荐', value: 0, conversion: 0 },
        ]}
      />,
    );
    expect(marks(container, 'step')).toHaveLength(3);
    expect(texts(container)).toEqual(expect.arrayContaining(['成果: 100', '匹配: 40', '环节转化率 40.0%', '引荐: 0']));
    const empty = render(<FunnelChart conversionLabel="x" steps={[{ name: '成果', value: 0, conversion: null }]} />);
    expect(allFinite(empty.container)).toBe(true);
  });

  it('draws the donut: a slice per type with a value, labelled with its share; a single type is a whole ring', () => {
    const { container } = render(
      <DonutChart
        slices={[
          { name: '技术许可', value: 150 },
          { name: '技术转让', value: 50 },
          { name: '技术咨询', value: 0 },
        ]}
      />,
    );
    expect(marks(container, 'slice')).toHaveLength(2);
    expect(texts(container)).toEqual(['技术许可: 75.0%', '技术转让: 25.0%']);
    expect(titles(container)).toContain('技术许可: 150 (75.0%)');
    expect(screen.getByTestId('chart-legend').textContent).toBe('技术许可 75.0%技术转让 25.0%');
    const whole = render(<DonutChart slices={[{ name: '技术服务', value: 10 }]} />);
    expect(marks(whole.container, 'slice')).toHaveLength(2);
    expect(allFinite(whole.container)).toBe(true);
    const none = render(<DonutChart slices={[]} />);
    expect(marks(none.container, 'slice')).toHaveLength(0);
  });

  it('picks round axis ticks and cuts long labels', () => {
    expect(ticks(7, 5, true)).toEqual([0, 2, 4, 6, 8]);
    expect(ticks(180.12)).toEqual([0, 50, 100, 150, 200]);
    expect(ticks(3, 5, true)).toEqual([0, 1, 2, 3]);
    expect(ticks(0)).toEqual([0, 1]);
    expect(clip('浙江大学', 100)).toBe('浙江大学');
    expect(clip('浙江大学技术转移中心有限公司', 60)).toBe('浙江大学…');
  });
});

describe('a chart card', () => {
  const card = (props: Partial<Parameters<typeof ChartCard<{ k: string }>>[0]>) => (
    <I18nextProvider i18n={i18n}>
      <ChartCard<{ k: string }>
        id="c"
        title="合同类型"
        chart={<DonutChart slices={[{ name: '技术许可', value: 1 }]} />}
        columns={[{ key: 'k', title: 'k', value: (row) => row.k }]}
        rows={[{ k: 'a' }]}
        rowKey={(row) => row.k}
        fileName="c.csv"
        {...props}
      />
    </I18nextProvider>
  );

  it('shows the chart as an image named after its title and says when it has drawn', async () => {
    const onRendered = vi.fn();
    render(card({ onRendered }));
    expect(screen.getByRole('img', { name: /合同类型/ }).querySelector('svg')).not.toBeNull();
    await waitFor(() => expect(onRendered).toHaveBeenCalledWith('c'));
  });

  it('shows a skeleton while loading and a sentence when there is nothing to draw', async () => {
    const onRendered = vi.fn();
    const loading = render(card({ loading: true, onRendered }));
    expect(loading.container.querySelector('[data-mark]')).toBeNull();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(onRendered).not.toHaveBeenCalled();
    loading.unmount();
    render(card({ rows: [] }));
    expect(screen.getByText(i18n.t('bureau.chart.empty'))).toBeTruthy();
    expect(screen.queryByRole('img', { name: /合同类型/ })).toBeNull();
  });
});
