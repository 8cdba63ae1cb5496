import { PageHeader } from '@/components/PageHeader';
import { BaselinesPanel } from '@/features/baselines/components/BaselinesPanel';
import { UnitSelect } from '@/features/units/components/UnitSelect';
import { can } from '@/features/auth/roles';
import { useCurrentUser } from '../use-current-user';

export default function BaselinesRoute() {
  const me = useCurrentUser();
  const standingBody = can(me, 'submissions:review');
  return (
    <>
      <PageHeader title="Số liệu năm 2025 (KL-02)" subtitle="Tỷ lệ vi phạm kỷ luật năm 2025 để so sánh với năm 2026: “giảm so với năm trước hoặc không để xảy ra”" />
      <BaselinesPanel canReview={standingBody} ownUnit={standingBody ? undefined : me.unit?.code} unitPicker={<UnitSelect />} />
    </>
  );
}
