import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import {
  activationConsequence,
  addIndicator,
  applyEdits,
  draftEdits,
  editProblems,
  newIndicatorEntry,
  newIndicatorProblems,
  readExact,
  readFraction,
  retireConsequence,
  retireIndicator,
  schemeChanges,
  type NewIndicator,
} from '../draft-edits';

const DOCUMENT = {
  code: 'ba-nhat-2026@2028.1',
  scheme: {
    version: '2028.1',
    indicator_weights: { 'KL-02': 2 },
    tier_thresholds: { XUAT_SAC: 90, TOT: 70, HOAN_THANH: 50 },
    bonus_cap: 10,
    late_report_deduction: 2,
    occurrence_penalty: '1/4',
  },
  indicators: [
    { code: 'GD-02', name: 'Hồ sơ đúng hạn', pillar: 'GD', rule: { kind: 'at_least', threshold: '95' } },
    { code: 'GD-03', name: 'Tiếp xúc Nhân dân', pillar: 'GD', rule: { kind: 'frequency', count: 1, cadence: 'week' } },
    { code: 'KL-02', name: 'Tỷ lệ vi phạm', pillar: 'KL', rule: { kind: 'zero_or_lower' } },
  ],
} as unknown as Schemas['DraftOut']['document'];

describe('draft edits', () => {
  it('reads targets, counts, weights and tier bounds from the catalog document', () => {
    const edits = draftEdits(DOCUMENT);
    expect(edits.rows.map((r) => [r.code, r.threshold, r.count, r.weight])).toEqual([
      ['GD-02', '95', undefined, '1'],
      ['GD-03', undefined, 1, '1'],
      ['KL-02', undefined, undefined, '2'],
    ]);
    expect(edits.tiers).toEqual({ XUAT_SAC: '90', TOT: '70', HOAN_THANH: '50' });
  });

  it('writes GD-02 at 98% and new weights back, keeping everything else', () => {
    const edits = draftEdits(DOCUMENT);
    edits.rows[0].threshold = '98';
    edits.rows[1].weight = '1,5';
    edits.rows[2].weight = '1';
    edits.tiers.XUAT_SAC = '92';
    const { indicators, scheme } = applyEdits(DOCUMENT, edits);
    expect(indicators[0]).toEqual({ code: 'GD-02', name: 'Hồ sơ đúng hạn', pillar: 'GD', rule: { kind: 'at_least', threshold: '98' } });
    expect(indicators[2]).toEqual((DOCUMENT.indicators as unknown[])[2]);
    expect(scheme).toEqual({
      version: '2028.1',
      indicator_weights: { 'GD-03': '1.5' },
      tier_thresholds: { XUAT_SAC: 92, TOT: 70, HOAN_THANH: 50 },
      bonus_cap: 10,
      late_report_deduction: 2,
      occurrence_penalty: '1/4',
    });
  });

  it('names each bad value before anything is sent', () => {
    const edits = draftEdits(DOCUMENT);
    edits.rows[0].threshold = '120';
    edits.rows[1].count = 0;
    edits.rows[2].weight = '-1';
    edits.tiers.TOT = '95';
    expect(editProblems(edits)).toEqual([
      'GD-02: ngưỡng phải là số từ 0 đến 100',
      'GD-03: số lần phải là số nguyên từ 1 trở lên',
      'KL-02: trọng số phải là số không âm',
      'Ngưỡng xếp loại phải giảm dần: Xuất sắc ≥ Tốt ≥ Hoàn thành',
    ]);
    expect(readExact(' 97,5 ')).toBe('97.5');
  });

  it('states which periods activation rescores and which locked ones keep their version', () => {
    const periods = [
      { code: '2026-H1', name: 'Sơ kết 06 tháng đầu năm 2026', start: '2026-01-01', status: 'locked' },
      { code: '2028-S', name: 'Sơ kết 03 năm', start: '2026-01-01', status: 'open', spans: ['2026-Y'] },
      { code: '2027-H1', name: 'Sơ kết 06 tháng đầu năm 2027', start: '2027-01-01', status: 'open' },
      { code: '2027-Y', name: 'Báo cáo năm 2027', start: '2027-01-01', status: 'locked' },
    ];
    const consequence = activationConsequence('2028.1', '2027-H1', periods);
    expect(consequence.moved).toEqual(['2027-H1']);
    expect(consequence.kept).toEqual(['2027-Y']);
    expect(consequence.lines[1]).toBe('1 kỳ chưa khóa được chuyển sang và chấm lại ngay: Sơ kết 06 tháng đầu năm 2027.');
    expect(consequence.lines[2]).toContain('Báo cáo năm 2027');
  });

  it('retires an indicator with its weight and adds a catalog entry at the end', () => {
    let edits = retireIndicator(draftEdits(DOCUMENT), 'KL-02');
    const entry = { code: 'GD-09', name: 'Thái độ với Nhân dân', pillar: 'GD', measure: 'count', rule: { kind: 'zero' } };
    edits = addIndicator(edits, entry, '2');
    expect(edits.rows.map((r) => [r.code, r.weight, r.added ?? false])).toEqual([
      ['GD-02', '1', false],
      ['GD-03', '1', false],
      ['GD-09', '2', true],
    ]);
    const { indicators, scheme } = applyEdits(DOCUMENT, edits);
    expect(indicators.map((i) => i.code)).toEqual(['GD-02', 'GD-03', 'GD-09']);
    expect(indicators[2]).toEqual(entry);
    expect(scheme.indicator_weights).toEqual({ 'GD-09': 2 });
    expect(retireIndicator(edits, 'GD-09').added).toEqual({});
  });

  it('writes changed deductions and keeps unchanged ones as written', () => {
    const edits = draftEdits(DOCUMENT);
    expect(edits.deductions).toEqual({ late_report_deduction: '2', occurrence_penalty: '1/4', bonus_cap: '10' });
    expect(applyEdits(DOCUMENT, { ...edits, deductions: { ...edits.deductions, occurrence_penalty: '0,25' } }).scheme.occurrence_penalty).toBe('1/4');
    const { scheme } = applyEdits(DOCUMENT, { ...edits, deductions: { late_report_deduction: '3', occurrence_penalty: ' 1 / 8 ', bonus_cap: '7,5' } });
    expect([scheme.late_report_deduction, scheme.occurrence_penalty, scheme.bonus_cap]).toEqual([3, '1/8', '7.5']);
    expect(readFraction('1/0')).toBeUndefined();
    const wrong = { ...edits, deductions: { late_report_deduction: '-1', occurrence_penalty: '5/4', bonus_cap: '10' } };
    expect(editProblems(wrong)).toEqual([
      'Trừ điểm khi nộp báo cáo muộn (điểm): phải là số không âm',
      'Mỗi lần vi phạm chỉ tiêu «Không để xảy ra» mất (phần của chỉ tiêu): phải là phân số hoặc số từ 0 đến 1, ví dụ 1/4',
    ]);
    expect(editProblems({ ...edits, rows: [] })).toEqual(['Bản dự thảo phải còn ít nhất một chỉ tiêu']);
  });

  it('builds a new indicator with the measure of its rule, and names what is missing', () => {
    const input: NewIndicator = {
      code: 'GD-10',
      name: 'Tiếp nhận phản ánh qua mạng',
      pillar: 'GD',
      appliesTo: ['commune_police'],
      kind: 'frequency',
      count: 2,
      cadence: 'month',
      veto: false,
      planText: 'Tiếp nhận phản ánh của Nhân dân qua mạng xã hội.',
      weight: '1',
    };
    expect(newIndicatorProblems(input, ['GD-02'])).toEqual([]);
    expect(newIndicatorEntry(input)).toEqual({
      code: 'GD-10',
      pillar: 'GD',
      applies_to: ['commune_police'],
      name: 'Tiếp nhận phản ánh qua mạng',
      plan_text: 'Tiếp nhận phản ánh của Nhân dân qua mạng xã hội.',
      measure: 'count',
      rule: { kind: 'frequency', count: 2, cadence: 'month' },
      veto: false,
    });
    expect(newIndicatorEntry({ ...input, kind: 'above', threshold: '97,5' })).toMatchObject({ measure: 'ratio', rule: { kind: 'above', threshold: '97.5' } });
    expect(newIndicatorProblems({ ...input, code: 'GD-02', name: ' ', appliesTo: [], count: 0, cadence: undefined }, ['GD-02'])).toEqual([
      'Mã chỉ tiêu: «GD-02» đã có trong bản dự thảo',
      'Tên chỉ tiêu: không được để trống',
      'Áp dụng cho: chọn ít nhất một loại đơn vị',
      'Số lần: phải là số nguyên từ 1 trở lên',
      'Mỗi: chọn tuần, tháng, quý hoặc năm',
    ]);
    expect(newIndicatorProblems({ ...input, kind: 'date_by', code: 'gd 10' }, [])).toEqual([
      'Mã chỉ tiêu: chữ in hoa, số, dấu gạch ngang, ví dụ GD-10',
      'Hạn: chọn ngày',
    ]);
  });

  it('states what a retirement does, and lists the changes between two versions', () => {
    const [row] = draftEdits(DOCUMENT).rows;
    expect(retireConsequence(row, '2028.1')[0]).toBe(
      'Các kỳ áp dụng phiên bản 2028.1 không chấm chỉ tiêu GD-02 nữa: số liệu đơn vị đã nhập cho chỉ tiêu này không được tính, điểm trụ cột «Gần dân nhất» chỉ tính các chỉ tiêu còn lại.',
    );
    expect(retireConsequence({ ...row, veto: true }, '2028.1')).toContain('GD-02 là chỉ tiêu phủ quyết: bỏ đi thì vi phạm chỉ tiêu này không còn hạ xếp loại.');
    const edits = retireIndicator(draftEdits(DOCUMENT), 'KL-02');
    edits.rows[0].threshold = '98';
    edits.rows[1].count = 2;
    edits.tiers.XUAT_SAC = '92';
    edits.deductions.late_report_deduction = '3';
    const before = { indicators: DOCUMENT.indicators as Record<string, unknown>[], scheme: DOCUMENT.scheme as Record<string, unknown> };
    expect(schemeChanges(before, applyEdits(DOCUMENT, addIndicator(edits, { code: 'GD-09', name: 'Thái độ', rule: { kind: 'zero' } })))).toEqual([
      'Bỏ chỉ tiêu KL-02 – Tỷ lệ vi phạm',
      'Thêm chỉ tiêu GD-09 – Thái độ',
      'GD-02: mục tiêu 95% → 98%',
      'GD-03: mục tiêu 1 lần/tuần → 2 lần/tuần',
      'Xuất sắc từ 90 → 92 điểm',
      'Trừ điểm nộp muộn: 2 → 3',
    ]);
  });
});
