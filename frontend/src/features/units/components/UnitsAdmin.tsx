import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { errorMessage } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { ExportButton } from '@/components/ExportButton';
import { SearchBox } from '@/components/SearchBox';
import { optionsOf, UNIT_KIND_LABELS } from '@/lib/labels';
import { useServerSort } from '@/lib/list-query';
import { useGroups, useSaveUnit, useUnits, type Unit, type UnitFilter, type UnitSort } from '../api/units';
import { GroupSelect } from './GroupSelect';

const kindOptions = optionsOf(UNIT_KIND_LABELS);

export function UnitsAdmin() {
  const { message } = App.useApp();
  const [filter, setFilter] = useState<UnitFilter>({ q: '', page: 1, page_size: 20 });
  const units = useUnits(filter);
  const groups = useGroups();
  const save = useSaveUnit();
  const [editing, setEditing] = useState<{ unit: Partial<Unit>; isNew: boolean }>();
  const [form] = Form.useForm<Unit>();
  const groupOptions = groups.data?.map((g) => ({ value: g.code, label: g.name }));
  const { sorted, onChange } = useServerSort<UnitSort>([filter.sort, (sort) => setFilter((f) => ({ ...f, sort, page: 1 }))]);

  return (
    <Card
      styles={{ body: { padding: 0 } }}
      title={
        <Flex gap={8} wrap style={{ padding: '8px 0' }}>
          <SearchBox label="Tìm đơn vị" value={filter.q} onChange={(q) => setFilter((f) => ({ ...f, q, page: 1 }))} />
          <Select
            allowClear
            aria-label="Loại đơn vị"
            placeholder="Loại đơn vị"
            style={{ minWidth: 200 }}
            options={kindOptions}
            onChange={(kind) => setFilter((f) => ({ ...f, kind, page: 1 }))}
          />
          <GroupSelect value={filter.group} onChange={(group) => setFilter((f) => ({ ...f, group, page: 1 }))} />
        </Flex>
      }
      extra={
        <Flex gap={8} wrap>
          <ExportButton path="/api/v1/exports/units" query={{ q: filter.q, kind: filter.kind, group: filter.group, sort: filter.sort }} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ unit: {}, isNew: true })}>
            Thêm đơn vị
          </Button>
        </Flex>
      }
    >
      <ErrorAlert error={units.error} />
      <Table<Unit>
        size="small"
        rowKey="code"
        loading={units.isFetching}
        dataSource={units.data?.items}
        scroll={{ x: 700 }}
        pagination={{
          current: filter.page,
          pageSize: filter.page_size,
          total: units.data?.total,
          showSizeChanger: false,
          onChange: (page) => setFilter((f) => ({ ...f, page })),
        }}
        onChange={onChange}
        onRow={(unit) => ({ onClick: () => setEditing({ unit, isNew: false }), style: { cursor: 'pointer' } })}
        columns={[
          { title: 'Mã', dataIndex: 'code', width: 140, ...sorted('code') },
          { title: 'Tên đơn vị', dataIndex: 'name', ...sorted('name') },
          { title: 'Loại', dataIndex: 'kind', ...sorted('kind'), render: (k: Unit['kind']) => UNIT_KIND_LABELS[k] },
          { title: 'Cụm, khối', dataIndex: 'group', ...sorted('group'), render: (g: string | null) => groups.data?.find((x) => x.code === g)?.name ?? g ?? '–' },
        ]}
      />
      <Modal
        open={Boolean(editing)}
        title={editing?.isNew ? 'Thêm đơn vị' : 'Sửa đơn vị'}
        okText="Lưu"
        cancelText="Hủy"
        confirmLoading={save.isPending}
        destroyOnHidden
        onCancel={() => setEditing(undefined)}
        onOk={() =>
          form.validateFields().then((unit) =>
            save.mutateAsync({ unit, isNew: Boolean(editing?.isNew) }).then(
              () => {
                message.success('Đã lưu đơn vị');
                setEditing(undefined);
              },
              (error: unknown) => message.error(errorMessage(error)),
            ),
          )
        }
      >
        <Form form={form} layout="vertical" initialValues={editing?.unit} preserve={false}>
          <Form.Item name="code" label="Mã đơn vị" rules={[{ required: true, message: 'Nhập mã đơn vị' }]}>
            <Input disabled={!editing?.isNew} />
          </Form.Item>
          <Form.Item name="name" label="Tên đơn vị" rules={[{ required: true, message: 'Nhập tên đơn vị' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label="Loại" rules={[{ required: true, message: 'Chọn loại đơn vị' }]}>
            <Select options={kindOptions} />
          </Form.Item>
          <Form.Item name="parent" label="Mã đơn vị cấp trên">
            <Input />
          </Form.Item>
          <Form.Item name="group" label="Cụm, khối thi đua">
            <Select allowClear options={groupOptions} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
