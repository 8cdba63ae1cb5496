import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '@/api/client';
import { meQueryOptions, type Me } from './me';

export interface Credentials {
  username: string;
  password: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: Credentials) =>
      (await request<Me>('/auth/login', { method: 'POST', body: credentials })).data,
    onSuccess: (me) => queryClient.setQueryData(meQueryOptions.queryKey, me),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await request<void>('/auth/logout', { method: 'POST' });
    },
    // Everything cached belonged to the previous user.
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(meQueryOptions.queryKey, null);
    },
  });
}
