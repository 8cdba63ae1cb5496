import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Select, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { errorMessage } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { ExportButton } from '@/components/ExportButton';
import { SearchBox } from '@/components/SearchBox';
import { useServerSort } from '@/lib/list-query';
import { formatDateTime } from '@/lib/format';
import { optionsOf, ROLE_LABELS, type Role } from '@/lib/labels';
import { useIssueActivation, useSaveUser, useUsers, type ActivationCode, type User, type UserFilter, type UserForm, type UserSort } from '../api/users';

const activeOptions = [
  { value: 'true', label: 'Đang hoạt động' },
  { value: 'false', label: 'Đã khóa' },
];

export function UsersAdmin() {
  const { message } = App.useApp();
  const [filter, setFilter] = useState<UserFilter>({});
  const users = useUsers(filter);
  const { sorted, onChange } = useServerSort<UserSort>([filter.sort, (sort) => setFilter((f) => ({ ...f, sort }))]);
  const save = useSaveUser();
  const [editing, setEditing] = useState<{ user: Partial<UserForm>; isNew: boolean }>();
  const [form] = Form.useForm<UserForm>();
  const issue = useIssueActivation();
  const [issued, setIssued] = useState<ActivationCode>();

  return (
    <Card
      styles={{ body: { padding: 0 } }}
      extra={
        <Flex gap={8} wrap>
          <ExportButton path="/api/v1/exports/users" query={{ ...filter }} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: { active: true }, isNew: true })}>
            Thêm tài khoản
          </Button>
        </Flex>
      }
      title="Tài khoản và vai trò"
    >
      <Flex gap={8} wrap style={{ padding: 12 }}>
        <SearchBox
          label="Tìm tài khoản"
          placeholder="Họ tên, tên đăng nhập hoặc đơn vị, không cần dấu"
          value={filter.q}
          onChange={(q) => setFilter((f) => ({ ...f, q }))}
        />
        <Select
          allowClear
          aria-label="Vai trò"
          placeholder="Mọi vai trò"
          style={{ minWidth: 220 }}
          options={optionsOf(ROLE_LABELS)}
          onChange={(role?: Role) => setFilter((f) => ({ ...f, role }))}
        />
        <Select
          allowClear
          aria-label="Tình trạng tài khoản"
          placeholder="Mọi tình trạng"
          style={{ minWidth: 180 }}
          options={activeOptions}
          onChange={(value?: string) => setFilter((f) => ({ ...f, active: value === undefined ? undefined : value === 'true' }))}
        />
      </Flex>
      <ErrorAlert error={users.error} />
      <Table<User>
        size="small"
        rowKey="username"
        loading={users.isFetching}
        dataSource={users.data}
        scroll={{ x: 640 }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: 'Không tìm thấy tài khoản nào' }}
        onChange={onChange}
        onRow={(user) => ({
          onClick: () => setEditing({ user: { ...user, unit: user.unit?.code ?? null }, isNew: false }),
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: 'Tên đăng nhập', dataIndex: 'username', ...sorted('username') },
          { title: 'Họ và tên', dataIndex: 'full_name', ...sorted('full_name') },
          { title: 'Vai trò', dataIndex: 'role', ...sorted('role'), render: (role: Role) => ROLE_LABELS[role] },
          { title: 'Đơn vị', ...sorted('unit'), render: (_, u) => u.unit?.name ?? '–' },
          {
            title: 'Trạng thái',
            key: 'status',
            render: (_, u) => {
              if (!u.active) return <Tag>Đã khóa</Tag>;
              if (!u.activation_pending) return <Tag color="green">Hoạt động</Tag>;
              return (
                <>
                  <Tag color="orange">Chưa kích hoạt</Tag>
                  <Button
                    size="small"
                    loading={issue.isPending && issue.variables === u.username}
                    onClick={(event) => {
                      event.stopPropagation();
                      issue.mutate(u.username, { onSuccess: setIssued, onError: (error) => message.error(errorMessage(error)) });
                    }}
                  >
                    Cấp mã kích hoạt mới
                  </Button>
                </>
              );
            },
          },
        ]}
      />
      <Modal
        open={Boolean(issued)}
        title="Mã kích hoạt mới"
        footer={<Button onClick={() => setIssued(undefined)}>Đóng</Button>}
        onCancel={() => setIssued(undefined)}
        destroyOnHidden
      >
        {issued && (
          <Alert
            type="success"
            showIcon
            title={`Mã kích hoạt của ${issued.username} chỉ hiển thị một lần, hãy sao chép và gửi cho người dùng:`}
            description={
              <>
                <Typography.Text copyable code>
                  {issued.code}
                </Typography.Text>
                <div>Hết hạn lúc {formatDateTime(issued.expires_at)}; mã cũ không còn dùng được.</div>
              </>
            }
          />
        )}
      </Modal>
      <Modal
        open={Boolean(editing)}
        title={editing?.isNew ? 'Thêm tài khoản' : 'Sửa tài khoản'}
        okText="Lưu"
        cancelText="Hủy"
        confirmLoading={save.isPending}
        destroyOnHidden
        onCancel={() => setEditing(undefined)}
        onOk={() =>
          form.validateFields().then((user) =>
            save.mutateAsync({ user, isNew: Boolean(editing?.isNew) }).then(
              () => {
                message.success('Đã lưu tài khoản');
                setEditing(undefined);
              },
              (error: unknown) => message.error(errorMessage(error)),
            ),
          )
        }
      >
        <Form form={form} layout="vertical" initialValues={editing?.user} preserve={false}>
          <Form.Item name="username" label="Tên đăng nhập" rules={[{ required: true, message: 'Nhập tên đăng nhập' }]}>
            <Input disabled={!editing?.isNew} autoComplete="off" />
          </Form.Item>
          <Form.Item name="full_name" label="Họ và tên" rules={[{ required: true, message: 'Nhập họ và tên' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label="Vai trò" rules={[{ required: true, message: 'Chọn vai trò' }]}>
            <Select options={optionsOf(ROLE_LABELS)} />
          </Form.Item>
          <Form.Item name="unit" label="Mã đơn vị (với cán bộ báo cáo)">
            <Input />
          </Form.Item>
          <Form.Item
            name="password"
            label={editing?.isNew ? 'Mật khẩu' : 'Mật khẩu mới (để trống nếu không đổi)'}
            rules={editing?.isNew ? [{ required: true, min: 8, message: 'Mật khẩu tối thiểu 8 ký tự' }] : [{ min: 8, message: 'Mật khẩu tối thiểu 8 ký tự' }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="active" label="Hoạt động" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
