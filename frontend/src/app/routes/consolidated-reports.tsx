import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { ReportSummary } from '@/features/reports/components/ReportSummary';
import { PageHeader } from '@/components/PageHeader';
import { useSearchParam } from '@/lib/use-search-param';

export default function ConsolidatedReportsRoute() {
  const [period, setPeriod] = useSearchParam('period');
  return (
    <>
      <PageHeader
        title="Báo cáo tổng hợp"
        subtitle="Kết quả thực hiện phong trào trong kỳ, theo mẫu văn bản hành chính"
        extra={<PeriodSelect value={period} onChange={setPeriod} />}
      />
      <ReportSummary period={period} />
    </>
  );
}
