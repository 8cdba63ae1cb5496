import { useParams } from 'react-router';
import { Alert, Card, Col, Row, Space } from 'antd';
import { useSubmission } from '@/features/submissions/api/submissions';
import { SubmissionForm } from '@/features/submissions/components/SubmissionForm';
import { ReviewActions } from '@/features/submissions/components/ReviewActions';
import { SubmissionHistory } from '@/features/submissions/components/SubmissionHistory';
import { ChangesSinceReturn } from '@/features/submissions/components/ChangesSinceReturn';
import { StatusTag } from '@/components/StatusTag';
import { useUnitScore } from '@/features/scores/api/scores';
import { useIndicatorNames, usePlanTexts } from '@/features/indicators/api/indicators';
import { usePeriodName } from '@/features/periods/api/periods';
import { IndicatorResultsTable, ScoreSummary } from '@/features/scores/components/ExplainedScore';
import { PageHeader } from '@/components/PageHeader';
import { ErrorAlert, ErrorState, PageLoading } from '@/components/PageState';
import { can } from '@/features/auth/roles';
import { useCurrentUser } from '../use-current-user';

export default function ReviewRoute() {
  const { period = '', unit = '' } = useParams();
  const me = useCurrentUser();
  const submission = useSubmission(period, unit);
  const score = useUnitScore(period, unit);
  const planText = usePlanTexts();
  const names = useIndicatorNames();
  const periodName = usePeriodName(period);
  if (submission.isPending) return <PageLoading />;
  if (submission.isError) return <ErrorState error={submission.error} />;
  const data = submission.data;
  return (
    <>
      <PageHeader
        title={data.unit.name}
        subtitle={
          <Space wrap>
            {periodName}
            <StatusTag status={data.status} />
          </Space>
        }
        extra={can(me, 'submissions:review') && <ReviewActions period={period} unit={unit} status={data.status} />}
      />
      {data.status === 'returned' && data.return_reason && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`Lý do trả lại: ${data.return_reason}`} />
      )}
      {data.status === 'submitted' && <ChangesSinceReturn period={period} unit={unit} names={names} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <SubmissionForm indicators={data.indicators} report={{ period, unit }} planText={planText} editable={false} />
        </Col>
        <Col xs={24} xl={12}>
          <Card title="Điểm và giải trình" style={{ marginBottom: 16 }} data-testid="explained-score">
            <ErrorAlert error={score.error} />
            {score.data && (
              <>
                <ScoreSummary score={score.data} />
                <IndicatorResultsTable results={score.data.explanation.indicators} names={names} ruleColumn={false} />
              </>
            )}
          </Card>
          <Card title="Lịch sử xử lý">
            <SubmissionHistory period={period} unit={unit} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
