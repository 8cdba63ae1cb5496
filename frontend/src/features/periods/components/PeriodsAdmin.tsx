import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { LockOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { errorMessage } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { DATE_FORMAT, dayjs, formatDate } from '@/lib/format';
import { optionsOf, PERIOD_KIND_LABELS, type PeriodKind } from '@/lib/labels';
import { usePeriods, useSavePeriod, useSetPeriodLock, type Period } from '../api/periods';
import { reportingStatusQueryOptions } from '../api/reporting-status';

interface PeriodForm {
  code: string;
  name: string;
  kind: PeriodKind;
  window: [Dayjs, Dayjs];
  due: Dayjs;
}

const toForm = (p: Period): PeriodForm => ({
  code: p.code,
  name: p.name,
  kind: p.kind,
  window: [dayjs(p.start), dayjs(p.end)],
  due: dayjs(p.due),
});

export function PeriodsAdmin() {
  const { message, modal } = App.useApp();
  const periods = usePeriods();
  const save = useSavePeriod();
  const lock = useSetPeriodLock();
  const [editing, setEditing] = useState<{ period?: PeriodForm; isNew: boolean }>();
  const [form] = Form.useForm<PeriodForm>();
  const fail = (error: unknown) => message.error(errorMessage(error));
  const queryClient = useQueryClient();

  /** Locking freezes every unit's score: say how many before doing it; unlocking is the undo. */
  const confirmLock = async (p: Period) => {
    const locking = p.status !== 'locked';
    let units: number | undefined;
    if (locking) units = await queryClient.fetchQuery(reportingStatusQueryOptions(p.code)).then((s) => s.units.length, () => undefined);
    modal.confirm({
      title: locking ? `Khóa kỳ “${p.name}”?` : `Mở khóa kỳ “${p.name}”?`,
      content: locking
        ? `Khóa kỳ sẽ chốt điểm của ${units ?? 'tất cả các'} đơn vị: không nộp, sửa, duyệt hay trả lại báo cáo của kỳ được nữa cho đến khi mở khóa.`
        : 'Mở khóa cho phép sửa, duyệt lại báo cáo; điểm được tính lại theo số liệu mới.',
      okText: locking ? 'Khóa kỳ' : 'Mở khóa',
      cancelText: 'Hủy',
      onOk: () =>
        lock.mutateAsync({ code: p.code, locked: locking }).then(
          () => message.success(locking ? 'Đã khóa kỳ, điểm được chốt (có thể mở khóa lại)' : 'Đã mở khóa kỳ'),
          fail,
        ),
    });
  };

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
                  onClick={() => confirmLock(p)}
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
            <Select options={optionsOf(PERIOD_KIND_LABELS)} />
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
