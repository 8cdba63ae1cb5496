import { describe, expect, it } from 'vitest';
import { changesSinceReturn, describeAuditedValue } from '../changes';
import type { HistoryEntry } from '../api/submissions';

const entry = (action: string, before: unknown = null, after: unknown = null, actor = 'baocao.cax'): HistoryEntry => ({
  at: '2026-06-10T08:00:00+07:00',
  actor,
  action,
  before,
  after,
  reason: null,
});

describe('values changed since the last return', () => {
  it('compares each value at the return with its value now', () => {
    const history = [
      entry('values.save', {}, { 'KL-09': { count: 1 }, 'KL-01': { numerator: 40, denominator: 40 } }),
      entry('submission.submit'),
      entry('submission.return', null, null, 'reviewer'),
      entry('values.save', { 'KL-09': { count: 1 }, 'KL-01': { numerator: 40, denominator: 40 } }, { 'KL-09': { count: 2 }, 'KL-01': { numerator: 40, denominator: 40 } }),
      entry('values.save', { 'KL-09': { count: 2 } }, { 'KL-09': { count: 0, note: 'Biên bản' } }),
      entry('values.save', {}, { 'GD-02': { flag: true } }),
      entry('submission.submit'),
    ];
    expect(changesSinceReturn(history).map((c) => [c.indicator, describeAuditedValue(c.before), describeAuditedValue(c.after)])).toEqual([
      ['GD-02', 'Chưa nhập', 'Có'],
      ['KL-09', '1', '0 (Biên bản)'],
    ]);
  });

  it('lists nothing before a first return, nor values changed and changed back', () => {
    expect(changesSinceReturn([entry('values.save', {}, { 'KL-09': { count: 1 } })])).toEqual([]);
    const back = [
      entry('submission.reopen'),
      entry('values.save', { 'KL-09': { count: 1 } }, { 'KL-09': { count: 2 } }),
      entry('values.save', { 'KL-09': { count: 2 } }, { 'KL-09': { count: 1 } }),
    ];
    expect(changesSinceReturn(back)).toEqual([]);
  });
});
