import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { useReportingStatus } from '@/features/periods/api/reporting-status';
import { ReportingStatusBoard } from '@/features/periods/components/ReportingStatusBoard';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, PageLoading } from '@/components/PageState';
import { useSearchParam } from '@/lib/use-search-param';

export default function StatusBoardRoute() {
  const [period, setPeriod] = useSearchParam('period');
  const status = useReportingStatus(period);
  return (
    <>
      <PageHeader title="Tình hình báo cáo" extra={<PeriodSelect value={period} onChange={setPeriod} />} />
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
