import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { errorMessage } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { formatDateTime } from '@/lib/format';
import { DELIVERY_STATUS_LABELS, WEBHOOK_EVENT_LABELS, optionsOf, type DeliveryStatus, type WebhookEvent } from '@/lib/labels';
import { useCreateWebhook, useDeactivateWebhook, useDeliveries, useRedeliver, useWebhooks, type Webhook, type WebhookDelivery } from '../api/webhooks';

const STATUS_COLORS: Record<DeliveryStatus, string> = { pending: 'processing', delivered: 'success', failed: 'error', cancelled: 'default' };

export function WebhooksManager() {
  const { message } = App.useApp();
  const webhooks = useWebhooks();
  const create = useCreateWebhook();
  const deactivate = useDeactivateWebhook();
  const [secret, setSecret] = useState<string>();
  const [form] = Form.useForm<{ url: string; events: WebhookEvent[] }>();

  return (
    <>
      <Card title="Đăng ký nhận sự kiện" style={{ marginBottom: 16 }}>
        {secret && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title="Khóa ký chỉ hiển thị một lần, hãy sao chép và lưu ở hệ thống nhận:"
            description={<Typography.Text copyable code>{secret}</Typography.Text>}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ events: Object.keys(WEBHOOK_EVENT_LABELS) as WebhookEvent[] }}
          onFinish={(input) =>
            create.mutateAsync(input).then(
              (created) => {
                setSecret(created.secret);
                form.resetFields();
              },
              (error: unknown) => message.error(errorMessage(error)),
            )
          }
        >
          <Form.Item name="url" label="Địa chỉ nhận (URL)" rules={[{ required: true, message: 'Nhập địa chỉ nhận' }]}>
            <Input placeholder="https://he-thong-khac.example/banhat" style={{ maxWidth: 520 }} />
          </Form.Item>
          {/* A validator, not `required`: antd would put aria-required on the group's div, which axe refuses. */}
          <Form.Item
            name="events"
            label="Sự kiện"
            rules={[
              {
                validator: (_, chosen?: string[]) =>
                  chosen?.length ? Promise.resolve() : Promise.reject(new Error('Chọn ít nhất một sự kiện')),
              },
            ]}
          >
            <Checkbox.Group options={optionsOf(WEBHOOK_EVENT_LABELS)} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            Đăng ký
          </Button>
        </Form>
      </Card>
      <Card title="Đăng ký đang có" styles={{ body: { padding: 0 } }}>
        <ErrorAlert error={webhooks.error} />
        <Table<Webhook>
          size="small"
          rowKey="id"
          dataSource={webhooks.data}
          pagination={false}
          scroll={{ x: 600 }}
          locale={{ emptyText: 'Chưa có đăng ký' }}
          expandable={{ expandedRowRender: (webhook) => <Deliveries webhook={webhook} /> }}
          columns={[
            { title: 'Địa chỉ', dataIndex: 'url', render: (url: string) => <Typography.Text code>{url}</Typography.Text> },
            { title: 'Sự kiện', dataIndex: 'events', render: (events: WebhookEvent[]) => events.map((e) => WEBHOOK_EVENT_LABELS[e]).join('; ') },
            { title: 'Tạo lúc', dataIndex: 'created_at', render: formatDateTime },
            {
              title: '',
              key: 'active',
              render: (_, webhook) =>
                webhook.active ? (
                  <Popconfirm
                    title="Hủy đăng ký này? Các lần gửi đang chờ sẽ bị hủy."
                    okText="Hủy đăng ký"
                    cancelText="Không"
                    onConfirm={() => deactivate.mutateAsync(webhook.id).catch((error: unknown) => message.error(errorMessage(error)))}
                  >
                    <Button size="small" danger type="link">
                      Hủy đăng ký
                    </Button>
                  </Popconfirm>
                ) : (
                  <Typography.Text type="secondary">Đã hủy</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}

/** The subscription's recent deliveries and failures, with redelivery of failed ones. */
export function Deliveries({ webhook }: { webhook: Webhook }) {
  const { message } = App.useApp();
  const deliveries = useDeliveries(webhook.id);
  const redeliver = useRedeliver(webhook.id);
  const failed = (deliveries.data ?? []).filter((d) => d.status === 'failed').length;
  const send = (deliveryId?: number) =>
    redeliver.mutateAsync(deliveryId).then(
      (answer) => message.success(`Đã xếp lại ${answer.redelivered} lần gửi.`),
      (error: unknown) => message.error(errorMessage(error)),
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={deliveries.error} />
      {webhook.active && failed > 0 && (
        <Popconfirm title="Gửi lại mọi lần gửi thất bại của đăng ký này?" okText="Gửi lại" cancelText="Không" onConfirm={() => send()}>
          <Button size="small">Gửi lại tất cả lần gửi thất bại</Button>
        </Popconfirm>
      )}
      <Table<WebhookDelivery>
        size="small"
        rowKey="id"
        loading={deliveries.isLoading}
        dataSource={deliveries.data}
        pagination={false}
        locale={{ emptyText: 'Chưa có lần gửi nào' }}
        columns={[
          { title: 'Mã (webhook-id)', dataIndex: 'id', render: (id: number) => <Typography.Text code>msg_{id}</Typography.Text> },
          { title: 'Sự kiện', dataIndex: 'event', render: (event: WebhookEvent) => WEBHOOK_EVENT_LABELS[event] },
          { title: 'Trạng thái', dataIndex: 'status', render: (status: DeliveryStatus) => <Tag color={STATUS_COLORS[status]}>{DELIVERY_STATUS_LABELS[status]}</Tag> },
          { title: 'Số lần thử', dataIndex: 'attempts' },
          { title: 'Phản hồi', dataIndex: 'response_status', render: (status: number | null) => status ?? '-' },
          { title: 'Lỗi', dataIndex: 'error', render: (error: string | null) => error ?? '' },
          { title: 'Tạo lúc', dataIndex: 'created_at', render: formatDateTime },
          {
            title: '',
            key: 'redeliver',
            render: (_, delivery) =>
              webhook.active && delivery.status === 'failed' ? (
                <Button size="small" type="link" onClick={() => send(delivery.id)} loading={redeliver.isPending}>
                  Gửi lại
                </Button>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
