import { useMemo } from 'react';
import { Card, Col, Empty, Grid, Row, Select } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { unitScoreQueryOptions, useRanking } from '@/features/scores/api/scores';
import { useGroupNames } from '@/features/units/api/units';
import { useIndicatorNames } from '@/features/indicators/api/indicators';
import { groupRows } from '@/features/scores/group-rows';
import {
  mostFailed,
  mostFailedOption,
  pillarAverageOption,
  tierDistributionOption,
} from '@/features/scores/chart-options';
import { Chart } from '@/components/Chart';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, PageLoading } from '@/components/PageState';
import { useSearchParam } from '@/lib/use-search-param';

export default function ChartsRoute() {
  const [period, setPeriod] = useSearchParam('period');
  const [group, setGroup] = useSearchParam('group');
  const ranking = useRanking(period);
  const groupNames = useGroupNames();
  const indicatorNames = useIndicatorNames();
  const compact = !(Grid.useBreakpoint().md ?? true);
  const groups = useMemo(() => (ranking.data ? groupRows(ranking.data.items, groupNames) : []), [ranking.data, groupNames]);
  const selected = groups.find((g) => g.code === group) ?? groups[0];
  // Explained scores of one group's units, to count which indicators fail most.
  const explained = useQueries({
    queries: (selected?.rows ?? []).map((row) => unitScoreQueryOptions(period ?? '', row.unit.code)),
  });
  const failed = mostFailed(explained.flatMap((q) => (q.data ? [q.data.explanation.indicators] : [])));

  return (
    <>
      <PageHeader title="Biểu đồ" extra={<PeriodSelect value={period} onChange={setPeriod} />} />
      {ranking.isError ? (
        <ErrorState error={ranking.error} />
      ) : !ranking.data ? (
        <PageLoading />
      ) : groups.length === 0 ? (
        <Empty description="Chưa có điểm trong kỳ này" />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title="Phân bố xếp loại theo cụm, khối">
              <Chart label="Phân bố xếp loại" option={tierDistributionOption(groups, compact)} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title="Điểm trung bình từng trụ cột">
              <Chart label="Điểm trung bình trụ cột" option={pillarAverageOption(groups, compact)} />
            </Card>
          </Col>
          <Col xs={24}>
            <Card
              title="Chỉ tiêu không đạt nhiều nhất"
              extra={
                <Select
                  aria-label="Cụm, khối"
                  style={compact ? { width: 150 } : { minWidth: 200 }}
                  value={selected?.code}
                  onChange={setGroup}
                  options={groups.map((g) => ({ value: g.code, label: g.name }))}
                />
              }
            >
              {failed.length ? (
                <Chart label="Chỉ tiêu không đạt nhiều nhất" option={mostFailedOption(failed, indicatorNames, compact)} height={Math.max(200, failed.length * 32)} />
              ) : (
                <Empty description="Không có chỉ tiêu nào bị bỏ lỡ" />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
