import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '@/api/client';

export interface Unit {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  group: string | null;
}

export interface UnitPage {
  items: Unit[];
  total: number;
  page: number;
  page_size: number;
}

export interface Group {
  code: string;
  name: string;
  unit_count: number;
}

export interface UnitFilter {
  q?: string;
  kind?: string;
  group?: string;
  page: number;
  page_size: number;
}

export const UNIT_KINDS: Record<string, string> = {
  province: 'UBND tỉnh',
  police_province: 'Công an tỉnh',
  police_department: 'Phòng thuộc Công an tỉnh',
  commune_police: 'Công an xã, phường',
  department: 'Sở, ban, ngành',
  commune: 'UBND xã, phường',
};

export function useUnits(filter: UnitFilter) {
  return useQuery({
    queryKey: ['units', filter],
    queryFn: async () => (await request<UnitPage>('/units', { query: { ...filter } })).data,
    placeholderData: keepPreviousData,
  });
}

export function useGroups() {
  return useQuery({
    queryKey: ['groups'],
    queryFn: async () => (await request<Group[]>('/groups')).data,
    staleTime: 5 * 60_000,
  });
}

export function useSaveUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ unit, isNew }: { unit: Unit; isNew: boolean }) =>
      isNew
        ? (await request<Unit>('/units', { method: 'POST', body: unit })).data
        : (await request<Unit>(`/units/${unit.code}`, { method: 'PATCH', body: unit })).data,
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['units'] });
      queryClient.invalidateQueries({ queryKey: ['groups'] });
    },
  });
}
