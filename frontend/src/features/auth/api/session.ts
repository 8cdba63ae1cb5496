import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { meQueryOptions, type Me } from './me';

export type Credentials = Schemas['LoginIn'];
export type Activation = Schemas['AccountActivateIn'];

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

/** Activate an account with its one-time code and first password, then sign in with that password. */
export function useActivate() {
  const login = useLogin();
  return useMutation({
    mutationFn: async (activation: Activation) => {
      await unwrap(api.POST('/api/v1/auth/activate', { body: activation }));
      return login.mutateAsync({ username: activation.username, password: activation.password });
    },
  });
}
