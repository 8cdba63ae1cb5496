import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type Period = Schemas['PeriodOut'];
export type PeriodInput = Schemas['PeriodIn'];

export const periodsQueryOptions = queryOptions({
  queryKey: ['periods'],
  queryFn: () => unwrap(api.GET('/api/v1/periods')),
  staleTime: 5 * 60_000,
});

export function usePeriods() {
  return useQuery(periodsQueryOptions);
}

/** A period's name ("6 tháng đầu năm 2026") for a code, the code itself until the list has loaded. */
export function usePeriodName(code: string): string {
  return usePeriods().data?.find((p) => p.code === code)?.name ?? code;
}

/** Periods that take values (review periods only average annual totals), in deadline order. */
export function reportingPeriods(periods: Period[]): Period[] {
  return periods.filter((p) => p.spans.length === 0).sort((a, b) => a.due.localeCompare(b.due));
}

/** The period to show by default: the open one with the nearest due date, else the latest. */
export function defaultPeriod(periods: Period[]): Period | undefined {
  const open = periods.filter((p) => p.status === 'open').sort((a, b) => a.due.localeCompare(b.due));
  return open[0] ?? [...periods].sort((a, b) => b.due.localeCompare(a.due))[0];
}

export function useSavePeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, isNew }: { input: PeriodInput; isNew: boolean }) =>
      isNew
        ? unwrap(api.POST('/api/v1/periods', { body: input }))
        : unwrap(
            api.PATCH('/api/v1/periods/{code}', {
              params: { path: { code: input.code } },
              body: { name: input.name, start: input.start, end: input.end, due: input.due },
            }),
          ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: periodsQueryOptions.queryKey }),
  });
}

export function useSetPeriodLock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, locked }: { code: string; locked: boolean }) =>
      unwrap(api.POST(locked ? '/api/v1/periods/{code}/lock' : '/api/v1/periods/{code}/unlock', { params: { path: { code } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['periods'] }),
  });
}
