import { Alert, App, Button, Card, Flex, InputNumber, Table, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { errorMessage } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { formatDate } from '@/lib/format';
import { REMINDER_KIND_LABELS, type ReminderKind } from '@/lib/labels';
import { useReminders, useSendReminders } from '../api/reminders';

const KIND_COLORS: Record<ReminderKind, string> = { not_submitted: 'warning', returned: 'error' };

function dueText(daysLeft: number): string {
  if (daysLeft > 0) return `còn ${daysLeft} ngày`;
  if (daysLeft === 0) return 'hạn hôm nay';
  return `quá hạn ${-daysLeft} ngày`;
}

/** Units to remind in a period and the button that notifies them (once per unit, kind and day). */
export function RemindersPanel({
  period,
  daysBefore,
  onDaysBeforeChange,
  canSend,
}: {
  period: string | undefined;
  daysBefore: number;
  onDaysBeforeChange: (days: number) => void;
  canSend: boolean;
}) {
  const { message, modal } = App.useApp();
  const reminders = useReminders(period, daysBefore);
  const send = useSendReminders();
  const items = reminders.data?.items ?? [];
  return (
    <Card
      styles={{ body: { padding: 0 } }}
      title={
        <Flex gap={8} align="center" wrap>
          <span>Nhắc khi còn</span>
          <InputNumber<number>
            aria-label="Số ngày trước hạn"
            min={0}
            max={60}
            value={daysBefore}
            onChange={(value) => onDaysBeforeChange(value ?? 0)}
            style={{ width: 80 }}
          />
          <span>ngày đến hạn</span>
        </Flex>
      }
      extra={
        canSend && (
          <Button
            type="primary"
            icon={<SendOutlined />}
            disabled={!period || items.length === 0}
            loading={send.isPending}
            onClick={() =>
              period &&
              modal.confirm({
                title: `Gửi nhắc nhở đến ${items.length} đơn vị?`,
                content:
                  'Mỗi đơn vị trong danh sách nhận một thông báo trong ứng dụng (và thư điện tử nếu đã khai báo địa chỉ). Thông báo đã gửi không thu hồi được; đơn vị đã được nhắc hôm nay được bỏ qua.',
                okText: `Gửi ${items.length} nhắc nhở`,
                cancelText: 'Hủy',
                onOk: () =>
                  send.mutateAsync({ period, days_before: daysBefore }).then(
                    (result) =>
                      message.success(
                        `Đã gửi ${result.notified} thông báo` +
                          (result.emails_queued ? `; ${result.emails_queued} thư điện tử đang được gửi đi` : '') +
                          (result.skipped ? `; bỏ qua ${result.skipped} đơn vị đã được nhắc hôm nay` : ''),
                      ),
                    (error: unknown) => message.error(errorMessage(error)),
                  ),
              })
            }
          >
            Gửi nhắc nhở ({items.length})
          </Button>
        )
      }
    >
      <ErrorAlert error={reminders.error} />
      {reminders.data && items.length === 0 && (
        <Alert type="success" showIcon title="Không có đơn vị nào cần đôn đốc trong kỳ này" style={{ margin: 16 }} />
      )}
      <Table
        size="small"
        rowKey={(row) => `${row.unit.code}-${row.kind}`}
        loading={reminders.isFetching}
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        columns={[
          { title: 'Đơn vị', dataIndex: ['unit', 'name'] },
          {
            title: 'Tình trạng',
            dataIndex: 'kind',
            render: (kind: ReminderKind) => <Tag color={KIND_COLORS[kind]}>{REMINDER_KIND_LABELS[kind]}</Tag>,
          },
          {
            title: 'Hạn nộp',
            key: 'due',
            render: (_, row) => (
              <Typography.Text type={row.days_left < 0 ? 'danger' : undefined}>
                {formatDate(row.due)} ({dueText(row.days_left)})
              </Typography.Text>
            ),
          },
          { title: 'Nội dung nhắc', dataIndex: 'title' },
        ]}
      />
    </Card>
  );
}
