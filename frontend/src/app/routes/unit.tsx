import { useParams } from 'react-router';
import { Card, Col, Empty, Row } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { ApiError } from '@/api/errors';
import { usePeriods } from '@/features/periods/api/periods';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { unitScoreQueryOptions, useUnitScore } from '@/features/scores/api/scores';
import { historyOption } from '@/features/scores/chart-options';
import { useIndicatorNames } from '@/features/indicators/api/indicators';
import { IndicatorResultsTable, ScoreSummary } from '@/features/scores/components/ExplainedScore';
import { Chart } from '@/components/Chart';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, PageLoading } from '@/components/PageState';
import { useSearchParam } from '@/lib/use-search-param';
import { useToday } from '@/lib/clock';

export default function UnitRoute() {
  const { code = '' } = useParams();
  const [period, setPeriod] = useSearchParam('period');
  const score = useUnitScore(period, code);
  const periods = usePeriods();
  const today = useToday();
  const names = useIndicatorNames();
  const history = useQueries({
    // Only periods that have begun: later ones have nothing entered yet and would chart as zeros.
    queries: (periods.data ?? [])
      .filter((p) => p.start <= today)
      .sort((a, b) => a.end.localeCompare(b.end) || a.start.localeCompare(b.start))
      .map((p) => ({
        ...unitScoreQueryOptions(p.code, code),
        // A period without a score for this unit is an answer, not a failure to retry.
        retry: (count: number, error: Error) => !(error instanceof ApiError) && count < 2,
      })),
  });
  const points = history.flatMap((q) => (q.data ? [{ period: q.data.period, total: Number(q.data.total) }] : []));

  return (
    <>
      <PageHeader
        title={score.data?.unit.name ?? code}
        subtitle="Điểm thi đua và giải trình"
        extra={<PeriodSelect value={period} onChange={setPeriod} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title="Điểm của kỳ">
            {score.isError ? (
              <ErrorState error={score.error} />
            ) : score.data ? (
              <>
                <ScoreSummary score={score.data} />
                <IndicatorResultsTable results={score.data.explanation.indicators} names={names} />
              </>
            ) : (
              <PageLoading />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="Qua các kỳ">
            {points.length ? (
              <Chart label="Tổng điểm qua các kỳ" option={historyOption(points)} height={260} />
            ) : (
              <Empty description="Chưa có điểm" />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
