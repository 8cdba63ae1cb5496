import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, unwrapPage, type Schemas } from '@/api/client';

export type AuditEntry = Schemas['AuditEntryOut'];

export type AuditSort = Schemas['AuditSort'];
export type AuditEntity = Schemas['AuditEntityOut'];

export interface AuditFilter {
  entity?: string;
  actor?: string;
  /** An account, a record's key, an action (code or name) or a kind of record's name, in any case. */
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

/** The kinds of record the log holds, named by the server, to filter it by. */
export function useAuditEntities() {
  return useQuery({
    queryKey: ['audit', 'entities'],
    queryFn: () => unwrap(api.GET('/api/v1/audit/entities')),
    staleTime: Infinity,
  });
}
