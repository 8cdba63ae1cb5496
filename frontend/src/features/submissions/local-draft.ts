import type { ValueInput } from '@/api/client';
import { now } from '@/lib/clock';

/** Unsaved values of one report kept in this browser, so a closed tab or a crash loses nothing typed. */
export interface LocalDraft {
  /** When it was written (ms, the application's clock). */
  at: number;
  values: ValueInput[];
}

const key = (period: string, unit: string) => `banhat:draft:${period}:${unit}`;

export function readDraft(period: string, unit: string): LocalDraft | undefined {
  try {
    const text = localStorage.getItem(key(period, unit));
    const draft = text ? (JSON.parse(text) as LocalDraft) : undefined;
    return draft && Array.isArray(draft.values) && typeof draft.at === 'number' ? draft : undefined;
  } catch {
    return undefined; // storage disabled or a damaged entry: as if there were none
  }
}

export function writeDraft(period: string, unit: string, values: ValueInput[]): void {
  try {
    localStorage.setItem(key(period, unit), JSON.stringify({ at: now(), values } satisfies LocalDraft));
  } catch {
    // a full or disabled storage only costs the local copy
  }
}

export function clearDraft(period: string, unit: string): void {
  try {
    localStorage.removeItem(key(period, unit));
  } catch {
    // nothing to clear
  }
}

const comparable = (values: ValueInput[]) =>
  JSON.stringify(
    values
      .map((v) => [v.indicator, v.numerator ?? null, v.denominator ?? null, v.count ?? null, v.flag ?? null, v.date ?? null, v.note || null])
      .sort(),
  );

/** Whether a draft holds anything the saved report does not. */
export function differsFromSaved(draft: ValueInput[], saved: ValueInput[]): boolean {
  return comparable(draft) !== comparable(saved);
}
