import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import type { Role } from '@/lib/labels';

export type User = Schemas['UserOut'];
export type ActivationCode = Schemas['ActivationCodeOut'];

/** What the account form edits; the password is required only for a new account. */
export interface UserForm {
  username: string;
  full_name: string;
  role: Role;
  unit?: string | null;
  active?: boolean;
  password?: string;
}

export type UserSort = Schemas['UserSort'];

/** Which accounts the list shows: a search (name, user name, unit; diacritics ignored), role, state, order. */
export interface UserFilter {
  q?: string;
  role?: Role;
  active?: boolean;
  sort?: UserSort;
}

export function useUsers(filter: UserFilter = {}) {
  return useQuery({
    queryKey: ['users', filter],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: filter } })),
    placeholderData: keepPreviousData,
  });
}

export function useSaveUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, isNew }: { user: UserForm; isNew: boolean }) => {
      const unit = user.unit || null;
      return isNew
        ? unwrap(
            api.POST('/api/v1/users', {
              body: { username: user.username, full_name: user.full_name, role: user.role, unit, password: user.password ?? '' },
            }),
          )
        : unwrap(
            api.PATCH('/api/v1/users/{username}', {
              params: { path: { username: user.username } },
              body: { full_name: user.full_name, role: user.role, unit, active: user.active, password: user.password || null },
            }),
          );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** A new activation code for an account not yet activated (the older one stops working); shown once. */
export function useIssueActivation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (username: string) =>
      unwrap(api.POST('/api/v1/users/{username}/activation', { params: { path: { username } } })) as Promise<ActivationCode>,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
