import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type SafetyModel = Schemas['ModelOut'];
export type ModelInput = Schemas['ModelIn'];
export type Exemplar = Schemas['ExemplarOut'];

export function useModelKinds() {
  return useQuery({ queryKey: ['model-kinds'], queryFn: () => unwrap(api.GET('/api/v1/model-kinds')), staleTime: Infinity });
}

export function useModels(filter: { unit?: string; kind?: string }) {
  return useQuery({ queryKey: ['models', filter], queryFn: () => unwrap(api.GET('/api/v1/models', { params: { query: filter } })) });
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

export function useExemplars() {
  return useQuery({ queryKey: ['exemplars'], queryFn: () => unwrap(api.GET('/api/v1/exemplars')) });
}

export function useAddExemplar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['ExemplarIn']) => unwrap(api.POST('/api/v1/exemplars', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exemplars'] }),
  });
}
