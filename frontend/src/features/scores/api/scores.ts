import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { request } from '@/api/client';
import type { Pillar, ValueInput } from '@/api/types';

/** Scores are exact on the server and arrive as decimal strings, rounded there for display. */
export interface IndicatorResult {
  code: string;
  pillar: Pillar;
  title: string;
  applicable: boolean;
  reason_not_applicable: string | null;
  value: string | null;
  rule_text: string;
  met: boolean | null;
  attainment: string | null;
  weight: string;
  points: string | null;
  veto: boolean;
}

export interface PillarScore {
  pillar: Pillar;
  score: string | null;
}

export interface UnitScore {
  period: string;
  unit_code: string;
  unit_name: string;
  total: string;
  base: string;
  bonus_applied: string;
  deductions_total: string;
  tier: string;
  tier_before_veto: string;
  veto_failed: string[];
  pillars: PillarScore[];
  indicators: IndicatorResult[];
}

export interface RankingRow {
  unit_code: string;
  unit_name: string;
  group: string;
  group_name: string;
  rank: number;
  tier: string;
  total: string;
  pillars: PillarScore[];
  approved: boolean;
  quota_applied: boolean;
  previous_total: string | null;
}

export interface Ranking {
  period: string;
  items: RankingRow[];
}

export interface UnitHistoryEntry {
  period: string;
  total: string;
  tier: string;
}

export function useRanking(period: string | undefined, group?: string) {
  return useQuery({
    queryKey: ['scores', period, 'ranking', group ?? null],
    queryFn: async () => (await request<Ranking>(`/scores/${period}`, { query: { group } })).data,
    enabled: Boolean(period),
  });
}

export function useUnitScore(period: string | undefined, unit: string) {
  return useQuery({
    queryKey: ['scores', period, unit],
    queryFn: async () => (await request<UnitScore>(`/scores/${period}/${unit}`)).data,
    enabled: Boolean(period),
  });
}

/** What-if score of values that are not saved; the caller debounces the values. */
export function useScorePreview(period: string, unit: string, values: ValueInput[] | undefined) {
  return useQuery({
    queryKey: ['scores', period, unit, 'preview', values],
    queryFn: async () =>
      (await request<UnitScore>(`/scores/${period}/${unit}/preview`, { method: 'POST', body: { values } })).data,
    enabled: values !== undefined,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
