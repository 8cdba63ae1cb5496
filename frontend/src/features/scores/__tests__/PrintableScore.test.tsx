import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@/test/render';
import { PrintableScore } from '../components/PrintableScore';
import type { IndicatorExplanation, UnitScore } from '../api/scores';

const indicator = (code: string, pillar: 'KL' | 'TT' | 'GD', attainment: string, extra: Partial<IndicatorExplanation> = {}) =>
  ({
    code,
    pillar,
    applicable: true,
    reason_not_applicable: '',
    value: { numerator: 19, denominator: 20, count: null, flag: null, date: null, note: null },
    rule_text: 'Tối thiểu 95%',
    threshold: '95',
    met: attainment === '1',
    attainment,
    weight: '1',
    points: attainment,
    veto: false,
    missing: false,
    rate: '95',
    ...extra,
  }) as IndicatorExplanation;

const score = {
  period: '2026-H1',
  unit: { code: 'CAX-001', name: 'Công an phường Phố Hiến', kind: 'commune_police' },
  rank: 3,
  rank_status: 'ranked',
  rank_status_label: null,
  total: '88.5',
  total_exact: '177/2',
  tier: 'TOT',
  tier_label: 'Hoàn thành tốt nhiệm vụ',
  quota_applied: false,
  frozen: false,
  scheme_version: '2026.1',
  computed_at: null,
  pillars: { KL: '75', TT: '100' },
  explanation: {
    base: '87.5',
    bonus_applied: '1',
    deductions_total: '0',
    veto_failed: [],
    missing: [],
    bonuses: [],
    deductions: [],
    pillars: [
      { pillar: 'KL', score: '75', weight: '1', points: '3/2', weight_total: '2', applicable_count: 2 },
      { pillar: 'TT', score: '100', weight: '1', points: '1', weight_total: '1', applicable_count: 1 },
    ],
    indicators: [
      indicator('KL-01', 'KL', '1'),
      indicator('KL-02', 'KL', '1/2'),
      indicator('TT-01', 'TT', '1', { veto: true }),
    ],
  },
} as unknown as UnitScore;

describe('the printable score', () => {
  it('is one A4 document: header, result, each indicator with its name by pillar, signature', () => {
    render(
      <PrintableScore
        score={score}
        periodName="Sơ kết 06 tháng đầu năm 2026"
        names={{ 'KL-01': 'Quán triệt phong trào', 'KL-02': 'Tỷ lệ vi phạm kỷ luật' }}
        placeAndDate="Hưng Yên, ngày 06 tháng 12 năm 2026"
        rank="3/25 đơn vị, Cụm thi đua Công an xã, phường"
        reportStatus="Đã duyệt"
      />,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('BÁO CÁO KẾT QUẢ CHẤM ĐIỂM THI ĐUA');
    expect(screen.getByTestId('issuer').textContent).toBe('CÔNG AN PHƯỜNG PHỐ HIẾN');
    expect(screen.getByText('CÔNG AN TỈNH HƯNG YÊN')).toBeInTheDocument();
    expect(screen.getByText(/Sơ kết 06 tháng đầu năm 2026/)).toBeInTheDocument();
    expect(screen.getByText('3/25 đơn vị, Cụm thi đua Công an xã, phường')).toBeInTheDocument();
    expect(screen.getByText('Hoàn thành tốt nhiệm vụ')).toBeInTheDocument();

    const rows = within(screen.getByRole('table', { name: 'Kết quả từng chỉ tiêu' })).getAllByRole('row');
    const text = rows.map((row) => row.textContent);
    expect(text[1]).toBe('Kỷ luật nhất751,5/2');
    expect(text[2]).toBe('1KL-01 Quán triệt phong trào19/20 (95%)100%1/1');
    expect(text[3]).toBe('2KL-02 Tỷ lệ vi phạm kỷ luật19/20 (95%)50%0,5/1');
    expect(text[5]).toBe('3TT-01 (phủ quyết)19/20 (95%)100%1/1');
    expect(screen.getByText('THỦ TRƯỞNG ĐƠN VỊ')).toBeInTheDocument();
  });
});
