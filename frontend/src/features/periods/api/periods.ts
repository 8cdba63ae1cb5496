import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '@/api/client';

export interface Period {
  code: string;
  name: string;
  kind: string;
  start: string;
  end: string;
  due: string;
  status: 'open' | 'locked';
}

export type PeriodInput = Omit<Period, 'status'>;

export const periodsQueryOptions = queryOptions({
  queryKey: ['periods'],
  queryFn: async () => (await request<Period[]>('/periods')).data,
  staleTime: 5 * 60_000,
});

export function usePeriods() {
  return useQuery(periodsQueryOptions);
}

/** The period to show by default: the open one with the nearest due date, else the latest. */
export function defaultPeriod(periods: Period[]): Period | undefined {
  const open = periods.filter((p) => p.status === 'open').sort((a, b) => a.due.localeCompare(b.due));
  return open[0] ?? [...periods].sort((a, b) => b.due.localeCompare(a.due))[0];
}

export function useSavePeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, isNew }: { input: PeriodInput; isNew: boolean }) =>
      isNew
        ? (await request<Period>('/periods', { method: 'POST', body: input })).data
        : (await request<Period>(`/periods/${input.code}`, { method: 'PATCH', body: input })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: periodsQueryOptions.queryKey }),
  });
}

export function useSetPeriodLock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ code, locked }: { code: string; locked: boolean }) =>
      (await request<Period>(`/periods/${code}/${locked ? 'lock' : 'unlock'}`, { method: 'POST' })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: periodsQueryOptions.queryKey }),
  });
}
