import { useState, type ReactElement } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '@/api/errors';
import { ExportButton } from '@/components/ExportButton';
import { ErrorAlert } from '@/components/PageState';
import { SearchBox } from '@/components/SearchBox';
import { DATE_FORMAT, dayjs, formatDate } from '@/lib/format';
import { MODEL_STATUS_LABELS, optionsOf, type ModelStatus } from '@/lib/labels';
import { useServerSort } from '@/lib/list-query';
import { useModelKinds, useModels, useSaveModel, type ModelKind, type ModelSort, type SafetyModel } from '../api/models';

const STATUS_COLORS: Record<ModelStatus, string> = { building: 'processing', active: 'success', suspended: 'default' };

interface ModelFields {
  unit: string;
  kind: ModelKind;
  name: string;
  status: ModelStatus;
  established_on?: Dayjs | null;
  note?: string;
}

/**
 * Self-managed community models (Mô hình tự quản): the standing body keeps any unit's, a reporter their
 * own unit's (`ownUnit` fixes the unit and filters the list). The server searches (the unit's or the
 * model's name), sorts (a kind and a status by their names) and exports the list.
 */
export function ModelsManager({ unitPicker, ownUnit }: { unitPicker: ReactElement; ownUnit?: string }) {
  const { message } = App.useApp();
  const kinds = useModelKinds();
  const [q, setQ] = useState<string>();
  const { sort, sorted, onChange } = useServerSort<ModelSort>();
  const shown = { unit: ownUnit, q, sort };
  const models = useModels(shown);
  const save = useSaveModel();
  const [editing, setEditing] = useState<SafetyModel | 'new'>();
  const [form] = Form.useForm<ModelFields>();

  const open = (model: SafetyModel | 'new') => {
    setEditing(model);
    form.setFieldsValue(
      model === 'new'
        ? { unit: ownUnit, kind: undefined, name: '', status: 'active', established_on: null, note: '' }
        : {
            unit: model.unit.code,
            kind: model.kind,
            name: model.name,
            status: model.status,
            established_on: model.established_on ? dayjs(model.established_on) : null,
            note: model.note ?? '',
          },
    );
  };

  const submit = ({ established_on, note, name, ...fields }: ModelFields) =>
    save
      .mutateAsync({
        id: editing === 'new' ? undefined : editing?.id,
        body: { ...fields, name: name.trim(), note: note?.trim() || null, established_on: established_on?.format('YYYY-MM-DD') ?? null },
      })
      .then(
        () => {
          message.success('Đã lưu mô hình');
          setEditing(undefined);
        },
        (error: unknown) => message.error(errorMessage(error)),
      );

  return (
    <Card
      title="Mô hình tự quản"
      styles={{ body: { padding: 0 } }}
      style={{ marginBottom: 16 }}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          Thêm mô hình
        </Button>
      }
    >
      <Flex gap={8} wrap style={{ padding: 16 }}>
        <SearchBox label="Tìm mô hình" placeholder="Tên mô hình hoặc đơn vị, không cần dấu" value={q} onChange={setQ} />
        <ExportButton path="/api/v1/exports/models" query={shown} />
      </Flex>
      <ErrorAlert error={models.error} />
      <Table<SafetyModel>
        size="small"
        rowKey="id"
        loading={models.isFetching}
        dataSource={models.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 760 }}
        locale={{ emptyText: q ? 'Không có mô hình phù hợp' : 'Chưa có mô hình' }}
        onChange={onChange}
        columns={[
          { title: 'Tên mô hình', dataIndex: 'name', ...sorted('name') },
          { title: 'Loại', dataIndex: 'kind_label', ...sorted('kind') },
          { title: 'Đơn vị', dataIndex: ['unit', 'name'], ...sorted('unit') },
          { title: 'Tình trạng', ...sorted('status'), render: (_, m) => <Tag color={STATUS_COLORS[m.status]}>{m.status_label}</Tag> },
          { title: 'Thành lập', dataIndex: 'established_on', render: formatDate, ...sorted('established_on') },
          {
            title: '',
            key: 'edit',
            render: (_, m) => (
              <Button size="small" type="link" onClick={() => open(m)}>
                Sửa
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={Boolean(editing)}
        title={editing === 'new' ? 'Thêm mô hình tự quản' : 'Sửa mô hình tự quản'}
        okText="Lưu"
        cancelText="Hủy"
        confirmLoading={save.isPending}
        onCancel={() => setEditing(undefined)}
        onOk={() => form.validateFields().then(submit, () => undefined)}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="unit" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị' }]} hidden={Boolean(ownUnit)}>
            {unitPicker}
          </Form.Item>
          <Form.Item name="kind" label="Loại mô hình" rules={[{ required: true, message: 'Chọn loại mô hình' }]}>
            <Select options={kinds.data?.map((k) => ({ value: k.code, label: k.name }))} loading={kinds.isPending} />
          </Form.Item>
          <Form.Item name="name" label="Tên mô hình" rules={[{ required: true, whitespace: true, message: 'Nhập tên mô hình' }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="status" label="Tình trạng">
            <Select options={optionsOf(MODEL_STATUS_LABELS)} />
          </Form.Item>
          <Form.Item name="established_on" label="Ngày thành lập">
            <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
          </Form.Item>
          <Form.Item name="note" label="Ghi chú">
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
