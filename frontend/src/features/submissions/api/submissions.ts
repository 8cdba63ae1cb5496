import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapWithResponse, type Schemas, type ValueInput } from '@/api/client';
import type { SubmissionStatus } from '@/lib/labels';

export type SubmissionIndicator = Schemas['IndicatorEntry'];
export type Submission = Schemas['SubmissionOut'] & {
  /** The version the values were read at; a save must name it (If-Match). */
  etag: string;
};
export type SubmissionSummary = Schemas['SubmissionSummary'];
export type HistoryEntry = Schemas['HistoryEntry'];

export interface SubmissionFilter {
  period?: string;
  unit?: string;
  status?: SubmissionStatus;
  group?: string;
  /** Unit name or code, case and diacritics ignored (the server folds). */
  q?: string;
  sort?: SubmissionSort;
}

export type SubmissionSort = Schemas['SubmissionSort'];

const submissionKey = (period: string, unit: string) => ['submissions', period, unit] as const;

function withEtag({ data, response }: { data: Schemas['SubmissionOut']; response: Response }): Submission {
  return { ...(data as Omit<Submission, 'etag'>), etag: response.headers.get('ETag') ?? '' };
}

export function submissionQueryOptions(period: string, unit: string) {
  return queryOptions({
    queryKey: submissionKey(period, unit),
    // Every change made here replaces the cached copy; a few seconds of trust spares a refetch on open.
    staleTime: 10_000,
    queryFn: async () =>
      withEtag(await unwrapWithResponse(api.GET('/api/v1/submissions/{period}/{unit}', { params: { path: { period, unit } } }))),
  });
}

export function useSubmission(period: string, unit: string) {
  return useQuery(submissionQueryOptions(period, unit));
}

export function useSubmissions(filter: SubmissionFilter, enabled = true) {
  return useQuery({
    queryKey: ['submissions', 'list', filter],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/submissions', { params: { query: { ...filter, page_size: 500 } } }))) as SubmissionSummary[],
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useSubmissionHistory(period: string, unit: string) {
  return useQuery({
    queryKey: [...submissionKey(period, unit), 'history'],
    queryFn: () => unwrap(api.GET('/api/v1/submissions/{period}/{unit}/history', { params: { path: { period, unit } } })),
  });
}

/**
 * Saves the draft. The ETag makes a save over someone else's newer save fail with 412 instead of
 * losing it; the answer carries the new version, which goes straight into the cache for the next save.
 */
export function useSaveValues(period: string, unit: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ values, etag }: { values: ValueInput[]; etag: string }) =>
      withEtag(
        await unwrapWithResponse(
          api.PUT('/api/v1/submissions/{period}/{unit}/values', {
            params: { path: { period, unit } },
            headers: { 'If-Match': etag },
            body: { values },
          }),
        ),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(submissionKey(period, unit), saved);
      queryClient.invalidateQueries({ queryKey: ['submissions', 'list'] });
      queryClient.invalidateQueries({ queryKey: ['scores'] });
    },
  });
}

export type WorkflowAction = 'submit' | 'return' | 'approve' | 'reopen';

function runWorkflow(period: string, unit: string, action: WorkflowAction, reason: string | undefined) {
  const params = { path: { period, unit } };
  switch (action) {
    case 'submit':
      return api.POST('/api/v1/submissions/{period}/{unit}/submit', { params });
    case 'approve':
      return api.POST('/api/v1/submissions/{period}/{unit}/approve', { params });
    case 'return':
      return api.POST('/api/v1/submissions/{period}/{unit}/return', { params, body: { reason: reason ?? '' } });
    case 'reopen':
      return api.POST('/api/v1/submissions/{period}/{unit}/reopen', { params, body: { reason: reason ?? '' } });
  }
}

export function useWorkflowAction(period: string, unit: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, reason }: { action: WorkflowAction; reason?: string }) =>
      withEtag(await unwrapWithResponse(runWorkflow(period, unit, action, reason))),
    onSuccess: (updated) => {
      queryClient.setQueryData(submissionKey(period, unit), updated);
      queryClient.invalidateQueries({ queryKey: ['submissions'] });
      queryClient.invalidateQueries({ queryKey: ['scores'] });
      queryClient.invalidateQueries({ queryKey: ['periods'] });
    },
  });
}
