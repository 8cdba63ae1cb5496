import { Timeline, Typography } from 'antd';
import { formatDateTime } from '@/lib/format';
import { useSubmissionHistory } from '../api/submissions';

const ACTION_LABELS: Record<string, string> = {
  create: 'Tạo báo cáo',
  save: 'Lưu số liệu',
  values: 'Lưu số liệu',
  submit: 'Nộp báo cáo',
  return: 'Trả lại',
  approve: 'Duyệt',
  reopen: 'Mở lại',
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
