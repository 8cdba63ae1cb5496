import { PeriodsAdmin } from '@/features/periods/components/PeriodsAdmin';
import { PageHeader } from '@/components/PageHeader';

export default function AdminPeriodsRoute() {
  return (
    <>
      <PageHeader title="Quản lý kỳ báo cáo" />
      <PeriodsAdmin />
    </>
  );
}
