import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type Indicator = Schemas['IndicatorOut'];

/** The catalog changes with a new scheme version, not during a session. */
export const indicatorsQueryOptions = queryOptions({
  queryKey: ['indicators'],
  queryFn: () => unwrap(api.GET('/api/v1/indicators')),
  staleTime: Infinity,
});

export function useIndicators() {
  return useQuery(indicatorsQueryOptions);
}

/** Each indicator's wording in the plan, by code. */
export function usePlanTexts(): Record<string, string> | undefined {
  const indicators = useIndicators();
  return indicators.data && Object.fromEntries(indicators.data.map((i) => [i.code, i.plan_text]));
}

/** Each indicator's short name, by code: tables and charts show it beside the code. */
export function useIndicatorNames(): Record<string, string> | undefined {
  const indicators = useIndicators();
  return indicators.data && Object.fromEntries(indicators.data.map((i) => [i.code, i.name]));
}
