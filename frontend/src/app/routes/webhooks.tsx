import { WebhooksManager } from '@/features/webhooks/components/WebhooksManager';
import { PageHeader } from '@/components/PageHeader';

export default function WebhooksRoute() {
  return (
    <>
      <PageHeader title="Webhook" subtitle="Báo cho hệ thống khác khi điểm, xếp hạng, trạng thái báo cáo thay đổi hoặc khi khóa kỳ" />
      <WebhooksManager />
    </>
  );
}
