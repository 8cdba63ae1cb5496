import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type ConsolidatedReport = Schemas['ReportOut'];

export function useConsolidatedReport(period: string | undefined) {
  return useQuery({
    queryKey: ['consolidated-report', period],
    queryFn: () => unwrap(api.GET('/api/v1/reports/{period}', { params: { path: { period: period! } } })),
    enabled: Boolean(period),
  });
}

/** Document links: plain downloads with the session cookie; the Word file takes its number and date. */
export function reportDocxUrl(period: string, number?: string, issuedOn?: string): string {
  const query = new URLSearchParams();
  if (number) query.set('number', number);
  if (issuedOn) query.set('issued_on', issuedOn);
  const suffix = query.size ? `?${query}` : '';
  return `/api/v1/reports/${encodeURIComponent(period)}/report.docx${suffix}`;
}

export const reportXlsxUrl = (period: string) => `/api/v1/reports/${encodeURIComponent(period)}/report.xlsx`;
