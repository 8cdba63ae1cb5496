import { useState } from 'react';
import { Card, DatePicker, Flex, Input, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '@/components/PageState';
import { ExportButton } from '@/components/ExportButton';
import { SearchBox } from '@/components/SearchBox';
import { DATE_FORMAT, formatDateTime } from '@/lib/format';
import { useServerSort } from '@/lib/list-query';
import { useAuditEntities, useAuditLog, type AuditEntry, type AuditFilter, type AuditSort } from '../api/audit';

const PAGE_SIZE = 50;

function Change({ entry }: { entry: AuditEntry }) {
  return (
    <Flex vertical gap={4}>
      {entry.reason && <Typography.Text>Lý do: {entry.reason}</Typography.Text>}
      {entry.before && (
        <Typography.Text type="secondary" code style={{ whiteSpace: 'pre-wrap' }}>
          Trước: {JSON.stringify(entry.before)}
        </Typography.Text>
      )}
      {entry.after && (
        <Typography.Text code style={{ whiteSpace: 'pre-wrap' }}>
          Sau: {JSON.stringify(entry.after)}
        </Typography.Text>
      )}
    </Flex>
  );
}

/**
 * Who did what and when, searched (account, record key, or action by its code or its Vietnamese name, which
 * the server sends) and filtered by kind of record, account and date range, sorted and exported by the
 * server; pages come from the server.
 */
export function AuditLog() {
  const [entity, setEntity] = useState<string>();
  const [actor, setActor] = useState('');
  const [q, setQ] = useState<string>();
  const [sort, setSort] = useState<AuditSort>();
  const entities = useAuditEntities();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  /** The filters on screen, which the export takes too (every page). */
  const shown: Omit<AuditFilter, 'page' | 'page_size'> = {
    entity,
    actor: actor.trim() || undefined,
    q,
    sort,
    since: range?.[0]?.startOf('day').toISOString(),
    until: range?.[1]?.endOf('day').toISOString(),
  };
  const log = useAuditLog({ ...shown, page, page_size: PAGE_SIZE });
  const refilter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(1);
  };
  const { sorted, onChange } = useServerSort<AuditSort>([sort, refilter(setSort)]);
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Flex gap={8} wrap style={{ padding: 16 }}>
        <Select
          aria-label="Lọc theo loại dữ liệu"
          allowClear
          placeholder="Mọi loại dữ liệu"
          style={{ minWidth: 200 }}
          value={entity}
          onChange={refilter(setEntity)}
          loading={entities.isLoading}
          options={entities.data?.map(({ entity: value, label }) => ({ value, label }))}
        />
        <Input.Search
          aria-label="Tài khoản thực hiện"
          placeholder="Tài khoản thực hiện"
          allowClear
          style={{ width: 220 }}
          onSearch={refilter(setActor)}
        />
        <DatePicker.RangePicker
          aria-label="Khoảng thời gian"
          format={DATE_FORMAT}
          placeholder={['Từ ngày', 'Đến ngày']}
          value={range}
          onChange={refilter(setRange)}
        />
        <SearchBox
          label="Tìm trong nhật ký"
          placeholder="Tài khoản, mã bản ghi hoặc tên thao tác"
          value={q}
          onChange={refilter(setQ)}
        />
        <ExportButton path="/api/v1/exports/audit" query={shown} />
      </Flex>
      <ErrorAlert error={log.error} />
      <Table<AuditEntry>
        size="small"
        rowKey="id"
        loading={log.isFetching}
        dataSource={log.data?.items}
        scroll={{ x: 900 }}
        locale={{ emptyText: 'Không có bản ghi phù hợp' }}
        expandable={{ expandedRowRender: (entry) => <Change entry={entry} />, rowExpandable: (e) => Boolean(e.before || e.after || e.reason) }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: log.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => `${total} bản ghi`,
          onChange: setPage,
        }}
        onChange={onChange}
        columns={[
          { title: 'Thời điểm', dataIndex: 'at', render: formatDateTime, width: 150, ...sorted('at') },
          { title: 'Tài khoản', dataIndex: 'actor', ...sorted('actor') },
          {
            title: 'Thao tác',
            dataIndex: 'action',
            ...sorted('action'),
            render: (_: string, entry) => <span title={entry.action}>{entry.action_label}</span>,
          },
          {
            title: 'Loại dữ liệu',
            dataIndex: 'entity',
            ...sorted('entity'),
            render: (_: string, entry) => <span title={entry.entity}>{entry.entity_label}</span>,
          },
          { title: 'Mã', dataIndex: 'entity_key' },
          { title: 'Địa chỉ IP', dataIndex: 'client_address' },
        ]}
      />
    </Card>
  );
}
