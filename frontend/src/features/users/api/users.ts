import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '@/api/client';

export interface User {
  username: string;
  full_name: string;
  role: string;
  unit_code: string | null;
  active: boolean;
}

export interface UserInput extends Omit<User, 'active'> {
  active?: boolean;
  password?: string;
}

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: async () => (await request<User[]>('/users')).data });
}

export function useSaveUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ user, isNew }: { user: UserInput; isNew: boolean }) =>
      isNew
        ? (await request<User>('/users', { method: 'POST', body: user })).data
        : (await request<User>(`/users/${user.username}`, { method: 'PATCH', body: user })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
