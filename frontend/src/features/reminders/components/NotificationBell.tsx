import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNotifications } from '../api/reminders';

/** The header bell of a unit's users: the number of unread notifications, opening the list. */
export function NotificationBell({ onOpen }: { onOpen: () => void }) {
  const unread = useNotifications(true);
  const count = unread.data?.length ?? 0;
  return (
    <Badge count={count} size="small">
      <Button
        type="text"
        aria-label={count ? `Thông báo, ${count} chưa đọc` : 'Thông báo'}
        icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />}
        onClick={onOpen}
      />
    </Badge>
  );
}
