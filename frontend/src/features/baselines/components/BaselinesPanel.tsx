import { useState, type ReactElement } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { errorMessage } from '@/api/errors';
import { BASELINE_STATUS_LABELS, type BaselineStatus } from '@/lib/labels';
import { formatNumber } from '@/lib/format';
import { useBaselines, useEnterBaseline, useReviewBaseline, type Baseline } from '../api/baselines';

const STATUS_COLORS: Record<BaselineStatus, string> = { proposed: 'gold', approved: 'green', rejected: 'red' };

interface EntryValues {
  unit: string;
  numerator: number;
  denominator: number;
  note?: string;
}

/**
 * KL-02's 2025 baseline ("giảm so với năm trước", plan III.1.1; docs/scoring.md, "Last year for KL-02"):
 * violations and staff of 2025, entered once per unit; the standing body's entry counts at once, a unit's
 * counts once the standing body approves it.
 */
export function BaselinesPanel({ unitPicker, ownUnit, canReview }: { unitPicker?: ReactElement; ownUnit?: string; canReview: boolean }) {
  const baselines = useBaselines();
  const enter = useEnterBaseline();
  const review = useReviewBaseline();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntryValues>();
  const [rejecting, setRejecting] = useState<Baseline>();
  const [reason, setReason] = useState('');

  const submit = (values: EntryValues) =>
    enter.mutate(
      { unit: ownUnit ?? values.unit, indicator: 'KL-02', year: 2025, numerator: values.numerator, denominator: values.denominator, note: values.note?.trim() || null },
      {
        onSuccess: (saved) => {
          message.success(saved.status === 'approved' ? 'Đã ghi số liệu năm 2025, có hiệu lực ngay.' : 'Đã gửi số liệu năm 2025, chờ Cơ quan Thường trực duyệt.');
          form.resetFields();
        },
        onError: (error) => message.error(errorMessage(error)),
      },
    );
  const decide = (baseline: Baseline, approve: boolean, note?: string) =>
    review.mutateAsync({ id: baseline.id, approve, reason: note ?? null }).then(
      () => message.success(approve ? `Đã duyệt số liệu của ${baseline.unit}.` : `Đã không duyệt số liệu của ${baseline.unit}.`),
      (error: unknown) => message.error(errorMessage(error)),
    );

  const columns: ColumnsType<Baseline> = [
    { title: 'Đơn vị', dataIndex: 'unit' },
    { title: 'Năm', dataIndex: 'year', width: 70 },
    { title: 'Vi phạm / quân số', key: 'ratio', render: (_, b) => `${b.numerator} / ${b.denominator}` },
    { title: 'Tỷ lệ', dataIndex: 'rate', render: (rate: string) => `${formatNumber(rate)}%` },
    { title: 'Trạng thái', dataIndex: 'status', render: (status: BaselineStatus) => <Tag color={STATUS_COLORS[status]}>{BASELINE_STATUS_LABELS[status]}</Tag> },
    { title: 'Ghi chú', key: 'note', responsive: ['md'], render: (_, b) => [b.note, b.review_note].filter(Boolean).join(' · ') || '—' },
  ];
  if (canReview) {
    columns.push({
      title: 'Duyệt',
      key: 'review',
      render: (_, b) =>
        b.status === 'proposed' ? (
          <Space wrap>
            <Button size="small" type="primary" onClick={() => void decide(b, true)}>
              Duyệt
            </Button>
            <Button size="small" danger onClick={() => setRejecting(b)}>
              Không duyệt
            </Button>
          </Space>
        ) : null,
    });
  }

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="Ghi số liệu năm 2025 (KL-02)">
        <Form form={form} layout="inline" onFinish={submit}>
          {!ownUnit && unitPicker && (
            <Form.Item name="unit" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
              {unitPicker}
            </Form.Item>
          )}
          <Form.Item name="numerator" label="Số vi phạm kỷ luật" rules={[{ required: true, message: 'Nhập số vi phạm' }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item
            name="denominator"
            label="Tổng quân số"
            dependencies={['numerator']}
            rules={[
              { required: true, message: 'Nhập tổng quân số' },
              ({ getFieldValue }) => ({
                validator: (_, value: number | undefined) =>
                  value === undefined || value >= 1 && value >= (getFieldValue('numerator') ?? 0)
                    ? Promise.resolve()
                    : Promise.reject(new Error('Quân số phải từ 1 và không nhỏ hơn số vi phạm')),
              }),
            ]}
          >
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="note" label="Ghi chú">
            <Input maxLength={2000} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={enter.isPending}>
              Ghi số liệu
            </Button>
          </Form.Item>
        </Form>
        {!canReview && (
          <Typography.Text type="secondary">Số liệu của đơn vị được tính sau khi Cơ quan Thường trực duyệt.</Typography.Text>
        )}
      </Card>
      <Table rowKey="id" size="small" loading={baselines.isPending} columns={columns} dataSource={baselines.data ?? []} scroll={{ x: 'max-content' }} locale={{ emptyText: 'Chưa có số liệu năm 2025' }} />
      <Modal
        open={rejecting !== undefined}
        title={`Không duyệt số liệu của ${rejecting?.unit ?? ''}`}
        okText="Không duyệt"
        cancelText="Hủy"
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        onCancel={() => setRejecting(undefined)}
        onOk={() => rejecting && decide(rejecting, false, reason.trim()).then(() => {
          setRejecting(undefined);
          setReason('');
        })}
      >
        <Input.TextArea aria-label="Lý do không duyệt" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} />
      </Modal>
    </Flex>
  );
}
