import { Card, Empty, Tabs } from 'antd';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { useRanking } from '@/features/scores/api/scores';
import { groupRows } from '@/features/scores/group-rows';
import { RankingTable } from '@/features/scores/components/RankingTable';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, PageLoading } from '@/components/PageState';
import { useSearchParam } from '@/lib/use-search-param';

export default function RankingRoute() {
  const [period, setPeriod] = useSearchParam('period');
  const [group, setGroup] = useSearchParam('group');
  const ranking = useRanking(period);
  const groups = ranking.data ? groupRows(ranking.data.items) : [];
  return (
    <>
      <PageHeader title="Xếp hạng thi đua" extra={<PeriodSelect value={period} onChange={setPeriod} />} />
      {ranking.isError ? (
        <ErrorState error={ranking.error} />
      ) : !ranking.data ? (
        <PageLoading />
      ) : groups.length === 0 ? (
        <Empty description="Chưa có điểm trong kỳ này" />
      ) : (
        <Card styles={{ body: { paddingTop: 0 } }}>
          <Tabs
            activeKey={group ?? groups[0].code}
            onChange={setGroup}
            items={groups.map((g) => ({
              key: g.code,
              label: `${g.name} (${g.rows.length})`,
              children: <RankingTable rows={g.rows} period={ranking.data.period} />,
            }))}
          />
        </Card>
      )}
    </>
  );
}
