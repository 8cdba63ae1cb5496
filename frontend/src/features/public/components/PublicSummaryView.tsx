import { Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import { ItemList, ItemMeta, ItemRow } from '@/components/ItemList';
import { PhoneOutlined } from '@ant-design/icons';
import type { EChartsCoreOption } from 'echarts/core';
import { Chart } from '@/components/Chart';
import { tierInfo } from '@/components/TierBadge';
import { formatNumber, formatPercent } from '@/lib/format';
import type { PublicSummary } from '../api/public';

const TIER_COLORS: Record<string, string> = { red: '#cf1322', gold: '#d4b106', blue: '#1677ff', green: '#389e0d' };

export function tierChartOption(tiers: PublicSummary['tiers']): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        label: { formatter: '{b}: {c}' },
        data: tiers.map((t) => ({
          name: t.label,
          value: t.count,
          itemStyle: { color: TIER_COLORS[tierInfo(t.tier)?.color ?? ''] },
        })),
      },
    ],
  };
}

/** What the province publishes: reporting rate, tier distribution, exemplary collectives, models, hotlines. */
export function PublicSummaryView({ summary }: { summary: PublicSummary }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8}>
        <Card>
          <Statistic
            title="Tỷ lệ đơn vị đã báo cáo"
            value={summary.reporting_rate === null ? '–' : formatPercent(Number(summary.reporting_rate), 1)}
            valueStyle={{ color: '#8e1616' }}
          />
          <Typography.Text type="secondary">
            {formatNumber(summary.received)} / {formatNumber(summary.expected)} đơn vị
          </Typography.Text>
        </Card>
        <Card title="Đường dây nóng" style={{ marginTop: 16 }}>
          <ItemList
            items={summary.hotlines}
            itemKey={(h) => `${h.name} ${h.number}`}
            empty="Chưa công bố"
            aria-label="Đường dây nóng"
            renderItem={(h) => (
              <ItemRow
                actions={[
                  <a key="call" href={`tel:${h.number.replace(/\s/g, '')}`}>
                    <PhoneOutlined /> {h.number}
                  </a>,
                ]}
              >
                {h.name}
              </ItemRow>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} md={16}>
        <Card title="Kết quả xếp loại">
          {summary.tiers.some((t) => t.count > 0) ? (
            <Chart label="Phân bố xếp loại" option={tierChartOption(summary.tiers)} height={300} />
          ) : (
            <Empty description="Chưa có kết quả" />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="Tập thể điển hình tiên tiến">
          <ItemList
            items={summary.exemplars}
            itemKey={(e) => `${e.name} ${e.year} ${e.unit_name}`}
            empty="Chưa công bố"
            aria-label="Tập thể điển hình tiên tiến"
            renderItem={(e) => (
              <ItemRow>
                <ItemMeta title={`${e.name} (${e.year})`} description={`${e.unit_name} · ${e.achievement}`} />
              </ItemRow>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="Mô hình tự quản đang hoạt động" styles={{ body: { padding: 0 } }}>
          <Table
            size="small"
            rowKey="kind"
            dataSource={summary.models}
            pagination={false}
            locale={{ emptyText: 'Chưa công bố' }}
            columns={[
              { title: 'Loại mô hình', dataIndex: 'name' },
              { title: 'Số mô hình', dataIndex: 'active', align: 'right', render: formatNumber },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
