import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { LockOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { errorMessage } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { DATE_FORMAT, dayjs, formatDate } from '@/lib/format';
import { usePeriods, useSavePeriod, useSetPeriodLock, type Period } from '../api/periods';

interface PeriodForm {
  code: string;
  name: string;
  kind: string;
  window: [Dayjs, Dayjs];
  due: Dayjs;
}

const KINDS = [
  { value: 'plan', label: 'Kế hoạch triển khai' },
  { value: 'half_year', label: '6 tháng' },
  { value: 'year', label: 'Năm' },
  { value: 'preliminary_review', label: 'Sơ kết' },
  { value: 'final_review', label: 'Tổng kết' },
];

const toForm = (p: Period): PeriodForm => ({
  code: p.code,
  name: p.name,
  kind: p.kind,
  window: [dayjs(p.start), dayjs(p.end)],
  due: dayjs(p.due),
});

export function PeriodsAdmin() {
  const { message } = App.useApp();
  const periods = usePeriods();
  const save = useSavePeriod();
  const lock = useSetPeriodLock();
  const [editing, setEditing] = useState<{ period?: PeriodForm; isNew: boolean }>();
  const [form] = Form.useForm<PeriodForm>();
  const fail = (error: unknown) => message.error(errorMessage(error));

  return (
    <Card
      styles={{ body: { padding: 0 } }}
      title="Kỳ báo cáo, hạn nộp"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ isNew: true })}>
          Thêm kỳ
        </Button>
      }
    >
      <ErrorAlert error={periods.error} />
      <Table<Period>
        size="small"
        rowKey="code"
        loading={periods.isFetching}
        dataSource={periods.data}
        pagination={false}
        scroll={{ x: 760 }}
        columns={[
          { title: 'Mã', dataIndex: 'code' },
          { title: 'Tên kỳ', dataIndex: 'name' },
          { title: 'Từ ngày', dataIndex: 'start', render: formatDate },
          { title: 'Đến ngày', dataIndex: 'end', render: formatDate },
          { title: 'Hạn nộp', dataIndex: 'due', render: formatDate },
          { title: 'Trạng thái', dataIndex: 'status', render: (s: string) => (s === 'locked' ? <Tag>Đã khóa</Tag> : <Tag color="green">Đang mở</Tag>) },
          {
            title: '',
            key: 'actions',
            render: (_, p) => (
              <>
                <Button size="small" type="link" onClick={() => setEditing({ period: toForm(p), isNew: false })}>
                  Sửa
                </Button>
                <Button
                  size="small"
                  type="link"
                  icon={p.status === 'locked' ? <UnlockOutlined /> : <LockOutlined />}
                  onClick={() =>
                    lock.mutateAsync({ code: p.code, locked: p.status !== 'locked' }).then(
                      () => message.success(p.status === 'locked' ? 'Đã mở khóa kỳ' : 'Đã khóa kỳ, điểm được chốt'),
                      fail,
                    )
                  }
                >
                  {p.status === 'locked' ? 'Mở khóa' : 'Khóa'}
                </Button>
              </>
            ),
          },
        ]}
      />
      <Modal
        open={Boolean(editing)}
        title={editing?.isNew ? 'Thêm kỳ báo cáo' : 'Sửa kỳ báo cáo'}
        okText="Lưu"
        cancelText="Hủy"
        confirmLoading={save.isPending}
        destroyOnHidden
        onCancel={() => setEditing(undefined)}
        onOk={() =>
          form.validateFields().then((v) =>
            save
              .mutateAsync({
                isNew: Boolean(editing?.isNew),
                input: {
                  code: v.code,
                  name: v.name,
                  kind: v.kind,
                  start: v.window[0].format('YYYY-MM-DD'),
                  end: v.window[1].format('YYYY-MM-DD'),
                  due: v.due.format('YYYY-MM-DD'),
                },
              })
              .then(() => {
                message.success('Đã lưu kỳ báo cáo');
                setEditing(undefined);
              }, fail),
          )
        }
      >
        <Form form={form} layout="vertical" initialValues={editing?.period} preserve={false}>
          <Form.Item name="code" label="Mã kỳ" rules={[{ required: true, message: 'Nhập mã kỳ, ví dụ 2026-H1' }]}>
            <Input disabled={!editing?.isNew} />
          </Form.Item>
          <Form.Item name="name" label="Tên kỳ" rules={[{ required: true, message: 'Nhập tên kỳ' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label="Loại kỳ" rules={[{ required: true, message: 'Chọn loại kỳ' }]}>
            <Select options={KINDS} />
          </Form.Item>
          <Form.Item name="window" label="Thời gian số liệu" rules={[{ required: true, message: 'Chọn khoảng thời gian' }]}>
            <DatePicker.RangePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="due" label="Hạn nộp" rules={[{ required: true, message: 'Chọn hạn nộp' }]}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
