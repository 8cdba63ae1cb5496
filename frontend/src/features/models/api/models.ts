import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import type { paths } from '@/api/schema';

export type SafetyModel = Schemas['ModelOut'];
export type ModelInput = Schemas['ModelIn'];
export type ModelKind = Schemas['ModelKind'];
export type Exemplar = Schemas['ExemplarOut'];
export type ModelSort = Schemas['ModelSort'];
export type ExemplarSort = Schemas['ExemplarSort'];
export type ModelFilter = NonNullable<paths['/api/v1/models']['get']['parameters']['query']>;
export type ExemplarFilter = NonNullable<paths['/api/v1/exemplars']['get']['parameters']['query']>;

export function useModelKinds() {
  return useQuery({ queryKey: ['model-kinds'], queryFn: () => unwrap(api.GET('/api/v1/model-kinds')), staleTime: Infinity });
}

export function useModels(filter: ModelFilter) {
  return useQuery({
    queryKey: ['models', filter],
    queryFn: () => unwrap(api.GET('/api/v1/models', { params: { query: filter } })),
    placeholderData: keepPreviousData,
  });
}

export function useSaveModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: ModelInput }) =>
      id === undefined
        ? unwrap(api.POST('/api/v1/models', { body }))
        : unwrap(api.PUT('/api/v1/models/{model_id}', { params: { path: { model_id: id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['models'] }),
  });
}

export function useExemplars(filter: ExemplarFilter) {
  return useQuery({
    queryKey: ['exemplars', filter],
    queryFn: () => unwrap(api.GET('/api/v1/exemplars', { params: { query: filter } })),
    placeholderData: keepPreviousData,
  });
}

export function useAddExemplar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['ExemplarIn']) => unwrap(api.POST('/api/v1/exemplars', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exemplars'] }),
  });
}
