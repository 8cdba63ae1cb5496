import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { meQueryOptions, type Me } from './me';

export type Credentials = Schemas['LoginIn'];

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: Credentials) => (await unwrap(api.POST('/api/v1/auth/login', { body: credentials }))) as Me,
    onSuccess: (me) => queryClient.setQueryData(meQueryOptions.queryKey, me),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    // Everything cached belonged to the previous user.
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(meQueryOptions.queryKey, null);
    },
  });
}
