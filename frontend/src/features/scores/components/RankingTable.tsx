import { Link } from 'react-router';
import { Table, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { TierBadge } from '@/components/TierBadge';
import { formatNumber } from '@/lib/format';
import { PILLARS } from '@/api/types';
import type { RankingRow } from '../api/scores';

function Trend({ total, previous }: { total: string; previous: string | undefined }) {
  if (previous === undefined) return <Typography.Text type="secondary">–</Typography.Text>;
  const delta = Number(total) - Number(previous);
  const title = `Kỳ trước: ${formatNumber(previous)}`;
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

interface RankingTableProps {
  rows: RankingRow[];
  period: string;
  /** Totals of the previous period of the same kind, by unit code, for the trend column. */
  previousTotals: Map<string, string>;
}

export function RankingTable({ rows, period, previousTotals }: RankingTableProps) {
  return (
    <Table<RankingRow>
      size="small"
      rowKey={(row) => row.unit.code}
      dataSource={rows}
      scroll={{ x: 760 }}
      pagination={rows.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
      columns={[
        { title: 'Hạng', dataIndex: 'rank', width: 60, align: 'center', render: (rank: number | null) => rank ?? '–' },
        {
          title: 'Đơn vị',
          key: 'unit',
          render: (_, row) => (
            <>
              <Link to={`/units/${row.unit.code}?period=${period}`}>{row.unit.name}</Link>
              {row.submission_status !== 'approved' && (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {row.submission_status ? 'Báo cáo chưa được duyệt' : 'Chưa có báo cáo'}
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
            <span data-testid={`tier-${row.unit.code}`}>
              <TierBadge tier={tier} short />
              {row.quota_applied && (
                <Tooltip title="Hạ do vượt tỷ lệ xuất sắc của cụm, khối">
                  <Typography.Text type="warning">*</Typography.Text>
                </Tooltip>
              )}
            </span>
          ),
        },
        {
          title: 'Tổng điểm',
          dataIndex: 'total',
          align: 'right',
          render: (v: string, row) => <strong data-testid={`total-${row.unit.code}`}>{formatNumber(v)}</strong>,
        },
        ...PILLARS.map((p) => ({
          title: <Tooltip title={p.label}>{p.code}</Tooltip>,
          key: p.code,
          align: 'right' as const,
          render: (_: unknown, row: RankingRow) => formatNumber(row.pillars[p.code]),
        })),
        {
          title: 'So với kỳ trước',
          key: 'trend',
          align: 'right',
          render: (_, row) => <Trend total={row.total} previous={previousTotals.get(row.unit.code)} />,
        },
      ]}
    />
  );
}
