import { App, Badge, Button, Card, Typography } from 'antd';
import { ItemList, ItemMeta, ItemRow } from '@/components/ItemList';
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
      <ItemList
        loading={notifications.isPending}
        items={notifications.data}
        itemKey={(item) => item.id}
        empty="Chưa có thông báo"
        aria-label="Thông báo"
        renderItem={(item) => (
          <ItemRow
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
            <ItemMeta
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
          </ItemRow>
        )}
      />
    </Card>
  );
}
