import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import type { paths } from '@/api/schema';

export type Bonus = Schemas['BonusOut'];
export type BonusSort = Schemas['BonusSort'];
export type BonusFilter = NonNullable<paths['/api/v1/bonuses']['get']['parameters']['query']>;

/** A period's bonus entries as the server searches and sorts them. */
export function useBonuses(filter: BonusFilter) {
  return useQuery({
    queryKey: ['bonuses', filter],
    queryFn: () => unwrap(api.GET('/api/v1/bonuses', { params: { query: filter } })),
    enabled: Boolean(filter.period),
    placeholderData: keepPreviousData,
  });
}

/** The cap is the active scheme's `bonus_cap` (10 unless the scheme says otherwise, as on the server). */
export function useBonusCap() {
  return useQuery({
    queryKey: ['schemes', 'active'],
    queryFn: () => unwrap(api.GET('/api/v1/schemes/active')),
    staleTime: Infinity,
    select: (scheme) => Number(scheme.parameters.bonus_cap ?? 10),
  });
}

function useBonusMutation<Input>(send: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['bonuses'] });
      void queryClient.invalidateQueries({ queryKey: ['scores'] });
    },
  });
}

export function useAddBonus() {
  return useBonusMutation((body: Schemas['BonusIn']) => unwrap(api.POST('/api/v1/bonuses', { body })));
}

export function useDeleteBonus() {
  return useBonusMutation((id: number) => unwrap(api.DELETE('/api/v1/bonuses/{bonus_id}', { params: { path: { bonus_id: id } } })));
}
