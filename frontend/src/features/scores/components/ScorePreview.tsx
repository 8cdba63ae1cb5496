import { useDeferredValue } from 'react';
import { Card, Empty, Spin, Typography } from 'antd';
import { ErrorAlert } from '@/components/PageState';
import type { ValueInput } from '@/api/types';
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
            Tính theo số liệu đang nhập, chưa lưu; chưa gồm xếp hạng trong cụm, khối.
          </Typography.Paragraph>
          <ScoreSummary score={score} />
          <IndicatorResultsTable results={score.explanation.indicators.filter((r) => r.applicable)} ruleColumn={false} />
        </>
      ) : (
        !preview.isFetching && <Empty description="Nhập số liệu để xem điểm dự kiến" />
      )}
    </Card>
  );
}
