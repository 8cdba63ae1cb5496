import { can } from '@/features/auth/roles';
import { ExemplarsManager } from '@/features/models/components/ExemplarsManager';
import { ModelsManager } from '@/features/models/components/ModelsManager';
import { UnitSelect } from '@/features/units/components/UnitSelect';
import { PageHeader } from '@/components/PageHeader';
import { useCurrentUser } from '../use-current-user';

export default function ModelsRoute() {
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title="Mô hình tự quản, điển hình tiên tiến" subtitle="Mô hình ở cơ sở và tập thể, cá nhân tiêu biểu" />
      <ModelsManager unitPicker={<UnitSelect />} ownUnit={can(me, 'models:write') ? undefined : me.unit?.code} />
      {can(me, 'exemplars:read') && <ExemplarsManager unitPicker={<UnitSelect />} canWrite={can(me, 'exemplars:write')} />}
    </>
  );
}
