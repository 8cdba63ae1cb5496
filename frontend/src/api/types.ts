/** Shapes shared by several features (they mirror the API's schemas). */
export type Pillar = 'KL' | 'TT' | 'GD';
export type Measure = 'ratio' | 'count' | 'flag' | 'date';

export const PILLARS: { code: Pillar; label: string }[] = [
  { code: 'KL', label: 'Kỷ luật nhất' },
  { code: 'TT', label: 'Trung thành nhất' },
  { code: 'GD', label: 'Gần dân nhất' },
];

/** One indicator value as entered by a unit (only the fields of its measure are set). */
export interface ValueInput {
  indicator: string;
  numerator?: number | null;
  denominator?: number | null;
  count?: number | null;
  flag?: boolean | null;
  date?: string | null;
  note?: string | null;
}
