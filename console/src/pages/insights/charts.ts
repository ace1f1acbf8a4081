import type { ChartOption } from './EChart';

/** One day's counts, as `searchInsights.daily` gives them. */
export interface DayCounts {
  day: string;
  totalSearches: number;
  zeroResultSearches: number;
  degradedSearches: number;
}

const COLORS = { total: '#1456c9', zero: '#c41d1f', degraded: '#ad6800' };

/** The daily chart: searches as bars, zero-result and degraded searches as lines. */
export function dailyOption(
  days: readonly DayCounts[],
  names: { total: string; zero: string; degraded: string },
): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: days.map((day) => day.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: names.total, type: 'bar', color: COLORS.total, data: days.map((day) => day.totalSearches) },
      { name: names.zero, type: 'line', color: COLORS.zero, data: days.map((day) => day.zeroResultSearches) },
      {
        name: names.degraded,
        type: 'line',
        color: COLORS.degraded,
        lineStyle: { type: 'dashed' },
        data: days.map((day) => day.degradedSearches),
      },
    ],
  };
}

/** The top queries as horizontal bars, the most frequent on top. */
export function topQueriesOption(
  rows: ReadonlyArray<{ query: string; count: number }>,
  name: string,
): ChartOption {
  const shown = rows.slice(0, 10).reverse();
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((row) => row.query) },
    series: [{ name, type: 'bar', color: COLORS.total, data: shown.map((row) => row.count) }],
  };
}
