import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '@/api/client';
import type { Measure, Pillar, ValueInput } from '@/api/types';

export type SubmissionStatus = 'draft' | 'submitted' | 'returned' | 'approved';

export interface SubmissionIndicator {
  code: string;
  pillar: Pillar;
  measure: Measure;
  title: string;
  rule_text: string;
  veto: boolean;
}

export interface Submission {
  period: string;
  unit: { code: string; name: string; kind: string };
  status: SubmissionStatus;
  return_reason: string | null;
  first_submitted_at: string | null;
  editable: boolean;
  indicators: SubmissionIndicator[];
  values: ValueInput[];
  etag: string;
}

export interface SubmissionSummary {
  period: string;
  unit_code: string;
  unit_name: string;
  group: string | null;
  status: SubmissionStatus;
  due: string;
  first_submitted_at: string | null;
  updated_at: string | null;
  return_reason: string | null;
}

export interface SubmissionFilter {
  period?: string;
  unit?: string;
  status?: SubmissionStatus;
  group?: string;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  reason: string | null;
}

const submissionPath = (period: string, unit: string) => `/submissions/${period}/${unit}`;

export function submissionQueryOptions(period: string, unit: string) {
  return queryOptions({
    queryKey: ['submissions', period, unit],
    queryFn: async () => {
      const { data, response } = await request<Omit<Submission, 'etag'>>(submissionPath(period, unit));
      return { ...data, etag: response.headers.get('ETag') ?? '' };
    },
  });
}

export function useSubmission(period: string, unit: string) {
  return useQuery(submissionQueryOptions(period, unit));
}

export function useSubmissions(filter: SubmissionFilter, enabled = true) {
  return useQuery({
    queryKey: ['submissions', 'list', filter],
    queryFn: async () => (await request<SubmissionSummary[]>('/submissions', { query: { ...filter } })).data,
    enabled,
  });
}

export function useSubmissionHistory(period: string, unit: string) {
  return useQuery({
    queryKey: ['submissions', period, unit, 'history'],
    queryFn: async () => (await request<HistoryEntry[]>(`${submissionPath(period, unit)}/history`)).data,
  });
}

/** Saves the draft; the ETag makes a save over someone else's newer save fail with 412 instead of losing it. */
export function useSaveValues(period: string, unit: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ values, etag }: { values: ValueInput[]; etag: string }) =>
      request<unknown>(`${submissionPath(period, unit)}/values`, {
        method: 'PUT',
        body: { values },
        headers: { 'If-Match': etag },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['submissions'] }),
  });
}

export type WorkflowAction = 'submit' | 'return' | 'approve' | 'reopen';

export function useWorkflowAction(period: string, unit: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, reason }: { action: WorkflowAction; reason?: string }) =>
      request<unknown>(`${submissionPath(period, unit)}/${action}`, {
        method: 'POST',
        body: reason === undefined ? undefined : { reason },
      }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['submissions'] });
      queryClient.invalidateQueries({ queryKey: ['scores'] });
      queryClient.invalidateQueries({ queryKey: ['periods'] });
    },
  });
}
