import { Link } from 'react-router';
import { Table, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { TierBadge } from '@/components/TierBadge';
import { formatNumber } from '@/lib/format';
import { PILLARS } from '@/api/types';
import type { RankingRow } from '../api/scores';

function Trend({ row }: { row: RankingRow }) {
  if (row.previous_total === null) return <Typography.Text type="secondary">–</Typography.Text>;
  const delta = Number(row.total) - Number(row.previous_total);
  const title = `Kỳ trước: ${formatNumber(row.previous_total)}`;
  if (Math.abs(delta) < 0.005)
    return (
      <Tooltip title={title}>
        <MinusOutlined aria-label="Không đổi" />
      </Tooltip>
    );
  return (
    <Tooltip title={title}>
      <Typography.Text type={delta > 0 ? 'success' : 'danger'} style={{ whiteSpace: 'nowrap' }}>
        {delta > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {formatNumber(Math.abs(delta))}
      </Typography.Text>
    </Tooltip>
  );
}

export function RankingTable({ rows, period }: { rows: RankingRow[]; period: string }) {
  return (
    <Table<RankingRow>
      size="small"
      rowKey="unit_code"
      dataSource={rows}
      scroll={{ x: 760 }}
      pagination={rows.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
      columns={[
        { title: 'Hạng', dataIndex: 'rank', width: 60, align: 'center' },
        {
          title: 'Đơn vị',
          dataIndex: 'unit_name',
          render: (name: string, row) => (
            <>
              <Link to={`/units/${row.unit_code}?period=${period}`}>{name}</Link>
              {!row.approved && (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    Chưa duyệt
                  </Typography.Text>
                </div>
              )}
            </>
          ),
        },
        {
          title: 'Xếp loại',
          dataIndex: 'tier',
          render: (tier: string, row) => (
            <>
              <TierBadge tier={tier} short />
              {row.quota_applied && (
                <Tooltip title="Hạ do vượt tỷ lệ xuất sắc">
                  <Typography.Text type="warning">*</Typography.Text>
                </Tooltip>
              )}
            </>
          ),
        },
        { title: 'Tổng điểm', dataIndex: 'total', align: 'right', render: (v: string) => <strong>{formatNumber(v)}</strong> },
        ...PILLARS.map((p) => ({
          title: p.code,
          key: p.code,
          align: 'right' as const,
          render: (_: unknown, row: RankingRow) => formatNumber(row.pillars.find((s) => s.pillar === p.code)?.score),
        })),
        { title: 'So với kỳ trước', key: 'trend', align: 'right', render: (_, row) => <Trend row={row} /> },
      ]}
    />
  );
}
