import { isOversight, isStandingBody } from '@/features/auth/roles';
import { ExemplarsManager } from '@/features/models/components/ExemplarsManager';
import { ModelsManager } from '@/features/models/components/ModelsManager';
import { UnitSelect } from '@/features/units/components/UnitSelect';
import { PageHeader } from '@/components/PageHeader';
import { useCurrentUser } from '../use-current-user';

export default function ModelsRoute() {
  const me = useCurrentUser();
  const standingBody = isStandingBody(me);
  return (
    <>
      <PageHeader title="Mô hình tự quản, điển hình tiên tiến" subtitle="Mô hình ở cơ sở và tập thể, cá nhân tiêu biểu" />
      <ModelsManager unitPicker={<UnitSelect />} ownUnit={standingBody ? undefined : me.unit?.code} />
      {isOversight(me) && <ExemplarsManager unitPicker={<UnitSelect />} canWrite={standingBody} />}
    </>
  );
}
