import { useMemo } from 'react';
import { Alert, Card, Empty, Grid, Radio, Select } from 'antd';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { useRanking } from '@/features/scores/api/scores';
import { groupRows } from '@/features/scores/group-rows';
import { RankingTable } from '@/features/scores/components/RankingTable';
import { useGroupNames } from '@/features/units/api/units';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, PageLoading } from '@/components/PageState';
import { useSearchParam } from '@/lib/use-search-param';
import { SearchBox } from '@/components/SearchBox';
import { ExportButton } from '@/components/ExportButton';

export default function RankingRoute() {
  const [period, setPeriod] = useSearchParam('period');
  const [group, setGroup] = useSearchParam('group');
  const [search, setSearch] = useSearchParam('q');
  const phone = !(Grid.useBreakpoint().md ?? true);
  // One request: with a search the server answers only the units it finds (case and diacritics ignored),
  // each with its rank in its whole group, and the tabs count what was found.
  const ranking = useRanking(period, undefined, search);
  const previous = useRanking(ranking.data?.previous_period ?? undefined);
  const groupNames = useGroupNames();
  const groups = useMemo(() => (ranking.data ? groupRows(ranking.data.items, groupNames) : []), [ranking.data, groupNames]);
  const activeGroup = groups.find((g) => g.code === group) ?? groups[0];
  const previousTotals = useMemo(
    () => new Map(previous.data?.items.map((row) => [row.unit.code, row.total]) ?? []),
    [previous.data],
  );

  return (
    <>
      <PageHeader
        title="Xếp hạng thi đua"
        extra={
          <>
            <PeriodSelect value={period} onChange={setPeriod} />
            {period && (
              <ExportButton path={`/api/v1/exports/${encodeURIComponent(period)}/scores`} query={{ group: activeGroup?.code, q: search }} />
            )}
          </>
        }
      />
      {ranking.isError ? (
        <ErrorState error={ranking.error} />
      ) : !ranking.data ? (
        <PageLoading />
      ) : groups.length === 0 && !search ? (
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
          <Card styles={{ body: { paddingTop: phone ? 12 : 0 } }}>
            <div style={{ margin: phone ? '0 0 12px' : '12px 0 0' }}>
              <SearchBox label="Tìm đơn vị" value={search} onChange={setSearch} />
            </div>
            {!activeGroup ? (
              <Empty description="Không tìm thấy đơn vị phù hợp" />
            ) : phone ? (
              <>
                <Select
                  aria-label="Cụm, khối thi đua"
                  value={activeGroup.code}
                  onChange={setGroup}
                  style={{ width: '100%', marginBottom: 12 }}
                  options={groups.map((g) => ({ value: g.code, label: `${g.name} (${g.rows.length})` }))}
                />
                <RankingTable rows={activeGroup.rows} period={ranking.data.period} previousTotals={previousTotals} previousPeriod={ranking.data.previous_period} />
              </>
            ) : (
              <>
                <Radio.Group
                  aria-label="Cụm, khối thi đua"
                  optionType="button"
                  value={activeGroup.code}
                  onChange={(event) => setGroup(String(event.target.value))}
                  style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8, margin: '12px 0' }}
                  options={groups.map((g) => ({ value: g.code, label: `${g.name} (${g.rows.length})` }))}
                />
                <RankingTable rows={activeGroup.rows} period={ranking.data.period} previousTotals={previousTotals} previousPeriod={ranking.data.previous_period} />
              </>
            )}
          </Card>
        </>
      )}
    </>
  );
}
