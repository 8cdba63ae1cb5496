import { Alert, Descriptions, Flex, Grid, Statistic, Table, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, MinusCircleOutlined } from '@ant-design/icons';
import { TierBadge, tierInfo } from '@/components/TierBadge';
import { formatDate, formatNumber } from '@/lib/format';
import { PILLARS } from '@/lib/labels';
import { fractionValue, type IndicatorExplanation, type UnitScore } from '../api/scores';

const exact = (text: string | null | undefined) => formatNumber(fractionValue(text));

function MetIcon({ result }: { result: Pick<IndicatorExplanation, 'applicable' | 'met'> }) {
  if (!result.applicable) return <MinusCircleOutlined aria-label="Không áp dụng" />;
  return result.met ? (
    <CheckCircleTwoTone twoToneColor="#52c41a" aria-label="Đạt" />
  ) : (
    <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-label="Không đạt" />
  );
}

/** The entered value in words: "19/20 (95%)", "2", "Có", a date. */
export function describeValue(result: IndicatorExplanation): string {
  const v = result.value;
  if (!v || result.missing) return 'Chưa nhập';
  if (v.denominator !== null && v.numerator !== null) {
    const rate = fractionValue(result.rate);
    return `${v.numerator}/${v.denominator}${rate === null ? '' : ` (${formatNumber(rate)}%)`}`;
  }
  if (v.count !== null) return String(v.count);
  if (v.flag !== null) return v.flag ? 'Có' : 'Không';
  if (v.date) return formatDate(v.date);
  return 'Chưa nhập';
}

export function ScoreSummary({ score }: { score: UnitScore }) {
  const { explanation } = score;
  const capped = explanation.tier_before_veto !== explanation.tier;
  return (
    <>
      <Flex gap={24} wrap align="center" style={{ marginBottom: 12 }}>
        <Statistic title="Tổng điểm" value={formatNumber(score.total)} data-testid="score-total" />
        <div>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
            Xếp loại
          </Typography.Text>
          <span data-testid="score-tier">
            <TierBadge tier={score.tier} />
          </span>
        </div>
        {PILLARS.filter((p) => p.code in score.pillars).map((p) => (
          <Statistic key={p.code} title={p.label} value={formatNumber(score.pillars[p.code])} />
        ))}
      </Flex>
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label="Điểm cơ bản">{exact(explanation.base)}</Descriptions.Item>
        <Descriptions.Item label="Điểm thưởng">
          +{exact(explanation.bonus_applied)}
          {explanation.bonus_capped && ` (đề nghị ${exact(explanation.bonus_requested)}, vượt mức trần)`}
        </Descriptions.Item>
        <Descriptions.Item label="Điểm trừ">−{exact(explanation.deductions_total)}</Descriptions.Item>
      </Descriptions>
      {[...explanation.bonuses, ...explanation.deductions].length > 0 && (
        <ul style={{ margin: '0 0 8px', paddingLeft: 20 }}>
          {explanation.bonuses.map((b, i) => (
            <li key={`b${i}`}>
              +{exact(b.points)}: {b.reason}
            </li>
          ))}
          {explanation.deductions.map((d, i) => (
            <li key={`d${i}`}>
              −{exact(d.points)}: {d.reason}
            </li>
          ))}
        </ul>
      )}
      {capped && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={`Không đạt chỉ tiêu phủ quyết (${explanation.veto_failed.join(', ')}): xếp loại hạ từ “${
            tierInfo(explanation.tier_before_veto)?.label ?? explanation.tier_before_veto
          }”.`}
        />
      )}
      {score.quota_applied && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title="Hạ xuống “Hoàn thành tốt” do vượt tỷ lệ xuất sắc của cụm, khối." />
      )}
      {explanation.missing.length > 0 && (
        <Typography.Paragraph type="warning" style={{ marginBottom: 8 }}>
          Chưa nhập {explanation.missing.length} chỉ tiêu (tính là không đạt)
          {explanation.missing.length <= 6 && `: ${explanation.missing.join(', ')}`}
        </Typography.Paragraph>
      )}
    </>
  );
}

interface IndicatorResultsTableProps {
  results: IndicatorExplanation[];
  /** Indicator names by code (the catalog's), shown under each code. */
  names?: Record<string, string>;
  /** The rule's wording: its own column on wide screens, under the name on phones. */
  ruleColumn?: boolean;
}

/**
 * One row per indicator: code with its name, value, met, points. Words wrap (never letter by letter), no
 * column is fixed wider than a phone, and the rule moves under the name when the screen is narrow.
 */
export function IndicatorResultsTable({ results, names, ruleColumn = true }: IndicatorResultsTableProps) {
  const wide = Grid.useBreakpoint().md ?? true;
  const ruleApart = ruleColumn && wide;
  return (
    <Table<IndicatorExplanation>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={results}
      tableLayout="fixed"
      rowClassName={(r) => (r.applicable && !r.met ? 'row-not-met' : '')}
      columns={[
        {
          title: 'Chỉ tiêu',
          dataIndex: 'code',
          render: (code: string, r) => (
            <div className="wrap-words">
              <strong>{code}</strong>
              {r.veto && (
                <Tag color="red" style={{ fontSize: 11, marginInlineStart: 6 }}>
                  phủ quyết
                </Tag>
              )}
              {names?.[code] && <div>{names[code]}</div>}
              {ruleColumn && !ruleApart && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  Yêu cầu: {r.rule_text}
                </Typography.Text>
              )}
            </div>
          ),
        },
        ...(ruleApart
          ? [{ title: 'Yêu cầu', dataIndex: 'rule_text', render: (t: string) => <div className="wrap-words" style={{ fontSize: 13 }}>{t}</div> }]
          : []),
        {
          title: 'Giá trị',
          key: 'value',
          width: wide ? 130 : 84,
          render: (_, r) => (
            <div className="wrap-words">
              {r.applicable ? describeValue(r) : <Tag style={{ whiteSpace: 'normal' }}>{r.reason_not_applicable || 'Không áp dụng'}</Tag>}
            </div>
          ),
        },
        { title: 'Đạt', key: 'met', width: 44, align: 'center', render: (_, r) => <MetIcon result={r} /> },
        {
          title: 'Điểm',
          key: 'points',
          width: wide ? 84 : 64,
          align: 'right',
          render: (_, r) => (r.applicable ? `${exact(r.points)}/${exact(r.weight)}` : '–'),
        },
      ]}
    />
  );
}
