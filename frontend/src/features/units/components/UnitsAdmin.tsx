import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Select, Table } from 'antd';
import { MailOutlined, PlusOutlined } from '@ant-design/icons';
import { errorMessage } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { ExportButton } from '@/components/ExportButton';
import { SearchBox } from '@/components/SearchBox';
import { optionsOf, UNIT_KIND_LABELS } from '@/lib/labels';
import { useServerSort } from '@/lib/list-query';
import { useLeaveGuard } from '@/lib/use-leave-guard';
import { useGroups, useSaveUnit, useUnits, type Unit, type UnitFilter, type UnitSort } from '../api/units';
import { ContactDialog } from './ContactDialog';
import { GroupSelect } from './GroupSelect';

const kindOptions = optionsOf(UNIT_KIND_LABELS);

/**
 * The units: with `canWrite` (`units:write`) added and edited in a dialog; with `canEditContact`
 * (`reminders:write`, the standing body and VP UBND tỉnh too) each unit's contact address.
 */
export function UnitsAdmin({ canWrite, canEditContact }: { canWrite: boolean; canEditContact: boolean }) {
  const { message } = App.useApp();
  const [filter, setFilter] = useState<UnitFilter>({ q: '', page: 1, page_size: 20 });
  const units = useUnits(filter);
  const groups = useGroups();
  const save = useSaveUnit();
  const [editing, setEditing] = useState<{ unit: Partial<Unit>; isNew: boolean }>();
  const [form] = Form.useForm<Unit>();
  const groupOptions = groups.data?.map((g) => ({ value: g.code, label: g.name }));
  const [contactOf, setContactOf] = useState<Unit>();
  const [contactDirty, setContactDirty] = useState(false);
  const leaveGuard = useLeaveGuard(contactDirty);
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
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ unit: {}, isNew: true })}>
              Thêm đơn vị
            </Button>
          )}
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
        onRow={(unit) => (canWrite ? { onClick: () => setEditing({ unit, isNew: false }), style: { cursor: 'pointer' } } : {})}
        columns={[
          { title: 'Mã', dataIndex: 'code', width: 140, ...sorted('code') },
          { title: 'Tên đơn vị', dataIndex: 'name', ...sorted('name') },
          { title: 'Loại', dataIndex: 'kind', ...sorted('kind'), render: (k: Unit['kind']) => UNIT_KIND_LABELS[k] },
          { title: 'Cụm, khối', dataIndex: 'group', ...sorted('group'), render: (g: string | null) => groups.data?.find((x) => x.code === g)?.name ?? g ?? '–' },
          ...(canEditContact
            ? [
                {
                  title: 'Liên hệ',
                  key: 'contact',
                  width: 130,
                  render: (_: unknown, unit: Unit) => (
                    <Button
                      size="small"
                      icon={<MailOutlined />}
                      aria-label={`Thư điện tử của ${unit.name}`}
                      onClick={(event) => {
                        event.stopPropagation(); // the row's click edits the unit itself
                        setContactOf(unit);
                      }}
                    >
                      Thư điện tử
                    </Button>
                  ),
                },
              ]
            : []),
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
      <ContactDialog unit={contactOf} onClose={() => setContactOf(undefined)} onDirtyChange={setContactDirty} />
      {leaveGuard}
    </Card>
  );
}
