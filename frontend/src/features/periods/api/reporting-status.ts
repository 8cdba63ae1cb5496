import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type ReportingStatus = Schemas['ReportingStatus'];
export type UnitStatus = Schemas['UnitStatus'];

export type Timeliness = Schemas['TimelinessStatus'];

/** Which units the board shows: a group, a search by name or code (diacritics ignored), a timeliness. */
export interface ReportingStatusFilter {
  group?: string;
  q?: string;
  timeliness?: Timeliness;
}

export const reportingStatusQueryOptions = (period: string | undefined, filter: ReportingStatusFilter = {}) =>
  queryOptions({
    queryKey: ['periods', period, 'reporting-status', filter],
    queryFn: () =>
      unwrap(api.GET('/api/v1/periods/{code}/reporting-status', { params: { path: { code: period! }, query: filter } })),
    enabled: Boolean(period),
    placeholderData: keepPreviousData,
  });

export function useReportingStatus(period: string | undefined, filter: ReportingStatusFilter = {}) {
  return useQuery(reportingStatusQueryOptions(period, filter));
}
