import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { errorMessage } from '@/api/errors';
import { useLogin, type Credentials } from '../api/session';

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const login = useLogin();
  return (
    <Card style={{ width: '100%', maxWidth: 400 }}>
      <Typography.Title level={1} style={{ textAlign: 'center', marginTop: 0, fontSize: 24 }}>
        Phong trào “Ba nhất”
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
        Kỷ luật nhất - Trung thành nhất - Gần dân nhất
      </Typography.Paragraph>
      {login.isError && <Alert type="error" showIcon title={errorMessage(login.error)} style={{ marginBottom: 16 }} />}
      <Form<Credentials> layout="vertical" onFinish={(values) => login.mutate(values, { onSuccess })} requiredMark={false}>
        <Form.Item label="Tên đăng nhập" name="username" rules={[{ required: true, message: 'Nhập tên đăng nhập' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Nhập mật khẩu' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          Đăng nhập
        </Button>
      </Form>
      <Typography.Paragraph style={{ textAlign: 'center', marginTop: 16, marginBottom: 0 }}>
        Tài khoản mới được cấp mã kích hoạt? <Link to="/kich-hoat">Kích hoạt tài khoản</Link>
      </Typography.Paragraph>
    </Card>
  );
}
