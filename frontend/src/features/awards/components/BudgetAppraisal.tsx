import { App, Alert, Button, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { errorMessage } from '@/api/errors';
import { MoneyInput, wholeDong } from '@/components/MoneyInput';
import { formatMoney } from '@/lib/format';
import { useAppraisalStep, type AppraisalStep, type BudgetLine } from '../api/awards';

const STATUS_COLORS: Record<string, string> = { proposed: 'processing', appraised: 'success', returned: 'error' };

/** A line's appraisal: its status, and the reason when Sở Tài chính returned it; award money is at the legal rates. */
export function AppraisalStatus({ line }: { line: BudgetLine }) {
  if (!line.status) return <Typography.Text type="secondary">Theo định mức</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      <Tag color={STATUS_COLORS[line.status]} data-testid={`budget-status-${line.id}`}>
        {line.status_label}
      </Tag>
      {line.status === 'returned' && line.return_reason && <Typography.Text type="danger">{line.return_reason}</Typography.Text>}
    </Space>
  );
}

export type Dialog = { line: BudgetLine; kind: AppraisalStep['step'] };
type Fields = { amount: number; reason: string; description: string };

const DIALOGS = {
  appraise: { title: 'Thẩm định khoản dự toán', ok: 'Xác nhận thẩm định', done: 'Đã thẩm định khoản dự toán' },
  return: { title: 'Trả lại khoản dự toán', ok: 'Trả lại', done: 'Đã trả lại khoản dự toán' },
  resubmit: { title: 'Gửi lại khoản dự toán để thẩm định', ok: 'Gửi lại', done: 'Đã gửi lại khoản dự toán' },
};

function stepOf(dialog: Dialog, { amount, reason, description }: Fields): AppraisalStep {
  const id = dialog.line.id!;
  if (dialog.kind === 'appraise') return { id, step: 'appraise', amount };
  if (dialog.kind === 'return') return { id, step: 'return', reason: reason.trim() };
  return { id, step: 'resubmit', amount, description: description.trim() };
}

/**
 * The confirmation of one step on a line: Sở Tài chính's appraised amount (prefilled with the proposed one)
 * or its reason for returning the line; the standing body's revised line, sent again for appraisal.
 */
export function AppraisalDialog({ dialog, onClose }: { dialog: Dialog | undefined; onClose: () => void }) {
  const { message } = App.useApp();
  const step = useAppraisalStep();
  const [form] = Form.useForm<Fields>();
  const texts = DIALOGS[dialog?.kind ?? 'appraise'];
  const send = (fields: Fields) =>
    dialog &&
    step.mutateAsync(stepOf(dialog, fields)).then(
      () => {
        message.success(texts.done);
        onClose();
      },
      (error: unknown) => message.error(errorMessage(error)),
    );
  return (
    <Modal
      open={Boolean(dialog)}
      title={texts.title}
      okText={texts.ok}
      okButtonProps={{ danger: dialog?.kind === 'return' }}
      cancelText="Hủy"
      confirmLoading={step.isPending}
      onCancel={onClose}
      onOk={() => form.validateFields().then(send, () => undefined /* the form shows what is missing */)}
      destroyOnHidden
    >
      {dialog && (
        <Alert
          type={dialog.kind === 'resubmit' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={`${dialog.line.unit_name}: ${dialog.line.description}`}
          description={
            dialog.kind === 'resubmit' ? `Sở Tài chính trả lại: ${dialog.line.return_reason ?? ''}` : `Số đề nghị ${formatMoney(dialog.line.amount)}`
          }
        />
      )}
      <Form
        form={form}
        name="appraisal" /* its fields' ids differ from the page's form for a new line */
        layout="vertical"
        initialValues={{ amount: dialog?.line.amount, description: dialog?.line.description }}
        preserve={false}
      >
        {dialog?.kind === 'return' && (
          <Form.Item name="reason" label="Lý do" rules={[{ required: true, whitespace: true, message: 'Nhập lý do trả lại' }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} aria-label="Lý do" />
          </Form.Item>
        )}
        {dialog?.kind === 'resubmit' && (
          <Form.Item name="description" label="Nội dung" rules={[{ required: true, whitespace: true, message: 'Nhập nội dung' }]}>
            <Input maxLength={500} />
          </Form.Item>
        )}
        {dialog?.kind !== 'return' && (
          <Form.Item
            name="amount"
            label={dialog?.kind === 'appraise' ? 'Số thẩm định (đồng)' : 'Số đề nghị (đồng)'}
            extra={dialog?.kind === 'appraise' ? 'Số nguyên, không âm; 0 khi không bố trí kinh phí.' : undefined}
            rules={[{ required: true, message: 'Nhập số tiền' }, wholeDong(dialog?.kind === 'appraise' ? 0 : 1, 'Nhập số tiền nguyên đồng')]}
          >
            <MoneyInput min={dialog?.kind === 'appraise' ? 0 : 1} style={{ width: 220 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The buttons of one line: Sở Tài chính appraises or returns a proposed line, the standing body resubmits a returned one. */
export function AppraisalActions({
  line,
  canAppraise,
  canWrite,
  onOpen,
}: {
  line: BudgetLine;
  canAppraise: boolean;
  canWrite: boolean;
  onOpen: (dialog: Dialog) => void;
}) {
  if (line.id === null) return null;
  return (
    <Space wrap size={4}>
      {canAppraise && line.status === 'proposed' && (
        <>
          <Button size="small" type="primary" onClick={() => onOpen({ line, kind: 'appraise' })}>
            Thẩm định
          </Button>
          <Button size="small" danger onClick={() => onOpen({ line, kind: 'return' })}>
            Trả lại
          </Button>
        </>
      )}
      {canWrite && line.status === 'returned' && (
        <Button size="small" onClick={() => onOpen({ line, kind: 'resubmit' })}>
          Sửa và gửi lại
        </Button>
      )}
    </Space>
  );
}
