import { App, Button, Card, Form, Input, InputNumber, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ReactElement } from 'react';
import { errorMessage } from '@/api/errors';
import { ErrorAlert } from '@/components/PageState';
import { formatMoney } from '@/lib/format';
import { budgetExportUrl, useAddBudgetItem, useBudget } from '../api/awards';

const CATEGORY_LABELS: Record<string, string> = { activity: 'Hoạt động', award: 'Khen thưởng' };

function AddItemForm({ year, unitPicker }: { year: number; unitPicker: ReactElement }) {
  const { message } = App.useApp();
  const add = useAddBudgetItem();
  const [form] = Form.useForm<{ unit: string; description: string; amount: number }>();
  return (
    <Form
      form={form}
      layout="inline"
      style={{ rowGap: 8 }}
      onFinish={({ unit, description, amount }) =>
        add.mutateAsync({ year, unit, description: description.trim(), amount }).then(
          () => {
            message.success('Đã thêm khoản dự toán');
            form.resetFields();
          },
          (error: unknown) => message.error(errorMessage(error)),
        )
      }
    >
      <Form.Item name="unit" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
        {unitPicker}
      </Form.Item>
      <Form.Item name="description" label="Nội dung" rules={[{ required: true, whitespace: true, message: 'Nhập nội dung' }]}>
        <Input style={{ width: 280 }} maxLength={500} />
      </Form.Item>
      <Form.Item name="amount" label="Số tiền (đồng)" rules={[{ required: true, message: 'Nhập số tiền' }]}>
        <InputNumber<number>
          min={1}
          precision={0}
          style={{ width: 180 }}
          formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : new Intl.NumberFormat('vi-VN').format(Number(v)))}
          parser={(v) => Number((v ?? '').replace(/\D/g, ''))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        Thêm
      </Button>
    </Form>
  );
}

/** The movement's budget estimate (dự toán) for a year: activities plus award money, and the workbook for Sở Tài chính. */
export function BudgetView({ year, unitPicker, canWrite }: { year: number; unitPicker: ReactElement; canWrite: boolean }) {
  const budget = useBudget(year);
  return (
    <>
      <Card
        title={`Tổng hợp dự toán năm ${year}`}
        style={{ marginBottom: 16 }}
        styles={{ body: { padding: 0 } }}
        extra={
          <Button icon={<DownloadOutlined />} href={budgetExportUrl(year)}>
            Tải Excel gửi Sở Tài chính
          </Button>
        }
      >
        <ErrorAlert error={budget.error} />
        <Table
          size="small"
          rowKey={(row) => `${row.year}-${row.unit}`}
          loading={budget.isPending}
          dataSource={budget.data?.totals}
          pagination={false}
          scroll={{ x: 640 }}
          locale={{ emptyText: 'Chưa có khoản dự toán' }}
          columns={[
            { title: 'Đơn vị', dataIndex: 'unit_name' },
            { title: 'Hoạt động', dataIndex: 'activities', align: 'right', render: formatMoney },
            { title: 'Khen thưởng', dataIndex: 'awards', align: 'right', render: formatMoney },
            { title: 'Cộng', dataIndex: 'total', align: 'right', render: formatMoney },
          ]}
          summary={() =>
            budget.data && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  <Typography.Text strong>Tổng cộng</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <Typography.Text strong data-testid="budget-grand-total">
                    {formatMoney(budget.data.grand_total)}
                  </Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )
          }
        />
      </Card>
      {canWrite && (
        <Card title="Thêm khoản chi hoạt động" style={{ marginBottom: 16 }}>
          <AddItemForm year={year} unitPicker={unitPicker} />
        </Card>
      )}
      <Card title="Chi tiết" styles={{ body: { padding: 0 } }}>
        <Table
          size="small"
          rowKey={(row) => `${row.unit}-${row.category}-${row.description}-${row.amount}`}
          dataSource={budget.data?.lines}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 640 }}
          columns={[
            { title: 'Đơn vị', dataIndex: 'unit' },
            { title: 'Loại', dataIndex: 'category', render: (c: string) => CATEGORY_LABELS[c] ?? c },
            { title: 'Nội dung', dataIndex: 'description' },
            { title: 'Số tiền', dataIndex: 'amount', align: 'right', render: formatMoney },
          ]}
        />
      </Card>
    </>
  );
}
