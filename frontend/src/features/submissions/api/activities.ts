import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type Activity = Schemas['ActivityOut'];
export type ActivityInput = Schemas['ActivityIn'];

const activitiesKey = (period: string, unit: string) => ['submissions', period, unit, 'activities'] as const;

/** The dated activities of a report (every frequency indicator's), oldest first. */
export function useActivities(period: string, unit: string) {
  return useQuery({
    queryKey: activitiesKey(period, unit),
    queryFn: () => unwrap(api.GET('/api/v1/submissions/{period}/{unit}/activities', { params: { path: { period, unit } } })),
  });
}

/** Recording or removing an activity changes the report's version and its score: both are reloaded. */
function useActivityMutation<Input>(period: string, unit: string, send: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['submissions', period, unit] });
      void queryClient.invalidateQueries({ queryKey: ['scores'] });
    },
  });
}

export function useRecordActivity(period: string, unit: string) {
  return useActivityMutation(period, unit, (body: ActivityInput) =>
    unwrap(api.POST('/api/v1/submissions/{period}/{unit}/activities', { params: { path: { period, unit } }, body })),
  );
}

export function useRemoveActivity(period: string, unit: string) {
  return useActivityMutation(period, unit, (id: number) =>
    unwrap(
      api.DELETE('/api/v1/submissions/{period}/{unit}/activities/{activity_id}', {
        params: { path: { period, unit, activity_id: id } },
      }),
    ),
  );
}
