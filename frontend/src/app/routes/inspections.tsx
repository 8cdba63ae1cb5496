import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { useIndicators } from '@/features/indicators/api/indicators';
import { InspectionsManager } from '@/features/inspections/components/InspectionsManager';
import { UnitSelect } from '@/features/units/components/UnitSelect';
import { PageHeader } from '@/components/PageHeader';
import { useSearchParam } from '@/lib/use-search-param';
import { useCurrentUser } from '../use-current-user';
import { can } from '@/features/auth/roles';

export default function InspectionsRoute() {
  const me = useCurrentUser();
  const [period, setPeriod] = useSearchParam('period');
  const [unit, setUnit] = useSearchParam('unit');
  const indicators = useIndicators();
  return (
    <>
      <PageHeader
        title="Kiểm tra chuyên đề"
        subtitle="Kết luận kiểm tra trừ điểm của đơn vị trong các kỳ có ngày kiểm tra"
        extra={
          <>
            <UnitSelect value={unit} onChange={setUnit} allowClear placeholder="Tất cả đơn vị" label="Lọc theo đơn vị" width={260} />
            <PeriodSelect value={period} onChange={setPeriod} />
          </>
        }
      />
      <InspectionsManager
        filter={{ period, unit }}
        canWrite={can(me, 'inspections:write')}
        unitPicker={<UnitSelect />}
        indicatorOptions={(indicators.data ?? []).map((i) => ({ value: i.code, label: `${i.code} – ${i.name}` }))}
      />
    </>
  );
}
