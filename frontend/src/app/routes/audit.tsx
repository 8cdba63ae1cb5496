import { AuditLog } from '@/features/audit/components/AuditLog';
import { PageHeader } from '@/components/PageHeader';

export default function AuditRoute() {
  return (
    <>
      <PageHeader title="Nhật ký hệ thống" subtitle="Mọi thay đổi số liệu, tài khoản, kỳ báo cáo và khen thưởng" />
      <AuditLog />
    </>
  );
}
