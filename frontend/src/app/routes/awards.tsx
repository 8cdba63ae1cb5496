import { can } from '@/features/auth/roles';
import { EligibilityPanel } from '@/features/awards/components/EligibilityPanel';
import { ProposalsTable } from '@/features/awards/components/ProposalsTable';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { useRanking } from '@/features/scores/api/scores';
import { PageHeader } from '@/components/PageHeader';
import { useSearchParam } from '@/lib/use-search-param';
import { useCurrentUser } from '../use-current-user';

export default function AwardsRoute() {
  const me = useCurrentUser();
  const [period, setPeriod] = useSearchParam('period');
  const standingBody = can(me, 'awards:write');
  const ranking = useRanking(standingBody ? period : undefined);
  const units = (ranking.data?.items ?? []).map((row) => ({
    code: row.unit.code,
    name: row.unit.name,
    group: row.group,
    rank: row.rank,
    rankStatusLabel: row.rank_status_label,
    total: row.total,
    tier: row.tier,
  }));
  return (
    <>
      <PageHeader
        title="Khen thưởng"
        subtitle="Xét điều kiện theo kết quả xếp hạng, đề nghị, thẩm định và quyết định khen thưởng"
        extra={<PeriodSelect value={period} onChange={setPeriod} />}
      />
      {standingBody && <EligibilityPanel period={period} units={units} loading={ranking.isFetching} canPropose />}
      <ProposalsTable period={period} timely={false} canCheck={can(me, 'awards:decide')} canPropose={standingBody} />
      <ProposalsTable timely title="Khen thưởng kịp thời (ngoài kỳ báo cáo)" canCheck={can(me, 'awards:decide')} canPropose={standingBody} />
    </>
  );
}
