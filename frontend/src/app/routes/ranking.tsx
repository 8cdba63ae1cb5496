import { useMemo } from 'react';
import { Alert, Button, Card, Empty, Grid, Input, Radio, Select } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { useRanking, type RankingRow } from '@/features/scores/api/scores';
import { groupRows } from '@/features/scores/group-rows';
import { RankingTable } from '@/features/scores/components/RankingTable';
import { useGroupNames } from '@/features/units/api/units';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, PageLoading } from '@/components/PageState';
import { useSearchParam } from '@/lib/use-search-param';
import { matchesSearch } from '@/lib/search-text';

export default function RankingRoute() {
  const [period, setPeriod] = useSearchParam('period');
  const [group, setGroup] = useSearchParam('group');
  const [search, setSearch] = useSearchParam('q');
  const phone = !(Grid.useBreakpoint().md ?? true);
  const ranking = useRanking(period);
  const previous = useRanking(ranking.data?.previous_period ?? undefined);
  const groupNames = useGroupNames();
  const groups = useMemo(() => (ranking.data ? groupRows(ranking.data.items, groupNames) : []), [ranking.data, groupNames]);
  const activeGroup = groups.find((g) => g.code === group) ?? groups[0];
  const filtered = (rows: RankingRow[]) => rows.filter((row) => matchesSearch(search ?? '', row.unit.name, row.unit.code));
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
              <Button
                icon={<DownloadOutlined />}
                href={`/api/v1/exports/${encodeURIComponent(period)}/scores?format=xlsx${activeGroup ? `&group=${activeGroup.code}` : ''}`}
              >
                Tải Excel
              </Button>
            )}
          </>
        }
      />
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
          <Card styles={{ body: { paddingTop: phone ? 12 : 0 } }}>
            <Input.Search
              allowClear
              aria-label="Tìm đơn vị"
              placeholder="Tìm đơn vị (tên hoặc mã, không cần dấu)"
              defaultValue={search}
              onChange={(event) => setSearch(event.target.value || undefined)}
              style={{ width: '100%', maxWidth: 360, display: 'block', margin: phone ? '0 0 12px' : '12px 0 0' }}
            />
            {phone ? (
              <>
                <Select
                  aria-label="Cụm, khối thi đua"
                  value={activeGroup.code}
                  onChange={setGroup}
                  style={{ width: '100%', marginBottom: 12 }}
                  options={groups.map((g) => ({ value: g.code, label: `${g.name} (${g.rows.length})` }))}
                />
                <RankingTable rows={filtered(activeGroup.rows)} period={ranking.data.period} previousTotals={previousTotals} previousPeriod={ranking.data.previous_period} />
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
                <RankingTable rows={filtered(activeGroup.rows)} period={ranking.data.period} previousTotals={previousTotals} previousPeriod={ranking.data.previous_period} />
              </>
            )}
          </Card>
        </>
      )}
    </>
  );
}
