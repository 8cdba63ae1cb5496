import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapPage, type Schemas } from '@/api/client';
import type { UnitKind } from '@/lib/labels';

export type Unit = Schemas['UnitOut'];
export type Group = Schemas['GroupOut'];

export type UnitSort = Schemas['UnitSort'];

export interface UnitFilter {
  q?: string;
  kind?: UnitKind;
  group?: string;
  sort?: UnitSort;
  page: number;
  page_size: number;
}


export function useUnits(filter: UnitFilter) {
  return useQuery({
    queryKey: ['units', filter],
    queryFn: () => unwrapPage(api.GET('/api/v1/units', { params: { query: { ...filter, q: filter.q || undefined } } })),
    placeholderData: keepPreviousData,
  });
}

export function useGroups() {
  return useQuery({
    queryKey: ['groups'],
    queryFn: () => unwrap(api.GET('/api/v1/groups')),
    staleTime: 5 * 60_000,
  });
}

/** Emulation group names by code, for pages that only get the codes. */
export function useGroupNames(): Map<string, string> {
  const groups = useGroups();
  return new Map(groups.data?.map((g) => [g.code, g.name]) ?? []);
}

export function useSaveUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unit, isNew }: { unit: Unit; isNew: boolean }) => {
      const { code, ...fields } = { ...unit, parent: unit.parent || null, group: unit.group || null };
      return isNew
        ? unwrap(api.POST('/api/v1/units', { body: { code, ...fields } }))
        : unwrap(api.PATCH('/api/v1/units/{code}', { params: { path: { code } }, body: fields }));
    },
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['units'] });
      queryClient.invalidateQueries({ queryKey: ['groups'] });
    },
  });
}
