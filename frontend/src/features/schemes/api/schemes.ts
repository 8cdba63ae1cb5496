import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type SchemeVersion = Schemas['SchemeVersionOut'];
export type SchemeDraft = Schemas['DraftOut'];
export type SchemePreview = Schemas['PreviewOut'];
export type PreviewItem = Schemas['PreviewItem'];
export type Activated = Schemas['ActivatedOut'];

export function useSchemeVersions() {
  return useQuery({ queryKey: ['schemes', 'versions'], queryFn: () => unwrap(api.GET('/api/v1/schemes')) });
}

export function useSchemeDrafts() {
  return useQuery({ queryKey: ['schemes', 'drafts'], queryFn: () => unwrap(api.GET('/api/v1/schemes/drafts')) });
}

/** What the draft would give every reporting unit of a period, beside its current score. */
export function useSchemePreview(draftId: number | undefined, period: string | undefined) {
  return useQuery({
    queryKey: ['schemes', 'preview', draftId, period],
    enabled: draftId !== undefined && Boolean(period),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/schemes/drafts/{draft_id}/preview', {
          params: { path: { draft_id: draftId ?? 0 }, query: { period: period ?? '' } },
        }),
      ),
  });
}

function useSchemeMutation<Input, Output>(send: (input: Input) => Promise<Output>, alsoScores = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['schemes'] });
      if (alsoScores) void queryClient.invalidateQueries({ queryKey: ['scores'] });
    },
  });
}

export function useCreateDraft() {
  return useSchemeMutation((body: Schemas['DraftIn']) => unwrap(api.POST('/api/v1/schemes/drafts', { body })));
}

export function useUpdateDraft() {
  return useSchemeMutation(({ id, ...body }: { id: number } & Schemas['DraftChangesIn']) =>
    unwrap(api.PATCH('/api/v1/schemes/drafts/{draft_id}', { params: { path: { draft_id: id } }, body })),
  );
}

export function useActivateDraft() {
  return useSchemeMutation(
    ({ id, fromPeriod }: { id: number; fromPeriod: string }) =>
      unwrap(
        api.POST('/api/v1/schemes/drafts/{draft_id}/activate', {
          params: { path: { draft_id: id } },
          body: { from_period: fromPeriod },
        }),
      ),
    true,
  );
}

export type CatalogIndicator = Schemas['IndicatorOut'];

/** The indicators of each stored version (read through a period each scores), for "add from the catalog". */
export function useVersionIndicators(periods: string[]) {
  return useQueries({
    queries: periods.map((period) => ({
      queryKey: ['schemes', 'indicators', period],
      queryFn: () => unwrap(api.GET('/api/v1/indicators', { params: { query: { period } } })),
      staleTime: 5 * 60_000,
    })),
  });
}

/** A stored version's scheme parameters, read through a period it scores. */
export function useVersionParameters(period: string | undefined) {
  return useQuery({
    queryKey: ['schemes', 'parameters', period],
    enabled: Boolean(period),
    queryFn: () => unwrap(api.GET('/api/v1/schemes/active', { params: { query: { period: period ?? '' } } })),
    staleTime: 5 * 60_000,
  });
}
