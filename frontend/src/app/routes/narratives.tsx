import { can } from '@/features/auth/roles';
import { NarrativeForm } from '@/features/narratives/components/NarrativeForm';
import { NarrativesList } from '@/features/narratives/components/NarrativesList';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { PageHeader } from '@/components/PageHeader';
import { useSearchParam } from '@/lib/use-search-param';
import { useCurrentUser } from '../use-current-user';

/** A unit writes its narrative of each period; the provincial bodies read every unit's. */
export default function NarrativesRoute() {
  const me = useCurrentUser();
  const [period, setPeriod] = useSearchParam('period');
  const unit = can(me, 'narratives:write') ? me.unit : null;
  return (
    <>
      <PageHeader
        title="Báo cáo thuyết minh"
        subtitle="Kết quả, mô hình, khó khăn, vướng mắc và đề xuất, kiến nghị của đơn vị trong kỳ"
        extra={<PeriodSelect value={period} onChange={setPeriod} />}
      />
      {period && unit && <NarrativeForm key={period} period={period} unit={unit.code} username={me.username} />}
      {period && !unit && <NarrativesList period={period} />}
    </>
  );
}
