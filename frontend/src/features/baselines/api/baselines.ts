import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type Baseline = Schemas['BaselineOut'];

export function useBaselines() {
  return useQuery({ queryKey: ['baselines'], queryFn: () => unwrap(api.GET('/api/v1/baselines')) });
}

/** An approved baseline rescores the unit's periods of the following year: scores are reloaded too. */
function useBaselineMutation<Input, Output>(send: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['baselines'] });
      void queryClient.invalidateQueries({ queryKey: ['scores'] });
    },
  });
}

export function useEnterBaseline() {
  return useBaselineMutation((body: Schemas['BaselineIn']) => unwrap(api.POST('/api/v1/baselines', { body })));
}

export function useReviewBaseline() {
  return useBaselineMutation(({ id, ...body }: { id: number } & Schemas['BaselineReviewIn']) =>
    unwrap(api.POST('/api/v1/baselines/{baseline_id}/review', { params: { path: { baseline_id: id } }, body })),
  );
}
