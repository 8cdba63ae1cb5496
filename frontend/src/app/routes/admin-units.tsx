import { UnitsAdmin } from '@/features/units/components/UnitsAdmin';
import { PageHeader } from '@/components/PageHeader';

export default function AdminUnitsRoute() {
  return (
    <>
      <PageHeader title="Quản lý đơn vị" />
      <UnitsAdmin />
    </>
  );
}
