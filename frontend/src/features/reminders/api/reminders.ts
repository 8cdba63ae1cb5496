import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

export function useReminders(period: string | undefined, daysBefore: number) {
  return useQuery({
    queryKey: ['reminders', period, daysBefore],
    queryFn: () => unwrap(api.GET('/api/v1/reminders', { params: { query: { period: period!, days_before: daysBefore } } })),
    enabled: Boolean(period),
  });
}

export function useSendReminders() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { period: string; days_before: number }) => unwrap(api.POST('/api/v1/reminders/send', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reminders'] }),
  });
}

/** The signed-in unit's in-app notifications (reminders from the standing body). */
export function useNotifications(unreadOnly = false) {
  return useQuery({
    queryKey: ['notifications', unreadOnly],
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query: { unread: unreadOnly } } })),
  });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.POST('/api/v1/notifications/{notification_id}/read', { params: { path: { notification_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

/** The automatic reminder schedule of the open periods: each offset's day and how many units it reminded. */
export function useReminderSchedule() {
  return useQuery({ queryKey: ['reminders', 'schedule'], queryFn: () => unwrap(api.GET('/api/v1/reminders/schedule')) });
}
