import { useNavigate, useParams } from 'react-router';
import { Button, Card, Col, Empty, Row, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { useUnitHistory, useUnitScore, type HistoryPoint } from '@/features/scores/api/scores';
import { historyOption } from '@/features/scores/chart-options';
import { useIndicatorNames } from '@/features/indicators/api/indicators';
import { IndicatorResultsTable, ScoreSummary } from '@/features/scores/components/ExplainedScore';
import { Chart } from '@/components/Chart';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, PageLoading } from '@/components/PageState';
import { useSearchParam } from '@/lib/use-search-param';
import { formatNumber } from '@/lib/format';

/** This period's total against the same kind of period a year earlier (H1 with H1), when both have one. */
function Comparison({ points, period }: { points: HistoryPoint[]; period: string | undefined }) {
  const current = points.find((p) => p.period === period);
  const previous = points.find((p) => p.period === current?.compares_with);
  if (!current || !previous) return null;
  if (current.total === null || previous.total === null)
    return <Typography.Text type="secondary">So với {previous.name}: chưa có kết quả để so sánh</Typography.Text>;
  const delta = Number(current.total) - Number(previous.total);
  return (
    <Typography.Text type={delta >= 0 ? 'success' : 'danger'}>
      So với {previous.name}: {delta >= 0 ? '+' : '−'}
      {formatNumber(Math.abs(delta))}
    </Typography.Text>
  );
}

export default function UnitRoute() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [period, setPeriod] = useSearchParam('period');
  const score = useUnitScore(period, code);
  const names = useIndicatorNames();
  const history = useUnitHistory(code);
  const points = history.data?.points ?? [];
  const charted = points.some((p) => p.total !== null);

  return (
    <>
      <PageHeader
        title={score.data?.unit.name ?? code}
        subtitle="Điểm thi đua và giải trình"
        extra={
          <>
            <PeriodSelect value={period} onChange={setPeriod} />
            {period && score.data && (
              <Button icon={<PrinterOutlined />} onClick={() => navigate(`/in/${period}/${code}`)}>
                In
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title="Điểm của kỳ" extra={<Comparison points={points} period={period} />}>
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
            {charted ? (
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
