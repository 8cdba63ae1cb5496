import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type ReportingStatus = Schemas['ReportingStatus'];
export type UnitStatus = Schemas['UnitStatus'];

export const reportingStatusQueryOptions = (period: string | undefined, group?: string) =>
  queryOptions({
    queryKey: ['periods', period, 'reporting-status', group ?? null],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/periods/{code}/reporting-status', { params: { path: { code: period! }, query: { group } } }),
      ),
    enabled: Boolean(period),
  });

export function useReportingStatus(period: string | undefined, group?: string) {
  return useQuery(reportingStatusQueryOptions(period, group));
}
