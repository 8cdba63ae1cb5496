import { NotificationsList } from '@/features/reminders/components/NotificationsList';
import { PageHeader } from '@/components/PageHeader';

export default function NotificationsRoute() {
  return (
    <>
      <PageHeader title="Thông báo" subtitle="Nhắc nhở của Cơ quan Thường trực gửi đơn vị" />
      <NotificationsList />
    </>
  );
}
