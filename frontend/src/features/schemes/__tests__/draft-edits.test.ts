import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { activationConsequence, applyEdits, draftEdits, editProblems, readExact } from '../draft-edits';

const DOCUMENT = {
  code: 'ba-nhat-2026@2028.1',
  scheme: {
    version: '2028.1',
    indicator_weights: { 'KL-02': 2 },
    tier_thresholds: { XUAT_SAC: 90, TOT: 70, HOAN_THANH: 50 },
    bonus_cap: 10,
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
});
