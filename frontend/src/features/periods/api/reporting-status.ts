import { useQuery } from '@tanstack/react-query';
import { request } from '@/api/client';

export interface GroupStatus {
  group: string;
  group_name: string;
  expected: number;
  on_time: number;
  late: number;
  missing: number;
}

export interface UnitStatus {
  unit_code: string;
  unit_name: string;
  group: string;
  status: 'missing' | 'draft' | 'submitted' | 'returned' | 'approved';
  first_submitted_at: string | null;
  late: boolean;
}

export interface ReportingStatus {
  period: string;
  groups: GroupStatus[];
  units: UnitStatus[];
}

export function useReportingStatus(period: string | undefined, group?: string) {
  return useQuery({
    queryKey: ['periods', period, 'reporting-status', group ?? null],
    queryFn: async () => (await request<ReportingStatus>(`/periods/${period}/reporting-status`, { query: { group } })).data,
    enabled: Boolean(period),
  });
}
