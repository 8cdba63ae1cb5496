import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type PublicSummary = Schemas['PublicSummary'];

/** Published aggregates of the latest locked period; needs no session. */
export function usePublicSummary() {
  return useQuery({ queryKey: ['public-summary'], queryFn: () => unwrap(api.GET('/api/v1/public/summary')), staleTime: 5 * 60_000 });
}
