import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrapPage, type Schemas } from '@/api/client';

export type AuditEntry = Schemas['AuditEntryOut'];

export interface AuditFilter {
  entity?: string;
  actor?: string;
  /** ISO timestamps, inclusive bounds. */
  since?: string;
  until?: string;
  page: number;
  page_size: number;
}

export function useAuditLog(filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: () => unwrapPage(api.GET('/api/v1/audit', { params: { query: filter } })),
    placeholderData: keepPreviousData,
  });
}
