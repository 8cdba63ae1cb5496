import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { ApiError } from '@/api/errors';

export type Me = Schemas['Me'];

/** The signed-in user, or null when there is no session (401 is an answer here, not an error). */
export async function getMe(): Promise<Me | null> {
  try {
    return (await unwrap(api.GET('/api/v1/auth/me'))) as Me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const meQueryOptions = queryOptions({ queryKey: ['auth', 'me'], queryFn: getMe, staleTime: 60_000 });

export function useMe() {
  return useQuery(meQueryOptions);
}
