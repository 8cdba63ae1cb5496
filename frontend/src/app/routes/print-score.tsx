import { Link, useParams } from 'react-router';
import { Button, Flex } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useRanking, useUnitScore } from '@/features/scores/api/scores';
import { PrintableScore } from '@/features/scores/components/PrintableScore';
import { PROVINCE_PLACE } from '@/features/scores/print';
import { useIndicatorNames } from '@/features/indicators/api/indicators';
import { usePeriodName } from '@/features/periods/api/periods';
import { useSubmission } from '@/features/submissions/api/submissions';
import { useGroupNames } from '@/features/units/api/units';
import { ErrorState, PageLoading } from '@/components/PageState';
import { placeAndDate } from '@/lib/format';
import { useToday } from '@/lib/clock';
import { SUBMISSION_STATUS_LABELS } from '@/lib/labels';

/**
 * A unit's report and score laid out for A4 (/in/<period>/<unit>), printed with the browser's print: the
 * toolbar, header and menu are not printed. Everything comes from the API's existing reads.
 */
export default function PrintScoreRoute() {
  const { period = '', unit = '' } = useParams();
  const score = useUnitScore(period, unit);
  const names = useIndicatorNames();
  const periodName = usePeriodName(period);
  const submission = useSubmission(period, unit);
  const ranking = useRanking(period);
  const groupNames = useGroupNames();
  const today = useToday();

  if (score.isError) return <ErrorState error={score.error} />;
  if (!score.data) return <PageLoading />;

  const own = ranking.data?.items.find((item) => item.unit.code === unit);
  const groupSize = own?.group ? ranking.data?.items.filter((item) => item.group === own.group).length : undefined;
  const rank =
    own?.rank != null && groupSize
      ? `${own.rank}/${groupSize} đơn vị${own.group ? `, ${groupNames.get(own.group) ?? own.group}` : ''}`
      : undefined;

  return (
    <>
      <Flex className="no-print" justify="space-between" wrap gap={8} style={{ marginBottom: 12, maxWidth: '210mm', marginInline: 'auto' }}>
        <Link to={`/units/${unit}?period=${period}`}>
          <ArrowLeftOutlined /> Về trang điểm của đơn vị
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          In báo cáo
        </Button>
      </Flex>
      <PrintableScore
        score={score.data}
        periodName={periodName}
        names={names}
        placeAndDate={placeAndDate(PROVINCE_PLACE, today)}
        rank={rank}
        reportStatus={submission.data ? SUBMISSION_STATUS_LABELS[submission.data.status] : undefined}
      />
    </>
  );
}
