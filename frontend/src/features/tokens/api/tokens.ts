import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type ApiToken = Schemas['TokenOut'];

export function useTokens() {
  return useQuery({ queryKey: ['tokens'], queryFn: () => unwrap(api.GET('/api/v1/tokens')) });
}

/** The scopes a token can have; `available`: the caller's role may grant it (else the server refuses it). */
export function useTokenScopes() {
  return useQuery({ queryKey: ['tokens', 'scopes'], queryFn: () => unwrap(api.GET('/api/v1/tokens/scopes')), staleTime: Infinity });
}

/** The secret is in the creation answer only; the server keeps a hash. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['TokenIn']) => unwrap(api.POST('/api/v1/tokens', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/tokens/{token_id}', { params: { path: { token_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
}
