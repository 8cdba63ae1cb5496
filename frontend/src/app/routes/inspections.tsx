import { Switch } from 'antd';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { useIndicators } from '@/features/indicators/api/indicators';
import { useInspectionReach } from '@/features/inspections/api/inspections';
import { InspectionsManager } from '@/features/inspections/components/InspectionsManager';
import { ReachUnitSelect } from '@/features/inspections/components/ReachUnitSelect';
import { UnitSelect } from '@/features/units/components/UnitSelect';
import { PageHeader } from '@/components/PageHeader';
import { useSearchParam } from '@/lib/use-search-param';
import { useCurrentUser } from '../use-current-user';
import { can } from '@/features/auth/roles';

export default function InspectionsRoute() {
  const me = useCurrentUser();
  const [period, setPeriod] = useSearchParam('period');
  const [unit, setUnit] = useSearchParam('unit');
  const [pending, setPending] = useSearchParam('pending');
  const indicators = useIndicators();
  const rights = {
    inspect: can(me, 'inspections:write') || can(me, 'inspections:propose'),
    manage: can(me, 'inspections:write'),
    confirm: can(me, 'inspections:confirm'),
    unit: me.unit?.code,
  };
  // The standing body picks any unit by searching; the others pick among the units of their reach.
  const reach = useInspectionReach(rights.inspect && !rights.manage);
  return (
    <>
      <PageHeader
        title="Kiểm tra chuyên đề"
        subtitle="Kết luận kiểm tra trừ điểm của đơn vị trong các kỳ có ngày kiểm tra; kết luận của Sở Nội vụ, sở, ngành, UBND xã chỉ trừ điểm khi Cơ quan Thường trực xác nhận"
        extra={
          <>
            {rights.confirm && (
              <label>
                <Switch size="small" checked={pending === '1'} onChange={(on) => setPending(on ? '1' : undefined)} /> Chỉ kết luận chờ xác nhận
              </label>
            )}
            <UnitSelect value={unit} onChange={setUnit} allowClear placeholder="Tất cả đơn vị" label="Lọc theo đơn vị" width={260} />
            <PeriodSelect value={period} onChange={setPeriod} />
          </>
        }
      />
      <InspectionsManager
        filter={{ period, unit, pending: pending === '1' || undefined }}
        rights={rights}
        unitPicker={rights.manage ? <UnitSelect /> : <ReachUnitSelect units={reach.data?.units ?? []} />}
        indicatorOptions={(indicators.data ?? []).map((i) => ({ value: i.code, label: `${i.code} – ${i.name}` }))}
      />
    </>
  );
}
