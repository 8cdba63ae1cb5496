import { describe, expect, it } from 'vitest';
import { dayjs } from '@/lib/format';
import { isFilled, toFormValues, toValueInputs, validateField } from '../form-values';
import type { SubmissionIndicator } from '../api/submissions';

const indicator = (
  code: string,
  measure: SubmissionIndicator['measure'],
  value: SubmissionIndicator['value'] = null,
): SubmissionIndicator => ({ code, pillar: 'KL', measure, name: code, rule_text: '', input_hint: '', veto: false, value, evidence: [] });

describe('validateField', () => {
  it('accepts a ratio whose numerator does not exceed its denominator, including equal', () => {
    expect(validateField('ratio', { numerator: 19, denominator: 20 })).toEqual({});
    expect(validateField('ratio', { numerator: 20, denominator: 20 })).toEqual({});
  });

  it('rejects a numerator above the denominator on the numerator field', () => {
    expect(validateField('ratio', { numerator: 21, denominator: 20 })).toEqual({
      numerator: 'Số đạt không được lớn hơn tổng số',
    });
  });

  it('asks for the missing half of a ratio', () => {
    expect(validateField('ratio', { numerator: 3, denominator: null })).toEqual({
      denominator: 'Cần nhập cả số đạt và tổng số',
    });
    expect(validateField('ratio', { numerator: null, denominator: 3 })).toEqual({
      numerator: 'Cần nhập cả số đạt và tổng số',
    });
  });

  it('rejects negative and fractional counts', () => {
    expect(validateField('count', { count: -1 })).toEqual({ count: 'Không được là số âm' });
    expect(validateField('count', { count: 1.5 })).toEqual({ count: 'Phải là số nguyên' });
    expect(validateField('ratio', { numerator: 1.5, denominator: 2 })).toEqual({ numerator: 'Phải là số nguyên' });
  });

  it('allows blanks, which a draft may keep', () => {
    expect(validateField('count', { count: null })).toEqual({});
    expect(validateField('ratio', {})).toEqual({});
  });
});

describe('form conversion', () => {
  const indicators = [indicator('A', 'ratio'), indicator('B', 'count'), indicator('C', 'flag'), indicator('D', 'date')];

  it('sends only the fields of each measure, dates as ISO', () => {
    const form = {
      A: { numerator: 1, denominator: 2, count: 9, note: 'văn bản số 12' },
      B: { count: 0, flag: true },
      C: { flag: false },
      D: { date: dayjs('2026-05-04') },
    };
    expect(toValueInputs(indicators, form)).toEqual([
      { indicator: 'A', numerator: 1, denominator: 2, note: 'văn bản số 12' },
      { indicator: 'B', count: 0, note: null },
      { indicator: 'C', flag: false, note: null },
      { indicator: 'D', date: '2026-05-04', note: null },
    ]);
  });

  it('round-trips stored values through the form', () => {
    const stored = [indicator('D', 'date', { numerator: null, denominator: null, count: null, flag: null, date: '2026-05-04', note: 'x' })];
    const back = toValueInputs(stored, toFormValues(stored));
    expect(back).toEqual([{ indicator: 'D', date: '2026-05-04', note: 'x' }]);
  });

  it('knows when a value is complete', () => {
    expect(isFilled('ratio', { numerator: 0, denominator: 0 })).toBe(true);
    expect(isFilled('ratio', { numerator: 1 })).toBe(false);
    expect(isFilled('flag', { flag: false })).toBe(true);
    expect(isFilled('count', {})).toBe(false);
  });
});
