import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Table, Typography } from 'antd';
import { errorMessage } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { dayjs, formatDate, formatDateTime } from '@/lib/format';
import { now } from '@/lib/clock';
import type { TokenScope } from '@/lib/labels';
import { useCreateToken, useRevokeToken, useTokenScopes, useTokens, type ApiToken } from '../api/tokens';

/** The scopes this page offers, those the account's role may grant (the API accepts every `TokenScope`);
 * labels say what another system gets. */
const SCOPES: { value: TokenScope; label: string }[] = [
  { value: 'scores:read', label: 'Đọc điểm, xếp hạng, kỳ, đơn vị, chỉ tiêu (scores:read)' },
  { value: 'reports:read', label: 'Đọc báo cáo tổng hợp (reports:read)' },
  { value: 'values:write', label: 'Ghi số liệu (values:write)' },
];

export function TokensManager() {
  const { message } = App.useApp();
  const tokens = useTokens();
  const grantable = new Set(useTokenScopes().data?.filter((s) => s.available).map((s) => s.scope));
  const offered = SCOPES.filter((scope) => grantable.has(scope.value));
  const create = useCreateToken();
  const remove = useRevokeToken();
  const [secret, setSecret] = useState<string>();
  const [form] = Form.useForm<{ name: string; scopes: TokenScope[]; expires_in_days?: number | null }>();

  return (
    <>
      <Card title="Tạo mã truy cập" style={{ marginBottom: 16 }}>
        {secret && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title="Mã truy cập chỉ hiển thị một lần, hãy sao chép và lưu lại:"
            description={<Typography.Text copyable code>{secret}</Typography.Text>}
          />
        )}
        <Form
          form={form}
          layout="inline"
          onFinish={(input) =>
            create.mutateAsync(input).then(
              (created) => {
                setSecret(created.token);
                form.resetFields();
              },
              (error: unknown) => message.error(errorMessage(error)),
            )
          }
        >
          <Form.Item name="name" rules={[{ required: true, message: 'Nhập tên gợi nhớ' }]}>
            <Input aria-label="Tên gợi nhớ" placeholder="Tên gợi nhớ, ví dụ: Hệ thống tổng hợp" style={{ width: 260, maxWidth: '100%' }} />
          </Form.Item>
          <Form.Item name="scopes" rules={[{ required: true, message: 'Chọn quyền' }]}>
            <Select mode="multiple" aria-label="Quyền" options={offered} placeholder="Quyền" style={{ minWidth: 260, maxWidth: '100%' }} />
          </Form.Item>
          <Form.Item name="expires_in_days" tooltip="Bỏ trống: 365 ngày">
            <InputNumber aria-label="Hiệu lực (ngày)" min={1} max={3650} precision={0} placeholder="Hiệu lực (ngày)" style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            Tạo mã
          </Button>
        </Form>
      </Card>
      <Card title="Mã đang dùng" styles={{ body: { padding: 0 } }}>
        <ErrorAlert error={tokens.error} />
        <Table<ApiToken>
          size="small"
          rowKey="id"
          dataSource={tokens.data}
          pagination={false}
          scroll={{ x: 600 }}
          locale={{ emptyText: 'Chưa có mã truy cập' }}
          columns={[
            { title: 'Tên', dataIndex: 'name' },
            { title: 'Quyền', dataIndex: 'scopes', render: (s: string[]) => s.map((scope) => SCOPES.find((o) => o.value === scope)?.label ?? scope).join('; ') },
            { title: 'Tạo lúc', dataIndex: 'created_at', render: formatDateTime },
            {
              title: 'Hết hạn',
              dataIndex: 'expires_at',
              render: (at: string) =>
                dayjs(at).valueOf() < now() ? (
                  <Typography.Text type="danger">Đã hết hạn {formatDate(at)}</Typography.Text>
                ) : (
                  formatDate(at)
                ),
            },
            { title: 'Tiền tố', dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
            {
              title: '',
              key: 'delete',
              render: (_, token) =>
                token.revoked_at ? (
                  <Typography.Text type="secondary">Đã thu hồi {formatDateTime(token.revoked_at)}</Typography.Text>
                ) : (
                <Popconfirm
                  title="Thu hồi mã này?"
                  okText="Thu hồi"
                  cancelText="Hủy"
                  onConfirm={() => remove.mutateAsync(token.id).catch((error: unknown) => message.error(errorMessage(error)))}
                >
                  <Button size="small" danger type="link">
                    Thu hồi
                  </Button>
                </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
