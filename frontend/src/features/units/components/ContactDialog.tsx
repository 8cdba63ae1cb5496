import { App, Form, Input, Modal, Spin, Typography } from 'antd';
import { errorMessage, showProblemOnFields } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { useSaveUnitContact, useUnitContact } from '../api/contact';

interface ContactDialogProps {
  /** The unit whose address is edited; the dialog is closed without one. */
  unit: { code: string; name: string } | undefined;
  onClose: () => void;
  /** Told whether the address typed is not saved yet (the page's leave guard). */
  onDirtyChange: (dirty: boolean) => void;
}

// The server's own check of an address (ContactIn in api/schemas/reminders.py).
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** A unit's contact address, where its reminders and the decisions on its reports are e-mailed. */
export function ContactDialog({ unit, onClose, onDirtyChange }: ContactDialogProps) {
  const { message } = App.useApp();
  const contact = useUnitContact(unit?.code);
  const save = useSaveUnitContact();
  const [form] = Form.useForm<{ email: string }>();
  const close = () => {
    onDirtyChange(false);
    onClose();
  };
  return (
    <Modal
      open={Boolean(unit)}
      title="Thư điện tử của đơn vị"
      okText="Lưu"
      cancelText="Hủy"
      okButtonProps={{ disabled: !contact.isSuccess }}
      confirmLoading={save.isPending}
      destroyOnHidden
      onCancel={close}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph>
        <Typography.Text strong>{unit?.name}</Typography.Text> nhận tại địa chỉ này thư đôn đốc báo cáo và thư báo kết quả duyệt báo cáo
        (khi hệ thống có máy chủ gửi thư).
      </Typography.Paragraph>
      <ErrorAlert error={contact.error} />
      {contact.isPending && <Spin />}
      {contact.isSuccess && unit && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ email: contact.data.email ?? '' }}
          onValuesChange={(_, { email }) => onDirtyChange(email.trim() !== (contact.data.email ?? ''))}
          onFinish={({ email }) =>
            save.mutateAsync({ unit: unit.code, email: email.trim() }).then(
              () => {
                message.success(`Đã lưu thư điện tử của ${unit.name}`);
                close();
              },
              (error: unknown) => {
                showProblemOnFields(form, error);
                message.error(errorMessage(error));
              },
            )
          }
        >
          <Form.Item
            name="email"
            label="Thư điện tử"
            extra={contact.data.email ? undefined : 'Đơn vị chưa có địa chỉ: chỉ nhận thông báo trong ứng dụng.'}
            rules={[
              { required: true, whitespace: true, message: 'Nhập thư điện tử' },
              {
                validator: (_, value: string | undefined) =>
                  !value?.trim() || EMAIL.test(value.trim()) ? Promise.resolve() : Promise.reject(new Error('Thư điện tử không hợp lệ')),
              },
            ]}
          >
            <Input type="email" maxLength={255} autoComplete="off" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
