import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '@/api/client';

export interface ApiToken {
  id: number;
  name: string;
  scopes: string[];
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

/** The secret is in the creation answer only; the server keeps a hash. */
export interface CreatedToken extends ApiToken {
  token: string;
}

export function useTokens() {
  return useQuery({ queryKey: ['tokens'], queryFn: async () => (await request<ApiToken[]>('/tokens')).data });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { name: string; scopes: string[] }) =>
      (await request<CreatedToken>('/tokens', { method: 'POST', body: input })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useDeleteToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => {
      await request<void>(`/tokens/${id}`, { method: 'DELETE' });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
}
