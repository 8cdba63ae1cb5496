import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Segmented, Table, Tag } from 'antd';
import { formatDateTime } from '@/lib/format';
import { StatusTag } from '@/components/StatusTag';
import type { ReportingStatus, UnitStatus } from '../api/reporting-status';

const TIMELINESS_COLORS: Record<UnitStatus['timeliness'], string> = { on_time: 'green', late: 'orange', missing: 'red', not_yet_due: 'default' };

/** What the standing body still has to act on: reports to review, and units that have not reported. */
const needsAction = (row: UnitStatus) => row.status !== 'approved';

export function ReportingStatusBoard({ status }: { status: ReportingStatus }) {
  const [filter, setFilter] = useState<'all' | 'action'>('action');
  const units = filter === 'action' ? status.units.filter(needsAction) : status.units;
  const groupName = new Map(status.groups.map((g) => [g.group, g.name]));
  const totals = status.groups.reduce(
    (sum, g) => ({
      expected: sum.expected + g.expected,
      on_time: sum.on_time + g.on_time,
      late: sum.late + g.late,
      missing: sum.missing + g.missing,
      not_yet_due: sum.not_yet_due + g.not_yet_due,
    }),
    { expected: 0, on_time: 0, late: 0, missing: 0, not_yet_due: 0 },
  );
  const countTag = (color: string) => (v: number) => (v ? <Tag color={color}>{v}</Tag> : 0);
  return (
    <>
      <Card title="Theo cụm, khối thi đua" style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <Table
          size="small"
          rowKey="group"
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={status.groups}
          columns={[
            { title: 'Cụm, khối', dataIndex: 'name' },
            { title: 'Phải nộp', dataIndex: 'expected', align: 'right' },
            { title: 'Đúng hạn', dataIndex: 'on_time', align: 'right' },
            { title: 'Muộn', dataIndex: 'late', align: 'right', render: countTag('orange') },
            { title: 'Quá hạn chưa nộp', dataIndex: 'missing', align: 'right', render: countTag('red') },
            { title: 'Chưa đến hạn', dataIndex: 'not_yet_due', align: 'right' },
          ]}
          summary={() => (
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0}>Tổng cộng</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{totals.expected}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{totals.on_time}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{totals.late}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{totals.missing}</Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">{totals.not_yet_due}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
      <Card
        title="Theo đơn vị"
        extra={
          <Segmented
            value={filter}
            onChange={(v) => setFilter(v as 'all' | 'action')}
            options={[
              { value: 'action', label: 'Cần xử lý' },
              { value: 'all', label: 'Tất cả' },
            ]}
          />
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<UnitStatus>
          size="small"
          rowKey="unit"
          dataSource={units}
          scroll={{ x: 720 }}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            {
              title: 'Đơn vị',
              dataIndex: 'name',
              // The whole board is on the page: its columns sort here.
              sorter: (a, b) => a.name.localeCompare(b.name, 'vi'),
              render: (name: string, row) => <Link to={`/review/${status.period}/${row.unit}`}>{name}</Link>,
            },
            {
              title: 'Cụm, khối',
              dataIndex: 'group',
              sorter: (a, b) => a.group.localeCompare(b.group),
              render: (g: string) => groupName.get(g) ?? g,
            },
            {
              title: 'Trạng thái',
              dataIndex: 'status',
              render: (s: UnitStatus['status']) => <StatusTag status={s} />,
            },
            {
              title: 'Nộp lần đầu',
              dataIndex: 'first_submitted_at',
              sorter: (a, b) => (a.first_submitted_at ?? '9').localeCompare(b.first_submitted_at ?? '9'),
              render: (v: string | null) => formatDateTime(v) || '–',
            },
            {
              title: 'Thời hạn',
              dataIndex: 'timeliness_label',
              sorter: (a, b) => a.days_late - b.days_late || a.timeliness.localeCompare(b.timeliness),
              render: (label: string, row) => <Tag color={TIMELINESS_COLORS[row.timeliness]}>{label}</Tag>,
            },
          ]}
        />
      </Card>
    </>
  );
}
