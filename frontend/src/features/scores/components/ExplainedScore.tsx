import { Alert, Descriptions, Flex, Statistic, Table, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, MinusCircleOutlined } from '@ant-design/icons';
import { TierBadge, tierInfo } from '@/components/TierBadge';
import { formatNumber } from '@/lib/format';
import { pillarLabel } from '@/api/types';
import type { IndicatorResult, UnitScore } from '../api/scores';

export function MetIcon({ result }: { result: Pick<IndicatorResult, 'applicable' | 'met'> }) {
  if (!result.applicable || result.met === null) return <MinusCircleOutlined aria-label="Không áp dụng" />;
  return result.met ? (
    <CheckCircleTwoTone twoToneColor="#52c41a" aria-label="Đạt" />
  ) : (
    <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-label="Không đạt" />
  );
}

export function ScoreSummary({ score }: { score: UnitScore }) {
  const capped = score.tier !== score.tier_before_veto;
  return (
    <>
      <Flex gap={24} wrap align="center" style={{ marginBottom: 12 }}>
        <Statistic title="Tổng điểm" value={formatNumber(score.total)} />
        <div>
          <div style={{ color: 'rgba(0,0,0,.45)', marginBottom: 4 }}>Xếp loại</div>
          <TierBadge tier={score.tier} />
        </div>
        {score.pillars.map((p) => (
          <Statistic key={p.pillar} title={pillarLabel(p.pillar)} value={formatNumber(p.score)} />
        ))}
      </Flex>
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label="Điểm cơ bản">{formatNumber(score.base)}</Descriptions.Item>
        <Descriptions.Item label="Điểm thưởng">+{formatNumber(score.bonus_applied)}</Descriptions.Item>
        <Descriptions.Item label="Điểm trừ">−{formatNumber(score.deductions_total)}</Descriptions.Item>
      </Descriptions>
      {capped && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={`Không đạt chỉ tiêu phủ quyết (${score.veto_failed.join(', ')}): xếp loại hạ từ "${
            tierInfo(score.tier_before_veto)?.label ?? score.tier_before_veto
          }".`}
        />
      )}
    </>
  );
}

export function IndicatorResultsTable({ results, compact = false }: { results: IndicatorResult[]; compact?: boolean }) {
  return (
    <Table<IndicatorResult>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={results}
      scroll={{ x: compact ? undefined : 720 }}
      columns={[
        { title: 'Chỉ tiêu', dataIndex: 'code', width: 80 },
        ...(compact
          ? []
          : [
              {
                title: 'Nội dung, yêu cầu',
                key: 'text',
                render: (_: unknown, r: IndicatorResult) => (
                  <>
                    <div>{r.title}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.rule_text}
                    </Typography.Text>
                  </>
                ),
              },
            ]),
        {
          title: 'Giá trị',
          key: 'value',
          render: (_, r) => (r.applicable ? (r.value ?? '–') : <Tag>{r.reason_not_applicable ?? 'Không áp dụng'}</Tag>),
        },
        { title: 'Đạt', key: 'met', width: 50, align: 'center', render: (_, r) => <MetIcon result={r} /> },
        {
          title: 'Điểm',
          key: 'points',
          width: 70,
          align: 'right',
          render: (_, r) => (r.applicable ? formatNumber(r.points) : '–'),
        },
      ]}
    />
  );
}
