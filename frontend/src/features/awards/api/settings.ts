import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type AwardSettings = Schemas['SettingsOut'];
export type AwardSettingsInput = Schemas['SettingsIn'];

export function useAwardSettings() {
  return useQuery({ queryKey: ['award-settings'], queryFn: () => unwrap(api.GET('/api/v1/award-settings')) });
}

/** The catalog carries the base salary (eligibility estimates) and the public page the hotlines: both refreshed. */
export function useSaveAwardSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AwardSettingsInput) => unwrap(api.PUT('/api/v1/award-settings', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(['award-settings'], saved);
      void queryClient.invalidateQueries({ queryKey: ['award-forms'] });
      void queryClient.invalidateQueries({ queryKey: ['public-summary'] });
    },
  });
}
