/**
 * Edits of a scheme draft's catalog document (the format of api/catalog/*.json): indicator targets,
 * cadence counts and weights, indicators retired or added, the tier bounds and the deductions. The
 * server checks the whole document again (docs/scoring.md, "Scheme versions"); these helpers only turn
 * the editor's rows and fields into its parts.
 */
import type { Schemas } from '@/api/client';
import { CADENCE_LABELS, PILLAR_LABELS, type Cadence, type Pillar, type RuleKind, type UnitKind } from '@/lib/labels';

type Document = Schemas['DraftOut']['document'];
export type Json = Record<string, unknown>;
/** The parts of a catalog document the editor compares: its indicators and its scheme parameters. */
export interface SchemeParts {
  indicators: Json[];
  scheme: Json;
}

export const TIER_KEYS = ['XUAT_SAC', 'TOT', 'HOAN_THANH'] as const;
export type TierKey = (typeof TIER_KEYS)[number];

/** The scheme's deductions (and the bonus cap beside them), as named in the catalog file. */
export const DEDUCTION_KEYS = ['late_report_deduction', 'occurrence_penalty', 'bonus_cap'] as const;
export type DeductionKey = (typeof DEDUCTION_KEYS)[number];
export const DEDUCTION_LABELS: Record<DeductionKey, string> = {
  late_report_deduction: 'Trừ điểm khi nộp báo cáo muộn (điểm)',
  occurrence_penalty: 'Mỗi lần vi phạm chỉ tiêu «Không để xảy ra» mất (phần của chỉ tiêu)',
  bonus_cap: 'Điểm thưởng cộng tối đa (điểm)',
};

/** The measure each rule kind reads (api/domain/indicators.py, RULE_MEASURE). */
export const MEASURE_OF: Record<RuleKind, Schemas['Measure']> = {
  at_least: 'ratio',
  above: 'ratio',
  zero_or_lower: 'ratio',
  zero: 'count',
  frequency: 'count',
  flag_yes: 'flag',
  date_by: 'date',
};

export interface IndicatorRow {
  code: string;
  name: string;
  pillar: string;
  kind: string;
  veto: boolean;
  /** Percent target of `at_least` / `above` rules. */
  threshold?: string;
  /** Required number per window of `frequency` rules. */
  count?: number;
  cadence?: string;
  weight: string;
  /** Added in this edit (not yet saved in the draft). */
  added?: boolean;
}

export interface DraftEdits {
  rows: IndicatorRow[];
  tiers: Record<TierKey, string>;
  deductions: Record<DeductionKey, string>;
  /** The catalog entries of the indicators added in this edit, by code. */
  added: Record<string, Json>;
}

const EXACT = /^\d+(\.\d+)?$/;
const FRACTION = /^(\d+)\/(\d+)$/;

/** A non-negative exact number as typed ("95", "97.5"); a decimal comma is read as a point. */
export function readExact(text: string): string | undefined {
  const value = text.trim().replace(',', '.');
  return EXACT.test(value) ? value : undefined;
}

/** An exact number or a fraction ("1/4"), as the catalog's `occurrence_penalty` is written. */
export function readFraction(text: string): string | undefined {
  const value = text.trim().replace(/\s+/g, '');
  const fraction = FRACTION.exec(value);
  if (fraction) return Number(fraction[2]) > 0 ? value : undefined;
  return readExact(value);
}

/** The value of an exact number or fraction, for comparisons only. */
function valueOf(raw: unknown): number {
  const text = String(raw ?? '');
  const fraction = FRACTION.exec(text);
  return fraction ? Number(fraction[1]) / Number(fraction[2]) : Number(text);
}

/** Whole numbers go back as JSON numbers, others as strings ("97.5", "1/4"), as in the catalog files. */
function exactJson(value: string): number | string {
  return /^\d+$/.test(value) ? Number(value) : value;
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function rowOf(indicator: Json, weights: Json): IndicatorRow {
  const rule = indicator.rule as Json;
  const code = String(indicator.code);
  return {
    code,
    name: String(indicator.name),
    pillar: String(indicator.pillar),
    kind: String(rule.kind),
    veto: indicator.veto === true,
    threshold: rule.threshold === undefined || rule.threshold === null ? undefined : text(rule.threshold),
    count: typeof rule.count === 'number' ? rule.count : undefined,
    cadence: rule.cadence === undefined || rule.cadence === null ? undefined : String(rule.cadence),
    weight: code in weights ? text(weights[code]) : '1',
  };
}

export function draftEdits(document: Document): DraftEdits {
  const scheme = document.scheme as Json;
  const weights = (scheme.indicator_weights ?? {}) as Json;
  const tiers = (scheme.tier_thresholds ?? {}) as Json;
  return {
    rows: (document.indicators as Json[]).map((indicator) => rowOf(indicator, weights)),
    tiers: Object.fromEntries(TIER_KEYS.map((key) => [key, text(tiers[key])])) as Record<TierKey, string>,
    deductions: Object.fromEntries(DEDUCTION_KEYS.map((key) => [key, text(scheme[key])])) as Record<DeductionKey, string>,
    added: {},
  };
}

/** The edits without the indicator `code` (retired from the draft). */
export function retireIndicator(edits: DraftEdits, code: string): DraftEdits {
  const added = { ...edits.added };
  delete added[code];
  return { ...edits, rows: edits.rows.filter((row) => row.code !== code), added };
}

/** The edits with a catalog entry added at the end of the table, with its weight. */
export function addIndicator(edits: DraftEdits, indicator: Json, weight = '1'): DraftEdits {
  const row = { ...rowOf(indicator, {}), weight, added: true };
  return { ...edits, rows: [...edits.rows, row], added: { ...edits.added, [row.code]: indicator } };
}

/** What retiring an indicator does, in the words of its confirmation. */
export function retireConsequence(row: IndicatorRow, version: string): string[] {
  const pillar = PILLAR_LABELS[row.pillar as Pillar] ?? row.pillar;
  return [
    `Các kỳ áp dụng phiên bản ${version} không chấm chỉ tiêu ${row.code} nữa: số liệu đơn vị đã nhập cho chỉ tiêu này không được tính, điểm trụ cột «${pillar}» chỉ tính các chỉ tiêu còn lại.`,
    ...(row.veto ? [`${row.code} là chỉ tiêu phủ quyết: bỏ đi thì vi phạm chỉ tiêu này không còn hạ xếp loại.`] : []),
    'Các kỳ đang chấm theo phiên bản khác, kể cả các kỳ đã khóa, giữ nguyên chỉ tiêu này.',
    'Thay đổi có hiệu lực với bản dự thảo khi bấm «Lưu bản dự thảo»; phần xem trước cho thấy đơn vị nào đổi xếp loại.',
  ];
}

/** Problems of the edited values, by place ("GD-02: ngưỡng"), before anything is sent. */
export function editProblems({ rows, tiers, deductions }: DraftEdits): string[] {
  const problems: string[] = [];
  if (rows.length === 0) problems.push('Bản dự thảo phải còn ít nhất một chỉ tiêu');
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
  for (const key of ['late_report_deduction', 'bonus_cap'] as const) {
    if (readExact(deductions[key]) === undefined) problems.push(`${DEDUCTION_LABELS[key]}: phải là số không âm`);
  }
  const penalty = readFraction(deductions.occurrence_penalty);
  if (penalty === undefined || valueOf(penalty) > 1) {
    problems.push(`${DEDUCTION_LABELS.occurrence_penalty}: phải là phân số hoặc số từ 0 đến 1, ví dụ 1/4`);
  }
  return problems;
}

/** The `indicators` and `scheme` parts to PATCH, everything not edited kept as it was. */
export function applyEdits(document: Document, { rows, tiers, deductions, added }: DraftEdits): SchemeParts {
  const byCode = new Map((document.indicators as Json[]).map((indicator) => [String(indicator.code), indicator]));
  // The table's order; a retired indicator has no row, an added one its catalog entry.
  const indicators = rows.map((row) => {
    const indicator = added[row.code] ?? byCode.get(row.code) ?? {};
    const rule = { ...(indicator.rule as Json) };
    if (row.threshold !== undefined) rule.threshold = readExact(row.threshold) ?? row.threshold;
    if (row.count !== undefined) rule.count = row.count;
    return { ...indicator, rule };
  });
  const scheme = document.scheme as Json;
  const kept = new Set(rows.map((row) => row.code));
  // A retired indicator's weight goes with it (the server refuses a weight of a code not in the catalog).
  const weights: Json = Object.fromEntries(
    Object.entries((scheme.indicator_weights ?? {}) as Json).filter(([code]) => kept.has(code)),
  );
  for (const row of rows) {
    const weight = readExact(row.weight) ?? row.weight;
    if (weight === '1') delete weights[row.code];
    else weights[row.code] = exactJson(weight);
  }
  const tierThresholds = Object.fromEntries(TIER_KEYS.map((key) => [key, exactJson(readExact(tiers[key]) ?? tiers[key])]));
  const deducted: Json = {};
  for (const key of DEDUCTION_KEYS) {
    const value = (key === 'occurrence_penalty' ? readFraction : readExact)(deductions[key]) ?? deductions[key];
    // Kept as written when unchanged ("1/4" stays "1/4", 2 stays 2).
    deducted[key] = valueOf(value) === valueOf(scheme[key]) ? scheme[key] : exactJson(value);
  }
  return { indicators, scheme: { ...scheme, ...deducted, indicator_weights: weights, tier_thresholds: tierThresholds } };
}

/** What a new indicator's form holds (the fields of a catalog entry the API checks). */
export interface NewIndicator {
  code: string;
  name: string;
  pillar: Pillar;
  appliesTo: UnitKind[];
  kind: RuleKind;
  /** Percent, for `at_least` and `above`. */
  threshold?: string;
  /** Per window, for `frequency`. */
  count?: number;
  cadence?: Cadence;
  /** yyyy-mm-dd, for `date_by`. */
  deadline?: string;
  veto: boolean;
  planText: string;
  inputHint?: string;
  weight: string;
}

export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,15}$/;

/** Problems of a new indicator, in Vietnamese, before it is added to the table. */
export function newIndicatorProblems(input: NewIndicator, codes: string[]): string[] {
  const problems: string[] = [];
  const code = input.code.trim();
  if (!CODE_PATTERN.test(code)) problems.push('Mã chỉ tiêu: chữ in hoa, số, dấu gạch ngang, ví dụ GD-10');
  else if (codes.includes(code)) problems.push(`Mã chỉ tiêu: «${code}» đã có trong bản dự thảo`);
  if (!input.name.trim()) problems.push('Tên chỉ tiêu: không được để trống');
  if (!input.planText.trim()) problems.push('Nội dung trong kế hoạch: không được để trống');
  if (input.appliesTo.length === 0) problems.push('Áp dụng cho: chọn ít nhất một loại đơn vị');
  if (input.kind === 'at_least' || input.kind === 'above') {
    const threshold = readExact(input.threshold ?? '');
    if (threshold === undefined || Number(threshold) > 100) problems.push('Ngưỡng: phải là số từ 0 đến 100');
  }
  if (input.kind === 'frequency') {
    if (!Number.isInteger(input.count) || (input.count ?? 0) < 1) problems.push('Số lần: phải là số nguyên từ 1 trở lên');
    if (!input.cadence) problems.push('Mỗi: chọn tuần, tháng, quý hoặc năm');
  }
  if (input.kind === 'date_by' && !/^\d{4}-\d{2}-\d{2}$/.test(input.deadline ?? '')) problems.push('Hạn: chọn ngày');
  if (readExact(input.weight) === undefined) problems.push('Trọng số: phải là số không âm');
  return problems;
}

/** The catalog entry of a new indicator (format of api/catalog/*.json). */
export function newIndicatorEntry(input: NewIndicator): Json {
  const rule: Json = { kind: input.kind };
  if (input.kind === 'at_least' || input.kind === 'above') rule.threshold = readExact(input.threshold ?? '') ?? input.threshold;
  if (input.kind === 'frequency') Object.assign(rule, { count: input.count, cadence: input.cadence });
  if (input.kind === 'date_by') rule.deadline = input.deadline;
  return {
    code: input.code.trim(),
    pillar: input.pillar,
    applies_to: input.appliesTo,
    name: input.name.trim(),
    plan_text: input.planText.trim(),
    measure: MEASURE_OF[input.kind],
    rule,
    veto: input.veto,
    ...(input.inputHint?.trim() ? { input_hint: input.inputHint.trim() } : {}),
  };
}

/** A catalog entry from an indicator of a stored version (GET /api/v1/indicators). */
export function catalogEntry(indicator: Schemas['IndicatorOut']): Json {
  const { rule } = indicator;
  const entryRule: Json = { kind: rule.kind };
  if (rule.threshold !== null) entryRule.threshold = rule.threshold;
  if (rule.count !== null) entryRule.count = rule.count;
  if (rule.cadence !== null) entryRule.cadence = rule.cadence;
  if (rule.deadline !== null) entryRule.deadline = rule.deadline;
  return {
    code: indicator.code,
    pillar: indicator.pillar,
    applies_to: indicator.applies_to,
    name: indicator.name,
    plan_text: indicator.plan_text,
    measure: indicator.measure,
    rule: entryRule,
    veto: indicator.veto,
    ...(indicator.input_hint ? { input_hint: indicator.input_hint } : {}),
  };
}

function target(indicator: Json): string {
  const rule = (indicator.rule ?? {}) as Json;
  if (rule.threshold !== undefined && rule.threshold !== null) return `${text(rule.threshold)}%`;
  if (rule.count !== undefined && rule.count !== null) return `${text(rule.count)} lần/${CADENCE_LABELS[rule.cadence as Cadence] ?? text(rule.cadence)}`;
  return '';
}

const DEDUCTION_SHORT: Record<DeductionKey, string> = {
  late_report_deduction: 'Trừ điểm nộp muộn',
  occurrence_penalty: 'Mỗi lần vi phạm mất',
  bonus_cap: 'Điểm thưởng tối đa',
};

/** The changes from one version of a scheme to another, one line each, in Vietnamese. */
export function schemeChanges(before: SchemeParts, after: SchemeParts): string[] {
  const lines: string[] = [];
  const old = new Map(before.indicators.map((i) => [String(i.code), i]));
  const next = new Map(after.indicators.map((i) => [String(i.code), i]));
  for (const [code, indicator] of old) if (!next.has(code)) lines.push(`Bỏ chỉ tiêu ${code} – ${text(indicator.name)}`);
  for (const [code, indicator] of next) if (!old.has(code)) lines.push(`Thêm chỉ tiêu ${code} – ${text(indicator.name)}`);
  for (const [code, indicator] of next) {
    const was = old.get(code);
    if (was && target(was) !== target(indicator)) lines.push(`${code}: mục tiêu ${target(was)} → ${target(indicator)}`);
  }
  const weight = (scheme: Json, code: string) => text(((scheme.indicator_weights ?? {}) as Json)[code] ?? 1);
  for (const code of next.keys()) {
    if (old.has(code) && valueOf(weight(before.scheme, code)) !== valueOf(weight(after.scheme, code))) {
      lines.push(`${code}: trọng số ${weight(before.scheme, code)} → ${weight(after.scheme, code)}`);
    }
  }
  const tiers = (scheme: Json) => (scheme.tier_thresholds ?? {}) as Json;
  const tierNames: Record<TierKey, string> = { XUAT_SAC: 'Xuất sắc', TOT: 'Tốt', HOAN_THANH: 'Hoàn thành' };
  for (const key of TIER_KEYS) {
    const [was, now] = [tiers(before.scheme)[key], tiers(after.scheme)[key]];
    if (valueOf(was) !== valueOf(now)) lines.push(`${tierNames[key]} từ ${text(was)} → ${text(now)} điểm`);
  }
  for (const key of DEDUCTION_KEYS) {
    const [was, now] = [before.scheme[key], after.scheme[key]];
    if (was !== undefined && valueOf(was) !== valueOf(now)) lines.push(`${DEDUCTION_SHORT[key]}: ${text(was)} → ${text(now)}`);
  }
  return lines;
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
