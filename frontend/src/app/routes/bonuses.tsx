import { can } from '@/features/auth/roles';
import { BonusesManager } from '@/features/bonuses/components/BonusesManager';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { UnitSelect } from '@/features/units/components/UnitSelect';
import { PageHeader } from '@/components/PageHeader';
import { useSearchParam } from '@/lib/use-search-param';
import { useCurrentUser } from '../use-current-user';

export default function BonusesRoute() {
  const me = useCurrentUser();
  const [period, setPeriod] = useSearchParam('period');
  return (
    <>
      <PageHeader title="Điểm thưởng" subtitle="Điểm cộng cho đơn vị có thành tích, kèm lý do" extra={<PeriodSelect value={period} onChange={setPeriod} />} />
      <BonusesManager period={period} canWrite={can(me, 'bonuses:write')} unitPicker={<UnitSelect />} />
    </>
  );
}
