/**
 * Edits of a scheme draft's catalog document (the format of api/catalog/*.json): indicator targets,
 * cadence counts and weights, and the tier bounds. The server checks the whole document again
 * (docs/scoring.md, "Scheme versions"); these helpers only turn table rows into its parts.
 */
import type { Schemas } from '@/api/client';

type Document = Schemas['DraftOut']['document'];
type Json = Record<string, unknown>;

export const TIER_KEYS = ['XUAT_SAC', 'TOT', 'HOAN_THANH'] as const;
export type TierKey = (typeof TIER_KEYS)[number];

export interface IndicatorRow {
  code: string;
  name: string;
  pillar: string;
  kind: string;
  /** Percent target of `at_least` / `above` rules. */
  threshold?: string;
  /** Required number per window of `frequency` rules. */
  count?: number;
  cadence?: string;
  weight: string;
}

export interface DraftEdits {
  rows: IndicatorRow[];
  tiers: Record<TierKey, string>;
}

const EXACT = /^\d+(\.\d+)?$/;

/** A non-negative exact number as typed ("95", "97.5"); a decimal comma is read as a point. */
export function readExact(text: string): string | undefined {
  const value = text.trim().replace(',', '.');
  return EXACT.test(value) ? value : undefined;
}

/** Whole numbers go back as JSON numbers, others as strings ("97.5"), as in the catalog files. */
function exactJson(value: string): number | string {
  return /^\d+$/.test(value) ? Number(value) : value;
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

export function draftEdits(document: Document): DraftEdits {
  const scheme = document.scheme as Json;
  const weights = (scheme.indicator_weights ?? {}) as Json;
  const tiers = (scheme.tier_thresholds ?? {}) as Json;
  const rows = (document.indicators as Json[]).map((indicator) => {
    const rule = indicator.rule as Json;
    const code = String(indicator.code);
    return {
      code,
      name: String(indicator.name),
      pillar: String(indicator.pillar),
      kind: String(rule.kind),
      threshold: rule.threshold === undefined ? undefined : text(rule.threshold),
      count: typeof rule.count === 'number' ? rule.count : undefined,
      cadence: rule.cadence === undefined ? undefined : String(rule.cadence),
      weight: code in weights ? text(weights[code]) : '1',
    };
  });
  return { rows, tiers: Object.fromEntries(TIER_KEYS.map((key) => [key, text(tiers[key])])) as Record<TierKey, string> };
}

/** Problems of the edited values, by place ("GD-02: ngưỡng"), before anything is sent. */
export function editProblems({ rows, tiers }: DraftEdits): string[] {
  const problems: string[] = [];
  for (const row of rows) {
    if (row.threshold !== undefined) {
      const threshold = readExact(row.threshold);
      if (threshold === undefined || Number(threshold) > 100) problems.push(`${row.code}: ngưỡng phải là số từ 0 đến 100`);
    }
    if (row.count !== undefined && (!Number.isInteger(row.count) || row.count < 1)) {
      problems.push(`${row.code}: số lần phải là số nguyên từ 1 trở lên`);
    }
    if (readExact(row.weight) === undefined) problems.push(`${row.code}: trọng số phải là số không âm`);
  }
  const bounds = TIER_KEYS.map((key) => readExact(tiers[key]));
  if (bounds.some((bound) => bound === undefined)) problems.push('Ngưỡng xếp loại phải là số không âm');
  else if (!(Number(bounds[0]) >= Number(bounds[1]) && Number(bounds[1]) >= Number(bounds[2]))) {
    problems.push('Ngưỡng xếp loại phải giảm dần: Xuất sắc ≥ Tốt ≥ Hoàn thành');
  }
  return problems;
}

/** The `indicators` and `scheme` parts to PATCH, everything not edited kept as it was. */
export function applyEdits(document: Document, { rows, tiers }: DraftEdits): { indicators: Json[]; scheme: Json } {
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const indicators = (document.indicators as Json[]).map((indicator) => {
    const row = byCode.get(String(indicator.code));
    if (!row) return indicator;
    const rule = { ...(indicator.rule as Json) };
    if (row.threshold !== undefined) rule.threshold = readExact(row.threshold) ?? row.threshold;
    if (row.count !== undefined) rule.count = row.count;
    return { ...indicator, rule };
  });
  const scheme = document.scheme as Json;
  const weights: Json = { ...((scheme.indicator_weights ?? {}) as Json) };
  for (const row of rows) {
    const weight = readExact(row.weight) ?? row.weight;
    if (weight === '1') delete weights[row.code];
    else weights[row.code] = exactJson(weight);
  }
  const tierThresholds = Object.fromEntries(TIER_KEYS.map((key) => [key, exactJson(readExact(tiers[key]) ?? tiers[key])]));
  return { indicators, scheme: { ...scheme, indicator_weights: weights, tier_thresholds: tierThresholds } };
}

export interface PeriodRef {
  code: string;
  name: string;
  start: string;
  status: string;
  /** Review periods (spans of annual periods) take no values: nothing to preview or start from. */
  spans?: string[];
}

export const takesValues = (period: PeriodRef) => !period.spans?.length;

/** What activating a draft from a period does, in the words of the confirmation. */
export function activationConsequence(version: string, fromCode: string, periods: PeriodRef[]) {
  const from = periods.find((p) => p.code === fromCode);
  const later = from ? periods.filter((p) => p.start >= from.start).sort((a, b) => a.start.localeCompare(b.start)) : [];
  const moved = later.filter((p) => p.status !== 'locked');
  const kept = later.filter((p) => p.status === 'locked');
  const lines = [
    `Phiên bản ${version} trở thành bộ tiêu chí đang áp dụng; các kỳ tạo mới sẽ chấm theo phiên bản này.`,
    moved.length
      ? `${moved.length} kỳ chưa khóa được chuyển sang và chấm lại ngay: ${moved.map((p) => p.name).join(', ')}.`
      : 'Không có kỳ chưa khóa nào được chấm lại.',
    kept.length
      ? `Các kỳ đã khóa giữ phiên bản cũ và kết quả đã chốt: ${kept.map((p) => p.name).join(', ')}.`
      : 'Các kỳ trước kỳ này giữ nguyên phiên bản và kết quả.',
    'Sau khi áp dụng, bản dự thảo không sửa được nữa.',
  ];
  return { moved: moved.map((p) => p.code), kept: kept.map((p) => p.code), lines };
}
