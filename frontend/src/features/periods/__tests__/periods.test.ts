import { describe, expect, it } from 'vitest';
import { defaultPeriod, reportingPeriods, type Period } from '../api/periods';

const period = (code: string, start: string, end: string, due: string, extra: Partial<Period> = {}): Period => ({
  code,
  name: code,
  kind: 'year',
  start,
  end,
  due,
  status: 'open',
  scheme_version: null,
  spans: [],
  ...extra,
});

const PERIODS = [
  period('2026-H1', '2026-01-01', '2026-06-30', '2026-06-20', { status: 'locked' }),
  period('2026-Y', '2026-01-01', '2026-12-31', '2026-11-30'),
  period('2027-H1', '2027-01-01', '2027-06-30', '2027-06-20'),
  period('2028-S', '2026-01-01', '2028-12-31', '2028-11-30', { spans: ['2026-Y', '2027-Y', '2028-Y'] }),
];

describe('periods', () => {
  it('leaves review periods out of the ones that take values', () => {
    expect(reportingPeriods(PERIODS).map((p) => p.code)).toEqual(['2026-H1', '2026-Y', '2027-H1']);
  });

  it('defaults to the open period due first', () => {
    expect(defaultPeriod(PERIODS)?.code).toBe('2026-Y');
  });
});
