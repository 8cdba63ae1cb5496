import { can } from '@/features/auth/roles';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { ReminderSchedule } from '@/features/reminders/components/ReminderSchedule';
import { RemindersPanel } from '@/features/reminders/components/RemindersPanel';
import { PageHeader } from '@/components/PageHeader';
import { useSearchParam } from '@/lib/use-search-param';
import { useCurrentUser } from '../use-current-user';

const DEFAULT_DAYS_BEFORE = 7;

export default function RemindersRoute() {
  const me = useCurrentUser();
  const [period, setPeriod] = useSearchParam('period');
  const [days, setDays] = useSearchParam('days');
  return (
    <>
      <PageHeader
        title="Đôn đốc báo cáo"
        subtitle="Đơn vị chưa nộp khi gần đến hạn hoặc quá hạn, và báo cáo bị trả lại chưa nộp lại"
        extra={<PeriodSelect value={period} onChange={setPeriod} />}
      />
      <RemindersPanel
        period={period}
        daysBefore={days === undefined ? DEFAULT_DAYS_BEFORE : Number(days)}
        onDaysBeforeChange={(value) => setDays(String(value))}
        canSend={can(me, 'reminders:write')}
      />
      <ReminderSchedule period={period} />
    </>
  );
}
