import { Select } from 'antd';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { useReportingStatus } from '@/features/periods/api/reporting-status';
import { ReportingStatusBoard } from '@/features/periods/components/ReportingStatusBoard';
import { useGroups } from '@/features/units/api/units';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, PageLoading } from '@/components/PageState';
import { useSearchParam } from '@/lib/use-search-param';

export default function StatusBoardRoute() {
  const [period, setPeriod] = useSearchParam('period');
  const [group, setGroup] = useSearchParam('group');
  const status = useReportingStatus(period, group);
  const groups = useGroups();
  return (
    <>
      <PageHeader
        title="Tình hình báo cáo"
        extra={
          <>
            <Select
              aria-label="Cụm, khối thi đua"
              allowClear
              placeholder="Tất cả cụm, khối"
              style={{ minWidth: 220 }}
              value={group}
              onChange={(value?: string) => setGroup(value)}
              options={groups.data?.map((g) => ({ value: g.code, label: g.name }))}
            />
            <PeriodSelect value={period} onChange={setPeriod} />
          </>
        }
      />
      {status.isError ? (
        <ErrorState error={status.error} />
      ) : status.data ? (
        <ReportingStatusBoard status={status.data} />
      ) : (
        <PageLoading />
      )}
    </>
  );
}
