import { Link } from 'react-router';
import { Card, Flex, Segmented, Table } from 'antd';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { useSubmissions, type SubmissionSort, type SubmissionSummary } from '@/features/submissions/api/submissions';
import { GroupSelect } from '@/features/units/components/GroupSelect';
import type { SubmissionStatus } from '@/lib/labels';
import { StatusTag } from '@/components/StatusTag';
import { PageHeader } from '@/components/PageHeader';
import { ErrorAlert } from '@/components/PageState';
import { SearchBox } from '@/components/SearchBox';
import { ExportButton } from '@/components/ExportButton';
import { formatDateTime } from '@/lib/format';
import { useServerSort } from '@/lib/list-query';
import { useSearchParam } from '@/lib/use-search-param';

export default function ReviewQueueRoute() {
  const [period, setPeriod] = useSearchParam('period');
  const [status = 'submitted', setStatus] = useSearchParam('status');
  const [group, setGroup] = useSearchParam('group');
  const [q, setQ] = useSearchParam('q');
  const [sortParam, setSortParam] = useSearchParam('sort');
  const { sort, sorted, onChange } = useServerSort<SubmissionSort>([sortParam as SubmissionSort | undefined, setSortParam]);
  const filter = { period, status: status as SubmissionStatus, group, q, sort };
  const submissions = useSubmissions(filter, Boolean(period));
  return (
    <>
      <PageHeader
        title="Hàng chờ duyệt"
        extra={
          <>
            <PeriodSelect value={period} onChange={setPeriod} />
            {period && (
              <ExportButton
                path={`/api/v1/exports/${encodeURIComponent(period)}/submissions`}
                query={{ status, group, q, sort }}
              />
            )}
          </>
        }
      />
      <ErrorAlert error={submissions.error} />
      <Card
        styles={{ body: { padding: 0 } }}
        title={
          <Flex gap={8} wrap align="center" style={{ padding: '8px 0' }}>
            <Segmented
              value={status}
              onChange={(v) => setStatus(String(v))}
              options={[
                { value: 'submitted', label: 'Chờ duyệt' },
                { value: 'returned', label: 'Đã trả lại' },
                { value: 'approved', label: 'Đã duyệt' },
              ]}
            />
            <SearchBox label="Tìm đơn vị" value={q} onChange={setQ} />
            <GroupSelect value={group} onChange={setGroup} />
          </Flex>
        }
      >
        <Table<SubmissionSummary>
          size="small"
          rowKey={(r) => `${r.period}/${r.unit.code}`}
          loading={submissions.isFetching}
          dataSource={submissions.data}
          scroll={{ x: 600 }}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          locale={{ emptyText: q ? 'Không tìm thấy đơn vị nào' : 'Không có báo cáo nào' }}
          onChange={onChange}
          columns={[
            {
              title: 'Đơn vị',
              ...sorted('unit'),
              render: (_, row) => <Link to={`/review/${row.period}/${row.unit.code}`}>{row.unit.name}</Link>,
            },
            { title: 'Trạng thái', dataIndex: 'status', render: (s: SubmissionStatus) => <StatusTag status={s} /> },
            {
              title: 'Nộp lần đầu',
              dataIndex: 'first_submitted_at',
              ...sorted('first_submitted_at'),
              render: (v: string | null) => formatDateTime(v) || '–',
            },
            {
              title: 'Nộp gần nhất',
              dataIndex: 'submitted_at',
              ...sorted('submitted_at'),
              render: (v: string | null) => formatDateTime(v) || '–',
            },
          ]}
        />
      </Card>
    </>
  );
}
