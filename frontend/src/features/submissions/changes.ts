import { formatDate } from '@/lib/format';
import type { HistoryEntry } from './api/submissions';

/** One stored value as the audit log keeps it (api/services/submissions.py `_value_dict`). */
export interface AuditedValue {
  numerator?: number | null;
  denominator?: number | null;
  count?: number | null;
  flag?: boolean | null;
  date?: string | null;
  note?: string | null;
}

export interface ValueChange {
  indicator: string;
  /** The value when the report was last returned (null: none). */
  before: AuditedValue | null;
  /** The value now (null: removed). */
  after: AuditedValue | null;
  /** Who made the last change, and when. */
  actor: string;
  at: string;
}

const SAVES = new Set(['values.save', 'values.import']);
const RETURNS = new Set(['submission.return', 'submission.reopen']);

const asValues = (side: unknown): Record<string, AuditedValue | null> =>
  side && typeof side === 'object' && !Array.isArray(side) ? (side as Record<string, AuditedValue | null>) : {};

/**
 * The values changed since the report was last returned (or reopened), from its audit history: each
 * indicator's value at the return against its value now, with the last person who changed it. Values
 * changed and changed back are not listed. Empty when the report was never returned.
 */
export function changesSinceReturn(history: HistoryEntry[]): ValueChange[] {
  const lastReturn = history.map((entry) => RETURNS.has(entry.action)).lastIndexOf(true);
  if (lastReturn < 0) return [];
  const changes = new Map<string, ValueChange>();
  for (const entry of history.slice(lastReturn + 1)) {
    if (!SAVES.has(entry.action)) continue;
    const before = asValues(entry.before);
    const after = asValues(entry.after);
    for (const code of Object.keys(after)) {
      const known = changes.get(code);
      changes.set(code, {
        indicator: code,
        before: known ? known.before : (before[code] ?? null),
        after: after[code] ?? null,
        actor: entry.actor,
        at: entry.at,
      });
    }
  }
  const same = (a: AuditedValue | null, b: AuditedValue | null) => describeAuditedValue(a) === describeAuditedValue(b);
  return [...changes.values()].filter((change) => !same(change.before, change.after)).sort((a, b) => a.indicator.localeCompare(b.indicator));
}

/** A value in words: "19/20", "2", "Có", a date; with its note. "Chưa nhập" when there is none. */
export function describeAuditedValue(value: AuditedValue | null): string {
  if (!value) return 'Chưa nhập';
  const parts: string[] = [];
  if (value.numerator != null || value.denominator != null) parts.push(`${value.numerator ?? '–'}/${value.denominator ?? '–'}`);
  if (value.count != null) parts.push(String(value.count));
  if (value.flag != null) parts.push(value.flag ? 'Có' : 'Không');
  if (value.date) parts.push(formatDate(value.date));
  if (value.note) parts.push(`(${value.note})`);
  return parts.join(' ') || 'Chưa nhập';
}
