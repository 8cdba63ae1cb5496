import type { Dayjs } from 'dayjs';
import { dayjs } from '@/lib/format';
import type { ValueInput } from '@/api/client';
import type { Measure } from '@/lib/labels';
import type { SubmissionIndicator } from './api/submissions';

/** What the form holds for one indicator (dates as Dayjs for the picker). */
export interface FieldValues {
  numerator?: number | null;
  denominator?: number | null;
  count?: number | null;
  flag?: boolean | null;
  date?: Dayjs | null;
  note?: string | null;
}

export type FormValues = Record<string, FieldValues>;

const isBlank = (v: unknown) => v === undefined || v === null || v === '';

/** The stored values of a report's indicators, as the form holds them. */
export function toFormValues(indicators: SubmissionIndicator[]): FormValues {
  return Object.fromEntries(
    indicators.flatMap(({ code, value: v }) => (v ? [[code, toFieldValues(v)]] : [])),
  );
}

/** One stored (or locally drafted) value as the form holds it. */
export function toFieldValues(v: NonNullable<SubmissionIndicator['value']>): FieldValues {
  return {
    numerator: v.numerator ?? null,
    denominator: v.denominator ?? null,
    count: v.count ?? null,
    flag: v.flag ?? null,
    date: v.date ? dayjs(v.date) : null,
        note: v.note ?? null,
  };
}

/** Only the fields of each indicator's measure are sent, so stale inputs of another measure never leak. */
export function toValueInputs(indicators: SubmissionIndicator[], form: FormValues): ValueInput[] {
  return indicators.map(({ code, measure }) => {
    const field = form[code] ?? {};
    const value: ValueInput = { indicator: code, note: isBlank(field.note) ? null : field.note };
    if (measure === 'ratio') {
      value.numerator = field.numerator ?? null;
      value.denominator = field.denominator ?? null;
    } else if (measure === 'count') value.count = field.count ?? null;
    else if (measure === 'flag') value.flag = field.flag ?? null;
    else value.date = field.date ? field.date.format('YYYY-MM-DD') : null;
    return value;
  });
}

/** A value counts as filled in when its measure's fields all are. */
export function isFilled(measure: Measure, field: FieldValues | undefined): boolean {
  if (!field) return false;
  if (measure === 'ratio') return !isBlank(field.numerator) && !isBlank(field.denominator);
  if (measure === 'count') return !isBlank(field.count);
  if (measure === 'flag') return typeof field.flag === 'boolean';
  return Boolean(field.date);
}

/**
 * Checks one indicator's input the way the server will, so the user sees the problem while typing.
 * Returns a Vietnamese message per field; empty when fine. Blank is allowed in a draft.
 */
export function validateField(measure: Measure, field: FieldValues | undefined): Partial<Record<keyof FieldValues, string>> {
  const errors: Partial<Record<keyof FieldValues, string>> = {};
  if (!field) return errors;
  const checkCount = (key: 'numerator' | 'denominator' | 'count', value: unknown) => {
    if (isBlank(value)) return;
    if (typeof value !== 'number' || !Number.isInteger(value)) errors[key] = 'Phải là số nguyên';
    else if (value < 0) errors[key] = 'Không được là số âm';
  };
  if (measure === 'ratio') {
    checkCount('numerator', field.numerator);
    checkCount('denominator', field.denominator);
    if (!errors.numerator && !errors.denominator) {
      const hasNumerator = !isBlank(field.numerator);
      const hasDenominator = !isBlank(field.denominator);
      if (hasNumerator !== hasDenominator) {
        errors[hasNumerator ? 'denominator' : 'numerator'] = 'Cần nhập cả số đạt và tổng số';
      } else if (hasNumerator && (field.numerator as number) > (field.denominator as number)) {
        errors.numerator = 'Số đạt không được lớn hơn tổng số';
      }
    }
  } else if (measure === 'count') {
    checkCount('count', field.count);
  }
  return errors;
}
