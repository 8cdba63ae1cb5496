import { UnitsAdmin } from '@/features/units/components/UnitsAdmin';
import { can } from '@/features/auth/roles';
import { PageHeader } from '@/components/PageHeader';
import { useCurrentUser } from '../use-current-user';

export default function AdminUnitsRoute() {
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title="Quản lý đơn vị" />
      <UnitsAdmin canWrite={can(me, 'units:write')} canEditContact={can(me, 'reminders:write')} />
    </>
  );
}
