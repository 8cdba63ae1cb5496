import { Timeline, Typography } from 'antd';
import { formatDateTime } from '@/lib/format';
import { useSubmissionHistory } from '../api/submissions';

const ACTION_LABELS: Record<string, string> = {
  'values.save': 'Lưu số liệu',
  'values.import': 'Nhập số liệu từ tệp',
  'evidence.attach': 'Đính kèm minh chứng',
  'submission.submit': 'Nộp báo cáo',
  'submission.return': 'Trả lại',
  'submission.approve': 'Duyệt',
  'submission.reopen': 'Mở lại',
};

export function SubmissionHistory({ period, unit }: { period: string; unit: string }) {
  const history = useSubmissionHistory(period, unit);
  if (!history.data?.length) return <Typography.Text type="secondary">Chưa có thao tác nào.</Typography.Text>;
  return (
    <Timeline
      items={history.data.map((entry) => ({
        content: (
          <>
            <div>
              <strong>{ACTION_LABELS[entry.action] ?? entry.action}</strong> · {entry.actor}
            </div>
            <Typography.Text type="secondary">{formatDateTime(entry.at)}</Typography.Text>
            {entry.reason && <div>Lý do: {entry.reason}</div>}
          </>
        ),
      }))}
    />
  );
}
