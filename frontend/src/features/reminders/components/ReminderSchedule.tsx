import { Card, Table, Typography } from 'antd';
import { ErrorAlert } from '@/components/PageState';
import { formatDate } from '@/lib/format';
import { useReminderSchedule } from '../api/reminders';

function offsetText(days: number): string {
  if (days > 0) return `${days} ngày trước hạn`;
  if (days === 0) return 'ngày đến hạn';
  return `${-days} ngày sau hạn`;
}

/** When the server reminds the units still missing, by itself, in one period (or the first open one). */
export function ReminderSchedule({ period }: { period: string | undefined }) {
  const schedule = useReminderSchedule();
  const shown = schedule.data?.find((p) => p.period === period) ?? schedule.data?.[0];
  return (
    <Card
      title={shown ? `Lịch đôn đốc tự động: ${shown.name} (hạn ${formatDate(shown.due)})` : 'Lịch đôn đốc tự động'}
      styles={{ body: { padding: 0 } }}
      style={{ marginTop: 16 }}
    >
      <ErrorAlert error={schedule.error} />
      <Table
        size="small"
        rowKey="offset_days"
        loading={schedule.isLoading}
        dataSource={shown?.steps}
        pagination={false}
        locale={{ emptyText: 'Không có kỳ đang mở' }}
        columns={[
          { title: 'Mốc', dataIndex: 'offset_days', render: offsetText },
          { title: 'Ngày gửi', dataIndex: 'day', render: formatDate },
          {
            title: 'Đơn vị đã được nhắc',
            dataIndex: 'units_reminded',
            render: (count: number) => (count ? count : <Typography.Text type="secondary">Chưa gửi</Typography.Text>),
          },
        ]}
      />
    </Card>
  );
}
