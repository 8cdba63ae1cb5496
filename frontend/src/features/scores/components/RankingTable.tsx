import { Link } from 'react-router';
import { Card, Flex, Grid, Table, Tooltip, Typography } from 'antd';
import { ItemList, ItemRow } from '@/components/ItemList';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { TierBadge, TIERS } from '@/components/TierBadge';
import { formatNumber } from '@/lib/format';
import { PILLARS } from '@/lib/labels';
import type { RankingRow } from '../api/scores';

function Trend({ total, previous, previousPeriod }: { total: string | null; previous: string | null | undefined; previousPeriod?: string | null }) {
  // Only two results compare: a unit without a result (not submitted) in either period has no trend.
  if (total === null || previous === null || previous === undefined) return <Typography.Text type="secondary">–</Typography.Text>;
  const delta = Number(total) - Number(previous);
  const title = `${previousPeriod ?? 'Kỳ trước'}: ${formatNumber(previous)}`;
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
  /** Totals of the same kind of period a year earlier (H1 with H1), by unit code, for the trend column. */
  previousTotals: Map<string, string | null>;
  /** That period's code, named in the trend's tooltip; none when there is no comparable period. */
  previousPeriod?: string | null;
}

/** A unit without a rank shows why instead ("Chưa nộp", "Chưa duyệt"): never a rank it did not earn. */
function RankCell({ row }: { row: RankingRow }) {
  if (row.rank !== null) return <>{row.rank}</>;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`rank-status-${row.unit.code}`}>
      {row.rank_status_label}
    </Typography.Text>
  );
}

function UnitCell({ row, period }: { row: RankingRow; period: string }) {
  return (
    <>
      <Link to={`/units/${row.unit.code}?period=${period}`}>{row.unit.name}</Link>
      {row.rank !== null && row.rank_status !== 'ranked' && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.rank_status_label}
          </Typography.Text>
        </div>
      )}
    </>
  );
}

function TierCell({ row }: { row: RankingRow }) {
  return (
    <span data-testid={`tier-${row.unit.code}`}>
      {row.tier === null ? <Typography.Text type="secondary">–</Typography.Text> : <TierBadge tier={row.tier} short />}
      {row.quota_applied && (
        <Tooltip title="Hạ do vượt tỷ lệ xuất sắc của cụm, khối">
          <Typography.Text type="warning">*</Typography.Text>
        </Tooltip>
      )}
    </span>
  );
}

const tierOrder = (tier: string | null) => TIERS.findIndex((t) => t.code === tier);
const byRank = (a: RankingRow, b: RankingRow) => (a.rank ?? Infinity) - (b.rank ?? Infinity);

/** On a phone each unit is a card (rank, unit, tier, total); on wider screens a sortable table. */
export function RankingTable({ rows, period, previousTotals, previousPeriod }: RankingTableProps) {
  const phone = !(Grid.useBreakpoint().md ?? true);
  const pagination = rows.length > 30 ? ({ pageSize: 30, showSizeChanger: false } as const) : false;
  if (phone)
    return (
      <ItemList<RankingRow>
        items={rows}
        itemKey={(row) => row.unit.code}
        pageSize={pagination ? pagination.pageSize : undefined}
        aria-label="Bảng xếp hạng"
        renderItem={(row) => (
          <ItemRow style={{ padding: 0, borderBlockEnd: 'none' }}>
            <Card size="small" style={{ marginBottom: 8, width: '100%' }} data-unit={row.unit.code}>
              <Flex gap={12} align="flex-start">
                <Typography.Text strong style={{ fontSize: 18, minWidth: 28, textAlign: 'center' }} aria-label="Hạng">
                  <RankCell row={row} />
                </Typography.Text>
                <div style={{ flex: 1, minWidth: 0 }} className="wrap-words">
                  <UnitCell row={row} period={period} />
                  <Flex justify="space-between" align="center" style={{ marginTop: 4 }}>
                    <TierCell row={row} />
                    <span>
                      <strong data-testid={`total-${row.unit.code}`}>{formatNumber(row.total)}</strong> điểm
                    </span>
                  </Flex>
                </div>
              </Flex>
            </Card>
          </ItemRow>
        )}
      />
    );
  return (
    <Table<RankingRow>
      size="small"
      rowKey={(row) => row.unit.code}
      dataSource={rows}
      scroll={{ x: 760 }}
      pagination={pagination}
      columns={[
        {
          title: 'Hạng',
          dataIndex: 'rank',
          width: 70,
          align: 'center',
          sorter: byRank,
          defaultSortOrder: 'ascend',
          render: (_: unknown, row: RankingRow) => <RankCell row={row} />,
        },
        {
          title: 'Đơn vị',
          key: 'unit',
          sorter: (a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'),
          render: (_, row) => <UnitCell row={row} period={period} />,
        },
        {
          title: 'Xếp loại',
          dataIndex: 'tier',
          sorter: (a, b) => tierOrder(a.tier) - tierOrder(b.tier),
          render: (_: string, row) => <TierCell row={row} />,
        },
        {
          title: 'Tổng điểm',
          dataIndex: 'total',
          align: 'right',
          sorter: (a, b) => Number(a.total) - Number(b.total),
          render: (v: string | null, row) => <strong data-testid={`total-${row.unit.code}`}>{formatNumber(v)}</strong>,
        },
        ...PILLARS.map((p) => ({
          title: p.label,
          key: p.code,
          align: 'right' as const,
          sorter: (a: RankingRow, b: RankingRow) => Number(a.pillars[p.code] ?? 0) - Number(b.pillars[p.code] ?? 0),
          render: (_: unknown, row: RankingRow) => formatNumber(row.pillars[p.code]),
        })),
        {
          title: previousPeriod ? `So với ${previousPeriod}` : 'So với cùng kỳ năm trước',
          key: 'trend',
          align: 'right',
          render: (_, row) => <Trend total={row.total} previous={previousTotals.get(row.unit.code)} previousPeriod={previousPeriod} />,
        },
      ]}
    />
  );
}
