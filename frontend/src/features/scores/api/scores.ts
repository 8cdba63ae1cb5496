import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas, type ValueInput } from '@/api/client';
import type { Pillar } from '@/lib/labels';

export type RankingRow = Schemas['RankingItem'];
export type Ranking = Schemas['Ranking'];
export type HistoryPoint = Schemas['HistoryPoint'];

/**
 * The domain's explanation of a score (`api.domain.to_dict(UnitScore)`): exact numbers arrive as
 * fraction strings such as "190/3"; only `fractionValue` turns them into numbers, for display.
 */
export interface IndicatorExplanation {
  code: string;
  pillar: Pillar;
  applicable: boolean;
  reason_not_applicable: string;
  value: { numerator: number | null; denominator: number | null; count: number | null; flag: boolean | null; date: string | null; note?: string | null } | null;
  rule_text: string;
  met: boolean;
  attainment: string;
  weight: string;
  points: string;
  veto: boolean;
  missing: boolean;
  rate: string | null;
}

export interface Adjustment {
  points: string;
  reason: string;
}

export interface Explanation {
  base: string;
  bonus_applied: string;
  bonus_requested: string;
  deductions_total: string;
  total: string;
  tier: string;
  tier_before_veto: string;
  veto_failed: string[];
  missing: string[];
  bonuses: Adjustment[];
  deductions: Adjustment[];
  indicators: IndicatorExplanation[];
}

export type UnitScore = Omit<Schemas['ExplainedScore'], 'explanation'> & { explanation: Explanation };

export { fractionValue } from '@/lib/fraction';

/** While a large import's scores are being recomputed, the ranking asks again until they are fresh. */
export const PENDING_REFETCH_MS = 5000;

export function useRanking(period: string | undefined, group?: string) {
  return useQuery({
    queryKey: ['scores', period, 'ranking', group ?? null],
    queryFn: () => unwrap(api.GET('/api/v1/scores/{period}', { params: { path: { period: period! }, query: { group } } })),
    enabled: Boolean(period),
    refetchInterval: (query) => (query.state.data?.scores_pending ? PENDING_REFETCH_MS : false),
  });
}

export function unitScoreQueryOptions(period: string, unit: string) {
  return {
    queryKey: ['scores', period, unit],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/scores/{period}/{unit}', { params: { path: { period, unit } } }))) as unknown as UnitScore,
  };
}

export function useUnitScore(period: string | undefined, unit: string) {
  return useQuery({ ...unitScoreQueryOptions(period ?? '', unit), enabled: Boolean(period) });
}

/** The unit's result in every period, each with the same kind of period a year earlier to compare with. */
export function useUnitHistory(unit: string) {
  return useQuery({
    queryKey: ['scores', 'history', unit],
    queryFn: () => unwrap(api.GET('/api/v1/units/{code}/scores', { params: { path: { code: unit } } })),
    enabled: Boolean(unit),
  });
}

/** What-if score of values that are not saved; the caller debounces the values. */
export function useScorePreview(period: string, unit: string, values: ValueInput[] | undefined) {
  return useQuery({
    queryKey: ['scores', period, unit, 'preview', values],
    queryFn: async () =>
      (await unwrap(
        api.POST('/api/v1/scores/{period}/{unit}/preview', { params: { path: { period, unit } }, body: { values: values ?? [] } }),
      )) as unknown as UnitScore,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
