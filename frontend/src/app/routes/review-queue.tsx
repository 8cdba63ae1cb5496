import { Link } from 'react-router';
import { Card, Segmented, Table } from 'antd';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { useSubmissions, type SubmissionSummary } from '@/features/submissions/api/submissions';
import type { SubmissionStatus } from '@/lib/labels';
import { StatusTag } from '@/components/StatusTag';
import { PageHeader } from '@/components/PageHeader';
import { ErrorAlert } from '@/components/PageState';
import { formatDateTime } from '@/lib/format';
import { useSearchParam } from '@/lib/use-search-param';

export default function ReviewQueueRoute() {
  const [period, setPeriod] = useSearchParam('period');
  const [status = 'submitted', setStatus] = useSearchParam('status');
  const submissions = useSubmissions({ period, status: status as SubmissionStatus }, Boolean(period));
  return (
    <>
      <PageHeader title="Hàng chờ duyệt" extra={<PeriodSelect value={period} onChange={setPeriod} />} />
      <ErrorAlert error={submissions.error} />
      <Card
        styles={{ body: { padding: 0 } }}
        title={
          <Segmented
            value={status}
            onChange={(v) => setStatus(String(v))}
            options={[
              { value: 'submitted', label: 'Chờ duyệt' },
              { value: 'returned', label: 'Đã trả lại' },
              { value: 'approved', label: 'Đã duyệt' },
            ]}
          />
        }
      >
        <Table<SubmissionSummary>
          size="small"
          rowKey={(r) => `${r.period}/${r.unit.code}`}
          loading={submissions.isFetching}
          dataSource={submissions.data}
          scroll={{ x: 600 }}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          locale={{ emptyText: 'Không có báo cáo nào' }}
          columns={[
            {
              title: 'Đơn vị',
              key: 'unit',
              render: (_, row) => <Link to={`/review/${row.period}/${row.unit.code}`}>{row.unit.name}</Link>,
            },
            { title: 'Trạng thái', dataIndex: 'status', render: (s: SubmissionStatus) => <StatusTag status={s} /> },
            { title: 'Nộp lần đầu', dataIndex: 'first_submitted_at', render: (v: string | null) => formatDateTime(v) || '–' },
            { title: 'Nộp gần nhất', dataIndex: 'submitted_at', render: (v: string | null) => formatDateTime(v) || '–' },
          ]}
        />
      </Card>
    </>
  );
}
