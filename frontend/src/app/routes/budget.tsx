import { InputNumber } from 'antd';
import { can } from '@/features/auth/roles';
import { BudgetView } from '@/features/awards/components/BudgetView';
import { UnitSelect } from '@/features/units/components/UnitSelect';
import { PageHeader } from '@/components/PageHeader';
import { useSearchParam } from '@/lib/use-search-param';
import { useToday } from '@/lib/clock';
import { useCurrentUser } from '../use-current-user';

export default function BudgetRoute() {
  const me = useCurrentUser();
  const [yearParam, setYear] = useSearchParam('year');
  const today = useToday();
  const year = Number(yearParam) || Number(today.slice(0, 4));
  return (
    <>
      <PageHeader
        title="Dự toán kinh phí"
        subtitle="Kinh phí hoạt động (Sở Tài chính thẩm định từng khoản) và tiền thưởng theo định mức của các hồ sơ chưa bị từ chối"
        extra={
          <InputNumber<number>
            aria-label="Năm"
            min={2025}
            max={2100}
            value={year}
            onChange={(value) => setYear(value ? String(value) : undefined)}
            addonBefore="Năm"
          />
        }
      />
      <BudgetView year={year} canWrite={can(me, 'budget:write')} canAppraise={can(me, 'budget:appraise')} unitPicker={<UnitSelect />} />
    </>
  );
}
