import { useDeferredValue } from 'react';
import { Alert, Card, Empty, Spin, Typography } from 'antd';
import { ErrorAlert } from '@/components/PageState';
import { TierBadge } from '@/components/TierBadge';
import { formatLateness, formatNumber } from '@/lib/format';
import type { ValueInput } from '@/api/client';
import { useScorePreview } from '../api/scores';
import { IndicatorResultsTable, ScoreSummary } from './ExplainedScore';

/** The projected score of the values on screen, before they are submitted. */
export function ScorePreview({ period, unit, values }: { period: string; unit: string; values: ValueInput[] | undefined }) {
  const preview = useScorePreview(period, unit, values);
  // A low-priority render: a new preview never delays a keystroke in the form.
  const score = useDeferredValue(preview.data);
  return (
    <Card
      title="Điểm dự kiến"
      extra={preview.isFetching ? <Spin size="small" /> : null}
      data-testid="score-preview"
      styles={{ body: { padding: 12 } }}
    >
      <ErrorAlert error={preview.error} />
      {score ? (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            Điểm sẽ được nếu nộp ngay bây giờ, tính theo số liệu đang nhập (chưa lưu), gồm điểm thưởng, điểm trừ
            và hạ loại đã ghi nhận; chưa gồm xếp hạng trong cụm, khối.
          </Typography.Paragraph>
          {score.lateness && (
            <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`${formatLateness(score.lateness)}.`} data-testid="preview-lateness" />
          )}
          <ScoreSummary score={score} />
          <IndicatorResultsTable results={score.explanation.indicators.filter((r) => r.applicable)} ruleColumn={false} />
        </>
      ) : (
        !preview.isFetching && <Empty description="Nhập số liệu để xem điểm dự kiến" />
      )}
    </Card>
  );
}

/** The projected total and tier in one line, for the form's action bar (same request as the panel). */
export function PreviewBadge({ period, unit, values }: { period: string; unit: string; values: ValueInput[] | undefined }) {
  const preview = useScorePreview(period, unit, values);
  const score = useDeferredValue(preview.data);
  if (!score) return null;
  return (
    <span data-testid="preview-badge" style={{ marginRight: 'auto', whiteSpace: 'nowrap' }}>
      Dự kiến: <strong>{formatNumber(score.total)}</strong> <TierBadge tier={score.tier} short />
    </span>
  );
}
