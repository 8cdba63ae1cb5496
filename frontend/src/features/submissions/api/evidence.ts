import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

export const evidenceUrl = (period: string, unit: string, id: number) =>
  `/api/v1/submissions/${encodeURIComponent(period)}/${encodeURIComponent(unit)}/evidence/${id}`;

/** Uploads one evidence file for an indicator; the report is reloaded to list it. */
export function useAttachEvidence(period: string, unit: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ indicator, file }: { indicator: string; file: File }) =>
      unwrap(
        api.POST('/api/v1/submissions/{period}/{unit}/values/{indicator}/evidence', {
          params: { path: { period, unit, indicator } },
          body: { file: file as unknown as string },
          bodySerializer: (body) => {
            const form = new FormData();
            form.append('file', body.file as unknown as File);
            return form;
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['submissions', period, unit] }),
  });
}

/** Removes a file its uploader attached by mistake (while the report is editable); the report is reloaded. */
export function useRemoveEvidence(period: string, unit: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (evidenceId: number) =>
      unwrap(
        api.DELETE('/api/v1/submissions/{period}/{unit}/evidence/{evidence_id}', {
          params: { path: { period, unit, evidence_id: evidenceId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['submissions', period, unit] }),
  });
}
