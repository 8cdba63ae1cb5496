import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Segmented, Table, Tag } from 'antd';
import { formatDateTime } from '@/lib/format';
import type { ReportingStatus, UnitStatus } from '../api/reporting-status';

const UNIT_STATUS: Record<UnitStatus['status'], { label: string; color: string }> = {
  missing: { label: 'Chưa nộp', color: 'default' },
  draft: { label: 'Chưa nộp', color: 'default' },
  submitted: { label: 'Đã nộp', color: 'processing' },
  returned: { label: 'Bị trả lại', color: 'error' },
  approved: { label: 'Đã duyệt', color: 'success' },
};

/** Needs the standing body: waiting for review, or still missing from the unit. */
const needsAction = (row: UnitStatus) => row.status !== 'approved';

export function ReportingStatusBoard({ status }: { status: ReportingStatus }) {
  const [filter, setFilter] = useState<'all' | 'action'>('action');
  const units = filter === 'action' ? status.units.filter(needsAction) : status.units;
  const totals = status.groups.reduce(
    (sum, g) => ({
      expected: sum.expected + g.expected,
      on_time: sum.on_time + g.on_time,
      late: sum.late + g.late,
      missing: sum.missing + g.missing,
    }),
    { expected: 0, on_time: 0, late: 0, missing: 0 },
  );
  return (
    <>
      <Card title="Theo cụm, khối thi đua" style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <Table
          size="small"
          rowKey="group"
          pagination={false}
          scroll={{ x: 560 }}
          dataSource={status.groups}
          columns={[
            { title: 'Cụm, khối', dataIndex: 'group_name' },
            { title: 'Phải nộp', dataIndex: 'expected', align: 'right' },
            { title: 'Đúng hạn', dataIndex: 'on_time', align: 'right' },
            { title: 'Trễ hạn', dataIndex: 'late', align: 'right', render: (v: number) => (v ? <Tag color="orange">{v}</Tag> : 0) },
            { title: 'Chưa nộp', dataIndex: 'missing', align: 'right', render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
          ]}
          summary={() => (
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0}>Tổng cộng</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{totals.expected}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{totals.on_time}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{totals.late}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{totals.missing}</Table.Summary.Cell>
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
          rowKey="unit_code"
          dataSource={units}
          scroll={{ x: 640 }}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            {
              title: 'Đơn vị',
              dataIndex: 'unit_name',
              render: (name: string, row) => <Link to={`/review/${status.period}/${row.unit_code}`}>{name}</Link>,
            },
            {
              title: 'Trạng thái',
              dataIndex: 'status',
              render: (s: UnitStatus['status']) => <Tag color={UNIT_STATUS[s].color}>{UNIT_STATUS[s].label}</Tag>,
            },
            { title: 'Nộp lần đầu', dataIndex: 'first_submitted_at', render: (v: string | null) => formatDateTime(v) || '–' },
            { title: 'Đúng hạn', dataIndex: 'late', render: (late: boolean, row) => (row.first_submitted_at ? (late ? <Tag color="orange">Trễ hạn</Tag> : 'Đúng hạn') : '–') },
          ]}
        />
      </Card>
    </>
  );
}
