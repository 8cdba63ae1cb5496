import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas, type ValueInput } from '@/api/client';

export type RankingRow = Schemas['RankingItem'];
export type Ranking = Schemas['Ranking'];
export type HistoryPoint = Schemas['HistoryPoint'];

/**
 * An explained score (`api.domain.explain`): exact numbers are always strings such as "1" or "190/3"
 * (docs/api.md, "Exact numbers"); only `fractionValue` turns them into numbers, for display.
 */
export type UnitScore = Schemas['ExplainedScore'];
export type IndicatorExplanation = Schemas['IndicatorExplained'];

export { fractionValue } from '@/lib/fraction';

/** While a large import's scores are being recomputed, the ranking asks again until they are fresh. */
export const PENDING_REFETCH_MS = 5000;

/** The ranking of a period (a group); `q` keeps the units the server finds by name or code, diacritics ignored. */
export function useRanking(period: string | undefined, group?: string, q?: string) {
  return useQuery({
    queryKey: ['scores', period, 'ranking', group ?? null, q ?? null],
    queryFn: () => unwrap(api.GET('/api/v1/scores/{period}', { params: { path: { period: period! }, query: { group, q } } })),
    enabled: Boolean(period),
    placeholderData: q ? keepPreviousData : undefined,
    refetchInterval: (query) => (query.state.data?.scores_pending ? PENDING_REFETCH_MS : false),
  });
}

export function unitScoreQueryOptions(period: string, unit: string) {
  return {
    queryKey: ['scores', period, unit],
    queryFn: () => unwrap(api.GET('/api/v1/scores/{period}/{unit}', { params: { path: { period, unit } } })),
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

/**
 * What-if score of values that are not saved, as if submitted now (`Schemas['ScorePreview']`, with what
 * lateness costs); the caller debounces the values.
 */
export function useScorePreview(period: string, unit: string, values: ValueInput[] | undefined) {
  return useQuery({
    queryKey: ['scores', period, unit, 'preview', values],
    queryFn: () =>
      unwrap(api.POST('/api/v1/scores/{period}/{unit}/preview', { params: { path: { period, unit } }, body: { values: values ?? [] } })),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
