import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type ReportingStatus = Schemas['ReportingStatus'];
export type UnitStatus = Schemas['UnitStatus'];

export function useReportingStatus(period: string | undefined, group?: string) {
  return useQuery({
    queryKey: ['periods', period, 'reporting-status', group ?? null],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/periods/{code}/reporting-status', { params: { path: { code: period! }, query: { group } } }),
      ),
    enabled: Boolean(period),
  });
}
