import { App, Badge, Button, Card, List, Typography } from 'antd';
import { errorMessage } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { formatDateTime } from '@/lib/format';
import { useMarkNotificationRead, useNotifications } from '../api/reminders';

/** The unit's in-app notifications, newest first; unread ones stand out until marked read. */
export function NotificationsList() {
  const { message } = App.useApp();
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();
  const unread = notifications.data?.filter((n) => !n.read_at).length ?? 0;
  return (
    <Card
      title={
        <Badge count={unread} offset={[12, 0]}>
          <span>Thông báo của đơn vị</span>
        </Badge>
      }
      styles={{ body: { padding: 0 } }}
    >
      <ErrorAlert error={notifications.error} />
      <List
        loading={notifications.isPending}
        dataSource={notifications.data}
        locale={{ emptyText: 'Chưa có thông báo' }}
        renderItem={(item) => (
          <List.Item
            style={{ paddingInline: 16, background: item.read_at ? undefined : '#fff7e6' }}
            data-testid={`notification-${item.id}`}
            actions={
              item.read_at
                ? []
                : [
                    <Button
                      key="read"
                      size="small"
                      type="link"
                      onClick={() => markRead.mutateAsync(item.id).catch((error: unknown) => message.error(errorMessage(error)))}
                    >
                      Đánh dấu đã đọc
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={<Typography.Text strong={!item.read_at}>{item.title}</Typography.Text>}
              description={
                <>
                  <div style={{ whiteSpace: 'pre-line' }}>{item.body}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(item.created_at)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
