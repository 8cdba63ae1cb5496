import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { errorMessage } from '@/api/errors';
import { formatNumber } from '@/lib/format';
import { useDecideFinding, type Finding, type Inspection } from '../api/inspections';

/**
 * The standing body's decision on a finding proposed by Sở Nội vụ, a department or a commune's committee:
 * confirming deducts its points from the unit's score (stated before it is done); rejecting needs a reason.
 */
export function FindingDecisionButtons({ inspection, finding }: { inspection: Inspection; finding: Finding }) {
  const { message, modal } = App.useApp();
  const decide = useDecideFinding();
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const failed = (error: unknown) => message.error(errorMessage(error));

  const confirm = () =>
    modal.confirm({
      title: 'Xác nhận kết luận kiểm tra?',
      content: (
        <Typography.Paragraph>
          {inspection.unit.name} bị trừ {formatNumber(finding.points)} điểm trong các kỳ có ngày kiểm tra; điểm và xếp loại
          của đơn vị được tính lại ngay.
        </Typography.Paragraph>
      ),
      okText: 'Xác nhận',
      cancelText: 'Hủy',
      onOk: () =>
        decide.mutateAsync({ findingId: finding.id, decision: 'confirm' }).then(
          () => message.success('Đã xác nhận kết luận, điểm của đơn vị đã được tính lại'),
          failed,
        ),
    });

  return (
    <>
      <Space wrap>
        <Button size="small" type="primary" onClick={confirm}>
          Xác nhận
        </Button>
        <Button size="small" danger onClick={() => setRejecting(true)}>
          Không xác nhận
        </Button>
      </Space>
      <Modal
        open={rejecting}
        title="Không xác nhận kết luận kiểm tra"
        okText="Không xác nhận"
        okButtonProps={{ danger: true }}
        cancelText="Hủy"
        confirmLoading={decide.isPending}
        onCancel={() => setRejecting(false)}
        onOk={() =>
          form.validateFields().then(
            ({ reason }) =>
              decide.mutateAsync({ findingId: finding.id, decision: 'reject', reason: reason.trim() }).then(() => {
                message.success('Đã ghi không xác nhận kết luận');
                setRejecting(false);
              }, failed),
            () => undefined, // the form shows what is missing
          )
        }
        destroyOnHidden
      >
        <Typography.Paragraph>{finding.description}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="Lý do" rules={[{ required: true, whitespace: true, message: 'Nêu lý do không xác nhận' }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
