import { describe, expect, it } from 'vitest';
import { historyOption, indicatorLabel, mostFailed, mostFailedOption, shortGroupName, tierDistributionOption } from '../chart-options';
import type { HistoryPoint, IndicatorExplanation, RankingRow } from '../api/scores';

const result = (code: string, met: boolean, applicable = true) => ({ code, met, applicable }) as IndicatorExplanation;

describe('mostFailed', () => {
  it('counts applicable unmet indicators across units, most failed first, ties by code', () => {
    const units = [
      [result('KL-01', false), result('GD-02', false), result('TT-01', true)],
      [result('KL-01', false), result('GD-02', true), result('TT-01', false)],
      [result('KL-01', true), result('TT-01', false, false)],
    ];
    expect(mostFailed(units)).toEqual([
      { code: 'KL-01', failed: 2 },
      { code: 'GD-02', failed: 1 },
      { code: 'TT-01', failed: 1 },
    ]);
  });

  it('keeps only the top entries', () => {
    expect(mostFailed([[result('A', false), result('B', false), result('C', false)]], 2)).toHaveLength(2);
  });
});

describe('most failed chart', () => {
  it('labels each bar with the code and the name, shortened at a word on the axis and whole in the tooltip', () => {
    const names = { 'KL-01': 'Tỷ lệ kết luận thanh tra được thực hiện đúng hạn trong kỳ', 'GD-02': 'Giải quyết đơn <thư>' };
    const option = mostFailedOption([{ code: 'KL-01', failed: 3 }, { code: 'GD-02', failed: 1 }, { code: 'X-9', failed: 1 }], names) as {
      yAxis: { data: string[] };
      tooltip: { formatter: (p: { dataIndex: number }[]) => string };
    };
    expect(option.yAxis.data).toEqual(['X-9', 'GD-02 · Giải quyết đơn <thư>', 'KL-01 · Tỷ lệ kết luận thanh tra được…']);
    const tip = option.tooltip.formatter([{ dataIndex: 2 }]);
    expect(tip).toContain('KL-01</strong> · Tỷ lệ kết luận thanh tra được thực hiện đúng hạn trong kỳ');
    expect(tip).toContain('Số đơn vị không đạt: <strong>3</strong>');
    expect(option.tooltip.formatter([{ dataIndex: 1 }])).toContain('Giải quyết đơn &lt;thư&gt;');
  });

  it('keeps a short name whole and a code without a name alone', () => {
    expect(indicatorLabel('A-1', 'Ngắn')).toBe('A-1 · Ngắn');
    expect(indicatorLabel('A-1', undefined)).toBe('A-1');
  });
});

describe('tier distribution', () => {
  it('counts the units of each group in each tier', () => {
    const row = (tier: string) => ({ tier }) as RankingRow;
    const option = tierDistributionOption([
      { code: 'CAX', name: 'Cụm thi đua Công an xã, phường', rows: [row('XUAT_SAC'), row('TOT'), row('TOT')] },
      { code: 'PCA', name: 'Khối thi đua các phòng Công an tỉnh', rows: [row('KHONG_HOAN_THANH')] },
    ]) as { series: { name: string; data: number[] }[]; xAxis: { data: string[] } };
    const byName = Object.fromEntries(option.series.map((s) => [s.name, s.data]));
    expect(byName['Tốt']).toEqual([2, 0]);
    expect(byName['Xuất sắc']).toEqual([1, 0]);
    expect(byName['Không hoàn thành']).toEqual([0, 1]);
    expect(option.xAxis.data).toEqual(['Công an xã, phường', 'phòng Công an tỉnh']);
  });

  it('shortens group names only by their common prefix', () => {
    expect(shortGroupName('Khối thi đua các sở, ban, ngành')).toBe('sở, ban, ngành');
    expect(shortGroupName('Nhóm khác')).toBe('Nhóm khác');
  });
});

describe('history', () => {
  const point = (period: string, kind: string, start: string, total: string | null) =>
    ({ period, kind, start, total }) as HistoryPoint;

  it('draws one line per kind of period and leaves gaps null, never 0', () => {
    const option = historyOption([
      point('2026-H1', 'half_year', '2026-01-01', '88.5'),
      point('2026-Y', 'year', '2026-01-01', null),
      point('2027-H1', 'half_year', '2027-01-01', null),
      point('2027-Y', 'year', '2027-01-01', null),
      point('2028-S', 'preliminary_review', '2026-01-01', null),
    ]) as { xAxis: { data: string[] }; series: { name: string; data: (number | null)[] }[] };
    expect(option.xAxis.data).toEqual(['2026', '2027']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['6 tháng đầu năm', [88.5, null]],
      ['Cả năm', [null, null]],
    ]);
  });
});
