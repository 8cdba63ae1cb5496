import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { KeyOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { errorMessage } from '@/api/errors';
import { useActivate, type Activation } from '../api/session';

type ActivationFields = Activation & { confirm: string };

/** An account imported without a password: its owner enters the code the administrator handed over and
 * chooses a password (twice), and is signed in. */
export function ActivationForm({ onSuccess }: { onSuccess: () => void }) {
  const activate = useActivate();
  return (
    <Card style={{ width: '100%', maxWidth: 400 }}>
      <Typography.Title level={1} style={{ textAlign: 'center', marginTop: 0, fontSize: 24 }}>
        Kích hoạt tài khoản
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        Nhập mã kích hoạt do quản trị viên cấp (dùng một lần, hiệu lực 14 ngày) và đặt mật khẩu của bạn.
      </Typography.Paragraph>
      {activate.isError && <Alert type="error" showIcon title={errorMessage(activate.error)} style={{ marginBottom: 16 }} />}
      <Form<ActivationFields>
        layout="vertical"
        requiredMark={false}
        onFinish={({ username, code, password }) => activate.mutate({ username, code: code.trim(), password }, { onSuccess })}
      >
        <Form.Item label="Tên đăng nhập" name="username" rules={[{ required: true, message: 'Nhập tên đăng nhập' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label="Mã kích hoạt" name="code" rules={[{ required: true, message: 'Nhập mã kích hoạt' }]}>
          <Input prefix={<KeyOutlined />} autoComplete="one-time-code" spellCheck={false} />
        </Form.Item>
        <Form.Item
          label="Mật khẩu mới"
          name="password"
          rules={[
            { required: true, message: 'Nhập mật khẩu mới' },
            { min: 8, message: 'Mật khẩu tối thiểu 8 ký tự' },
            { max: 256, message: 'Mật khẩu tối đa 256 ký tự' },
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="Nhập lại mật khẩu mới"
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: 'Nhập lại mật khẩu mới' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('Hai mật khẩu không khớp')),
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={activate.isPending}>
          Kích hoạt và đăng nhập
        </Button>
      </Form>
      <Typography.Paragraph style={{ textAlign: 'center', marginTop: 16, marginBottom: 0 }}>
        <Link to="/login">Quay lại đăng nhập</Link>
      </Typography.Paragraph>
    </Card>
  );
}
