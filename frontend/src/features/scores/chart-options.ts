import type { EChartsCoreOption } from 'echarts/core';
import { TIERS } from '@/components/TierBadge';
import { PILLARS } from '@/lib/labels';
import type { HistoryPoint, IndicatorExplanation } from './api/scores';
import type { RankingGroup } from './group-rows';

const TIER_COLORS: Record<string, string> = { red: '#ff4d4f', gold: '#faad14', blue: '#1677ff', green: '#52c41a' };
const round = (n: number) => Math.round(n * 100) / 100;

/** Group names without the common "Cụm/Khối thi đua" prefix, which would only crowd the axis. */
export const shortGroupName = (name: string) => name.replace(/^(Cụm|Khối) thi đua (các )?/i, '');

/** On a phone (`compact`) a category's label gets the room its bar has, so neighbours never overlap. */
const groupAxis = (groups: RankingGroup[], compact = false) => ({
  type: 'category',
  data: groups.map((g) => shortGroupName(g.name)),
  axisLabel: { interval: 0, overflow: 'break', width: compact ? 64 : 110, lineHeight: 14, fontSize: compact ? 10 : 12 },
});

/** Stacked bars: how many units of each group reached each tier. */
export function tierDistributionOption(groups: RankingGroup[], compact = false): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 16, bottom: 48, containLabel: true },
    xAxis: groupAxis(groups, compact),
    yAxis: { type: 'value', minInterval: 1 },
    series: [...TIERS].reverse().map((tier) => ({
      name: tier.short,
      type: 'bar',
      stack: 'tier',
      itemStyle: { color: TIER_COLORS[tier.color] },
      data: groups.map((g) => g.rows.filter((r) => r.tier === tier.code).length),
    })),
  };
}

/** Mean pillar score per group, over the units that have a score in that pillar. */
export function pillarAverageOption(groups: RankingGroup[], compact = false): EChartsCoreOption {
  const mean = (values: number[]) => (values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : null);
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 16, bottom: 48, containLabel: true },
    xAxis: groupAxis(groups, compact),
    yAxis: { type: 'value', max: 100 },
    series: PILLARS.map((p) => ({
      name: p.label,
      type: 'bar',
      data: groups.map((g) =>
        mean(
          g.rows
            .map((r) => r.pillars[p.code])
            .filter((s): s is string => s !== null && s !== undefined)
            .map(Number),
        ),
      ),
    })),
  };
}

/** Counts, per indicator, the units that did not meet it; the top `limit` are charted. */
export function mostFailed(results: IndicatorExplanation[][], limit = 10): { code: string; failed: number }[] {
  const counts = new Map<string, number>();
  for (const unit of results) {
    for (const r of unit) if (r.applicable && r.met === false) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([code, failed]) => ({ code, failed }))
    .sort((a, b) => b.failed - a.failed || a.code.localeCompare(b.code))
    .slice(0, limit);
}

/** An axis label: the code, then the name cut at a word boundary once it passes `max` characters. */
export function indicatorLabel(code: string, name: string | undefined, max = 32): string {
  if (!name) return code;
  if (name.length <= max) return `${code} · ${name}`;
  const cut = name.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${code} · ${(space > max / 2 ? cut.slice(0, space) : name.slice(0, max)).replace(/[\s,;:.-]+$/, '')}…`;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The indicators most units failed, as horizontal bars: each labelled with its code and name (shortened on
 * the axis, whole in the tooltip), `names` being the catalog's names by code; `compact` (a phone) leaves
 * the bars more of the width.
 */
export function mostFailedOption(
  rows: { code: string; failed: number }[],
  names: Record<string, string> = {},
  compact = false,
): EChartsCoreOption {
  const ordered = [...rows].reverse();
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // The whole name, wrapped, whatever the axis shows.
      extraCssText: 'max-width: 320px; white-space: normal;',
      formatter: (params: { dataIndex: number }[]) => {
        const row = ordered[params[0]?.dataIndex ?? 0];
        if (!row) return '';
        const name = names[row.code];
        return `<strong>${escapeHtml(row.code)}</strong>${name ? ` · ${escapeHtml(name)}` : ''}<br/>Số đơn vị không đạt: <strong>${row.failed}</strong>`;
      },
    },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, name: 'Số đơn vị' },
    yAxis: {
      type: 'category',
      data: ordered.map((r) => indicatorLabel(r.code, names[r.code])),
      // A long name never takes the bars' room: cut to the width, the tooltip has it whole.
      axisLabel: { width: compact ? 120 : 220, overflow: 'truncate', ellipsis: '…' },
    },
    series: [{ name: 'Số đơn vị không đạt', type: 'bar', itemStyle: { color: '#cf1322' }, data: ordered.map((r) => r.failed) }],
  };
}

const HISTORY_SERIES = [
  { kind: 'half_year', name: '6 tháng đầu năm' },
  { kind: 'year', name: 'Cả năm' },
] as const;

/**
 * A unit's totals by year, one line per kind of period, so that 6-month results are compared with
 * 6-month results and annual with annual. A period not started or without a result is a gap (null),
 * never a 0 that would drag the line down.
 */
export function historyOption(points: HistoryPoint[]): EChartsCoreOption {
  const years = [...new Set(points.filter((p) => p.kind === 'half_year' || p.kind === 'year').map((p) => p.start.slice(0, 4)))].sort();
  const total = (kind: string, year: string) => {
    const point = points.find((p) => p.kind === kind && p.start.startsWith(year));
    return point?.total === null || point?.total === undefined ? null : round(Number(point.total));
  };
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: years },
    yAxis: { type: 'value', min: 0 },
    series: HISTORY_SERIES.map((series) => ({
      name: series.name,
      type: 'line',
      connectNulls: false,
      data: years.map((year) => total(series.kind, year)),
      label: { show: true },
    })),
  };
}
