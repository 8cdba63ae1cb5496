import { useState } from 'react';
import { Card, Descriptions, Flex, Table } from 'antd';
import { AttachmentList } from '@/components/AttachmentList';
import { ExportButton } from '@/components/ExportButton';
import { ErrorAlert } from '@/components/PageState';
import { SearchBox } from '@/components/SearchBox';
import { formatDateTime } from '@/lib/format';
import { useServerSort } from '@/lib/list-query';
import { narrativeFileUrl, useNarratives, type Narrative, type NarrativeSort } from '../api/narratives';
import { SECTIONS } from './NarrativeForm';

function Sections({ period, narrative }: { period: string; narrative: Narrative }) {
  return (
    <>
      <Descriptions
        column={1}
        size="small"
        items={SECTIONS.filter((s) => narrative[s.name]).map((s) => ({
          key: s.name,
          label: s.label,
          children: <span style={{ whiteSpace: 'pre-line' }}>{narrative[s.name]}</span>,
        }))}
      />
      <AttachmentList files={narrative.files} href={(file) => narrativeFileUrl(period, narrative.unit.code, file.id)} uploadLabel="" />
    </>
  );
}

/**
 * Every unit's narrative of a period, for the standing body and the provincial bodies (read only), each
 * shown whole under its unit; the server searches (unit name or code), sorts and exports them.
 */
export function NarrativesList({ period }: { period: string }) {
  const [q, setQ] = useState<string>();
  const { sort, sorted, onChange } = useServerSort<NarrativeSort>();
  const shown = { q, sort };
  const narratives = useNarratives(period, shown);
  const rows = narratives.data ?? [];
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Flex gap={8} wrap style={{ padding: 16 }}>
        <SearchBox label="Tìm đơn vị" value={q} onChange={setQ} />
        <ExportButton path={`/api/v1/exports/${encodeURIComponent(period)}/narratives`} query={shown} />
      </Flex>
      <ErrorAlert error={narratives.error} />
      <Table<Narrative>
        size="small"
        rowKey={(narrative) => narrative.unit.code}
        loading={narratives.isFetching}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: q ? 'Không có báo cáo thuyết minh phù hợp' : 'Chưa đơn vị nào gửi báo cáo thuyết minh trong kỳ' }}
        expandable={{
          expandedRowRender: (narrative) => <Sections period={period} narrative={narrative} />,
          expandedRowKeys: rows.map((narrative) => narrative.unit.code),
          showExpandColumn: false,
        }}
        onChange={onChange}
        columns={[
          { title: 'Đơn vị', dataIndex: ['unit', 'name'], ...sorted('unit') },
          { title: 'Người cập nhật', dataIndex: 'updated_by' },
          { title: 'Cập nhật', dataIndex: 'updated_at', render: formatDateTime, ...sorted('updated_at') },
        ]}
      />
    </Card>
  );
}
