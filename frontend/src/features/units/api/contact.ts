import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** Where a unit's reminders and review decisions are e-mailed (`GET/PUT /units/{unit}/contact`). */
export function useUnitContact(unit: string | undefined) {
  return useQuery({
    queryKey: ['unit-contact', unit],
    queryFn: () => unwrap(api.GET('/api/v1/units/{unit}/contact', { params: { path: { unit: unit! } } })),
    enabled: Boolean(unit),
  });
}

export function useSaveUnitContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unit, email }: { unit: string; email: string }) =>
      unwrap(api.PUT('/api/v1/units/{unit}/contact', { params: { path: { unit } }, body: { email } })),
    onSuccess: (_, { unit, email }) => queryClient.setQueryData(['unit-contact', unit], { email }),
  });
}
