import { Flex, Select } from 'antd';
import { PeriodSelect } from '@/features/periods/components/PeriodSelect';
import { useReportingStatus, type Timeliness } from '@/features/periods/api/reporting-status';
import { ReportingStatusBoard } from '@/features/periods/components/ReportingStatusBoard';
import { GroupSelect } from '@/features/units/components/GroupSelect';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, PageLoading } from '@/components/PageState';
import { SearchBox } from '@/components/SearchBox';
import { ExportButton } from '@/components/ExportButton';
import { optionsOf, TIMELINESS_LABELS } from '@/lib/labels';
import { useSearchParam } from '@/lib/use-search-param';

export default function StatusBoardRoute() {
  const [period, setPeriod] = useSearchParam('period');
  const [group, setGroup] = useSearchParam('group');
  const [q, setQ] = useSearchParam('q');
  const [timeliness, setTimeliness] = useSearchParam('timeliness');
  const filter = { group, q, timeliness: timeliness as Timeliness | undefined };
  const status = useReportingStatus(period, filter);
  return (
    <>
      <PageHeader
        title="Tình hình báo cáo"
        extra={
          <>
            <PeriodSelect value={period} onChange={setPeriod} />
            {period && <ExportButton path={`/api/v1/exports/${encodeURIComponent(period)}/reporting-status`} query={filter} />}
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <SearchBox label="Tìm đơn vị" value={q} onChange={setQ} />
        <GroupSelect value={group} onChange={setGroup} />
        <Select
          aria-label="Thời hạn"
          allowClear
          placeholder="Mọi thời hạn"
          style={{ minWidth: 200 }}
          value={timeliness}
          onChange={(value?: string) => setTimeliness(value)}
          options={optionsOf(TIMELINESS_LABELS)}
        />
      </Flex>
      {status.isError ? (
        <ErrorState error={status.error} />
      ) : status.data ? (
        <ReportingStatusBoard status={status.data} />
      ) : (
        <PageLoading />
      )}
    </>
  );
}
