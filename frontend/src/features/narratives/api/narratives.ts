import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import type { paths } from '@/api/schema';
import { fileBody } from '@/components/AttachmentList';

export type Narrative = Schemas['NarrativeOut'];
export type NarrativeInput = Schemas['NarrativeIn'];
export type NarrativeSort = Schemas['NarrativeSort'];
export type NarrativeFilter = NonNullable<paths['/api/v1/narratives/{period}']['get']['parameters']['query']>;

export const narrativeFileUrl = (period: string, unit: string, file: number) =>
  `/api/v1/narratives/${encodeURIComponent(period)}/${encodeURIComponent(unit)}/files/${file}`;

const path = (period: string, unit: string) => ({ params: { path: { period, unit } } });

export function useNarrative(period: string | undefined, unit: string) {
  return useQuery({
    queryKey: ['narratives', period, unit],
    queryFn: () => unwrap(api.GET('/api/v1/narratives/{period}/{unit}', path(period!, unit))),
    enabled: Boolean(period),
  });
}

/** Every unit's narrative of a period (the provincial bodies read them all), searched and sorted by the server. */
export function useNarratives(period: string | undefined, filter: NarrativeFilter) {
  return useQuery({
    queryKey: ['narratives', period, 'list', filter],
    queryFn: () => unwrap(api.GET('/api/v1/narratives/{period}', { params: { path: { period: period! }, query: filter } })),
    enabled: Boolean(period),
    placeholderData: keepPreviousData,
  });
}

function useNarrativeMutation<Input, Output>(period: string, send: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['narratives', period] }),
  });
}

export function useSaveNarrative(period: string, unit: string) {
  return useNarrativeMutation(period, (body: NarrativeInput) => unwrap(api.PUT('/api/v1/narratives/{period}/{unit}', { ...path(period, unit), body })));
}

export function useAttachToNarrative(period: string, unit: string) {
  return useNarrativeMutation(period, (file: File) =>
    unwrap(api.POST('/api/v1/narratives/{period}/{unit}/files', { ...path(period, unit), ...fileBody(file) })),
  );
}

export function useRemoveNarrativeFile(period: string, unit: string) {
  return useNarrativeMutation(period, (file: number) =>
    unwrap(api.DELETE('/api/v1/narratives/{period}/{unit}/files/{file_id}', { params: { path: { period, unit, file_id: file } } })),
  );
}
