import { useState, type ReactElement } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Switch, Table, Tag } from 'antd';
import { errorMessage } from '@/api/errors';
import { currentYear } from '@/lib/clock';
import { useServerSort } from '@/lib/list-query';
import { ExportButton } from '@/components/ExportButton';
import { ErrorAlert } from '@/components/PageState';
import { SearchBox } from '@/components/SearchBox';
import { useAddExemplar, useExemplars, type Exemplar, type ExemplarSort } from '../api/models';

const RECIPIENTS = [
  { value: 'collective', label: 'Tập thể' },
  { value: 'individual', label: 'Cá nhân' },
];

interface ExemplarFields {
  unit: string;
  recipient: 'collective' | 'individual';
  name: string;
  achievement: string;
  year: number;
  published: boolean;
}

/**
 * Exemplary collectives and people (Điển hình tiên tiến); only collectives may be published on the public
 * page. The server searches (the unit's or the exemplar's name), sorts and exports the list.
 */
export function ExemplarsManager({ unitPicker, canWrite }: { unitPicker: ReactElement; canWrite: boolean }) {
  const { message } = App.useApp();
  const [q, setQ] = useState<string>();
  const { sort, sorted, onChange } = useServerSort<ExemplarSort>();
  const shown = { q, sort };
  const exemplars = useExemplars(shown);
  const add = useAddExemplar();
  const [form] = Form.useForm<ExemplarFields>();
  const recipient = Form.useWatch('recipient', form);
  return (
    <Card title="Điển hình tiên tiến" styles={{ body: { padding: 0 } }}>
      {canWrite && (
        <Form
          form={form}
          layout="inline"
          style={{ padding: 16, rowGap: 8 }}
          initialValues={{ recipient: 'collective', year: currentYear(), published: false }}
          onFinish={({ name, achievement, ...fields }) =>
            add.mutateAsync({ ...fields, name: name.trim(), achievement: achievement.trim() }).then(
              () => {
                message.success('Đã thêm điển hình tiên tiến');
                form.resetFields();
              },
              (error: unknown) => message.error(errorMessage(error)),
            )
          }
        >
          <Form.Item name="unit" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
            {unitPicker}
          </Form.Item>
          <Form.Item name="recipient" label="Đối tượng">
            <Select options={RECIPIENTS} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="name" label="Tên" rules={[{ required: true, whitespace: true, message: 'Nhập tên' }]}>
            <Input style={{ width: 240 }} maxLength={300} />
          </Form.Item>
          <Form.Item name="achievement" label="Thành tích" rules={[{ required: true, whitespace: true, message: 'Nhập thành tích' }]}>
            <Input style={{ width: 320 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="year" label="Năm" rules={[{ required: true, message: 'Nhập năm' }]}>
            <InputNumber<number> min={2025} max={2100} />
          </Form.Item>
          <Form.Item
            name="published"
            label="Công khai"
            valuePropName="checked"
            extra={recipient === 'individual' ? 'Không công khai thông tin cá nhân' : undefined}
          >
            <Switch disabled={recipient === 'individual'} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            Thêm
          </Button>
        </Form>
      )}
      <Flex gap={8} wrap style={{ padding: 16 }}>
        <SearchBox label="Tìm điển hình tiên tiến" placeholder="Tên điển hình hoặc đơn vị, không cần dấu" value={q} onChange={setQ} />
        <ExportButton path="/api/v1/exports/exemplars" query={shown} />
      </Flex>
      <ErrorAlert error={exemplars.error} />
      <Table<Exemplar>
        size="small"
        rowKey="id"
        loading={exemplars.isFetching}
        dataSource={exemplars.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 700 }}
        locale={{ emptyText: q ? 'Không có điển hình phù hợp' : 'Chưa có điển hình tiên tiến' }}
        onChange={onChange}
        columns={[
          { title: 'Tên', dataIndex: 'name', ...sorted('name') },
          { title: 'Đối tượng', dataIndex: 'recipient', render: (r: string) => RECIPIENTS.find((x) => x.value === r)?.label ?? r },
          { title: 'Đơn vị', dataIndex: ['unit', 'name'], ...sorted('unit') },
          { title: 'Thành tích', dataIndex: 'achievement' },
          { title: 'Năm', dataIndex: 'year', ...sorted('year') },
          { title: 'Công khai', dataIndex: 'published', render: (p: boolean) => (p ? <Tag color="success">Có</Tag> : <Tag>Không</Tag>) },
        ]}
      />
    </Card>
  );
}
