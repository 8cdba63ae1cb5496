import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrapPage, type Schemas } from '@/api/client';

export type AuditEntry = Schemas['AuditEntryOut'];

export type AuditSort = Schemas['AuditSort'];

export interface AuditFilter {
  entity?: string;
  actor?: string;
  /** An account, a record's key or an action, in any case. */
  q?: string;
  sort?: AuditSort;
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
