import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
// echarts' `use` registers chart parts; it is no React hook, hence the other name.
import { init, use as registerChartParts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

registerChartParts([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface ChartBar {
  /** The axis label, e.g. 旗舰营业厅. */
  name: string;
  count: number;
  /** Which classification it belongs to (tier, operation, area): one colour each. */
  group: number;
}

const GROUP_COLORS = ['#1677ff', '#13a8a8', '#d46b08'];

/**
 * Halls per tier, operation and area as one bar chart. The chart is one image to assistive
 * technology, `description` (the same numbers in words) its text alternative; the table beside it
 * holds them too.
 */
export default function CoverageChart({ bars, description }: { bars: ChartBar[]; description: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return undefined;
    const chart = init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: bars.map((bar) => bar.name), axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: bars.map((bar) => ({ value: bar.count, itemStyle: { color: GROUP_COLORS[bar.group % 3] } })),
          label: { show: true, position: 'top' },
        },
      ],
    });
    const resize = (): void => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [bars]);
  return (
    <div
      ref={element}
      className="coverage-chart"
      role="img"
      aria-label={description}
      style={{ width: '100%', height: 320 }}
    />
  );
}
