import { useMemo } from 'react';
import { Alert, Card, Empty, Tabs } from 'antd';
import { previousPeriod, usePeriods } from '@/features/periods/api/periods';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { useRanking } from '@/features/scores/api/scores';
import { groupRows } from '@/features/scores/group-rows';
import { RankingTable } from '@/features/scores/components/RankingTable';
import { useGroupNames } from '@/features/units/api/units';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, PageLoading } from '@/components/PageState';
import { useSearchParam } from '@/lib/use-search-param';

export default function RankingRoute() {
  const [period, setPeriod] = useSearchParam('period');
  const [group, setGroup] = useSearchParam('group');
  const periods = usePeriods();
  const ranking = useRanking(period);
  const previous = useRanking(previousPeriod(periods.data ?? [], period)?.code);
  const groupNames = useGroupNames();
  const groups = useMemo(() => (ranking.data ? groupRows(ranking.data.items, groupNames) : []), [ranking.data, groupNames]);
  const previousTotals = useMemo(
    () => new Map(previous.data?.items.map((row) => [row.unit.code, row.total]) ?? []),
    [previous.data],
  );

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
        <>
          {ranking.data.scores_pending && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="Điểm đang được tính lại sau một đợt nhập dữ liệu lớn: bảng xếp hạng chưa phản ánh số liệu vừa nhập và sẽ tự cập nhật khi tính xong."
            />
          )}
          {ranking.data.frozen && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`Kỳ đã khóa: điểm được chốt theo phương án ${ranking.data.scheme_version}.`} />
          )}
          <Card styles={{ body: { paddingTop: 0 } }}>
            <Tabs
              activeKey={group ?? groups[0].code}
              onChange={setGroup}
              items={groups.map((g) => ({
                key: g.code,
                label: `${g.name} (${g.rows.length})`,
                children: <RankingTable rows={g.rows} period={ranking.data.period} previousTotals={previousTotals} />,
              }))}
            />
          </Card>
        </>
      )}
    </>
  );
}
