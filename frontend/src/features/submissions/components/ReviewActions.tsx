import { useState } from 'react';
import { App, Button, Flex, Form, Input, Modal } from 'antd';
import { CheckOutlined, RollbackOutlined, UnlockOutlined } from '@ant-design/icons';
import { errorMessage } from '@/api/errors';
import type { SubmissionStatus } from '@/lib/labels';
import { useWorkflowAction, type WorkflowAction } from '../api/submissions';

const REASON_ACTIONS: Partial<Record<WorkflowAction, { title: string; ok: string }>> = {
  return: { title: 'Trả lại báo cáo', ok: 'Trả lại' },
  reopen: { title: 'Mở lại báo cáo đã duyệt', ok: 'Mở lại' },
};

/** The standing body's decisions on one report; return and reopen need a reason the unit will read. */
export function ReviewActions({ period, unit, status }: { period: string; unit: string; status: SubmissionStatus }) {
  const { message, modal } = App.useApp();
  const workflow = useWorkflowAction(period, unit);
  const [asking, setAsking] = useState<WorkflowAction>();
  const [form] = Form.useForm<{ reason: string }>();

  const run = (action: WorkflowAction, reason?: string) =>
    workflow.mutateAsync({ action, reason }).then(
      () => {
        message.success(action === 'approve' ? 'Đã duyệt báo cáo' : action === 'return' ? 'Đã trả lại báo cáo' : 'Đã mở lại báo cáo');
        setAsking(undefined);
        form.resetFields();
      },
      (error: unknown) => message.error(errorMessage(error)),
    );

  const dialog = asking ? REASON_ACTIONS[asking] : undefined;
  return (
    <>
      <Flex gap={8} wrap>
        {status === 'submitted' && (
          <>
            <Button type="primary" icon={<CheckOutlined />} loading={workflow.isPending} onClick={() =>
                modal.confirm({
                  title: 'Duyệt báo cáo?',
                  content: 'Báo cáo được duyệt sẽ được tính vào xếp hạng chính thức và đơn vị không sửa được nữa; muốn sửa phải mở lại kèm lý do.',
                  okText: 'Duyệt',
                  cancelText: 'Hủy',
                  onOk: () => run('approve'),
                })
              }
            >
              Duyệt
            </Button>
            <Button danger icon={<RollbackOutlined />} onClick={() => setAsking('return')}>
              Trả lại
            </Button>
          </>
        )}
        {status === 'approved' && (
          <Button icon={<UnlockOutlined />} onClick={() => setAsking('reopen')}>
            Mở lại
          </Button>
        )}
      </Flex>
      <Modal
        open={Boolean(dialog)}
        title={dialog?.title}
        okText={dialog?.ok}
        cancelText="Hủy"
        confirmLoading={workflow.isPending}
        onCancel={() => setAsking(undefined)}
        onOk={() =>
          form.validateFields().then(
            ({ reason }) => asking && run(asking, reason.trim()),
            () => undefined, // the form shows what is missing
          )
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label="Lý do"
            rules={[{ required: true, whitespace: true, message: 'Nhập lý do để đơn vị biết cần sửa gì' }]}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} aria-label="Lý do" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
