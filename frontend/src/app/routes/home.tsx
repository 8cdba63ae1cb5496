import { Navigate, useNavigate } from 'react-router';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { ItemList, ItemMeta, ItemRow } from '@/components/ItemList';
import { reportingPeriods, usePeriods } from '@/features/periods/api/periods';
import { useSubmissions, type SubmissionSummary } from '@/features/submissions/api/submissions';
import { StatusTag } from '@/components/StatusTag';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, PageLoading } from '@/components/PageState';
import { dayjs, daysUntil, formatDate, formatDateTime } from '@/lib/format';
import { useToday } from '@/lib/clock';
import { useCurrentUser } from '../use-current-user';
import { can } from '@/features/auth/roles';

function Deadline({ due, today, submission }: { due: string; today: string; submission: SubmissionSummary | undefined }) {
  if (submission?.first_submitted_at) {
    return <Typography.Text type="secondary">Nộp lần đầu {formatDateTime(submission.first_submitted_at)}</Typography.Text>;
  }
  const days = daysUntil(due, dayjs(today));
  if (days < 0) return <Typography.Text type="danger">Quá hạn {-days} ngày</Typography.Text>;
  if (days === 0) return <Typography.Text type="warning">Hạn nộp hôm nay</Typography.Text>;
  return <Typography.Text type={days <= 7 ? 'warning' : undefined}>Còn {days} ngày</Typography.Text>;
}

function ReporterHome({ unitCode, unitName }: { unitCode: string; unitName: string }) {
  const navigate = useNavigate();
  const periods = usePeriods();
  const submissions = useSubmissions({ unit: unitCode });
  const today = useToday();
  if (periods.isPending || submissions.isPending) return <PageLoading />;
  if (periods.isError) return <ErrorState error={periods.error} />;
  if (submissions.isError) return <ErrorState error={submissions.error} />;
  const byPeriod = new Map(submissions.data.map((s) => [s.period, s]));
  // Periods that have not started yet take no values; they appear once they begin.
  const rows = reportingPeriods(periods.data).filter((p) => p.start <= today);
  return (
    <>
      <PageHeader title="Báo cáo của đơn vị" subtitle={unitName} />
      <Card styles={{ body: { padding: 0 } }}>
        <ItemList
          items={rows}
          itemKey={(period) => period.code}
          aria-label="Các kỳ báo cáo"
          renderItem={(period) => {
            const submission = byPeriod.get(period.code);
            const status = submission?.status ?? 'missing';
            return (
              <ItemRow
                style={{ paddingInline: 16 }}
                data-period={period.code}
                actions={[
                  <Button
                    key="open"
                    type={status === 'draft' || status === 'missing' || status === 'returned' ? 'primary' : 'default'}
                    onClick={() => navigate(`/reports/${period.code}/${unitCode}`)}
                  >
                    {status === 'approved' || status === 'submitted' ? 'Xem' : 'Nhập số liệu'}
                  </Button>,
                ]}
              >
                <ItemMeta
                  title={
                    <Space wrap>
                      {period.name}
                      <StatusTag status={status} />
                      {period.status === 'locked' && <Typography.Text type="secondary">(đã khóa)</Typography.Text>}
                    </Space>
                  }
                  description={
                    <Space direction="vertical" size={0}>
                      <span>
                        Hạn nộp {formatDate(period.due)} · <Deadline due={period.due} today={today} submission={submission} />
                      </span>
                      {status === 'returned' && (
                        <Alert type="error" showIcon title="Báo cáo bị trả lại: mở báo cáo để xem lý do và sửa." style={{ marginTop: 4 }} />
                      )}
                    </Space>
                  }
                />
              </ItemRow>
            );
          }}
        />
      </Card>
    </>
  );
}

export function HomeRoute() {
  const me = useCurrentUser();
  if (can(me, 'values:write') && me.unit) return <ReporterHome unitCode={me.unit.code} unitName={me.unit.name} />;
  if (can(me, 'submissions:review')) return <Navigate to="/status" replace />;
  // Sở Tài chính's work is the estimate's appraisal (the standing body, which keeps the estimate, reviews first).
  if (can(me, 'budget:appraise') && !can(me, 'budget:write')) return <Navigate to="/budget" replace />;
  // A committee's or department's inspector: its work is the inspections of the units it oversees.
  if (can(me, 'inspections:propose') && !can(me, 'submissions:read')) return <Navigate to="/inspections" replace />;
  if (can(me, 'scores:read')) return <Navigate to="/ranking" replace />;
  return <Navigate to="/tokens" replace />;
}
