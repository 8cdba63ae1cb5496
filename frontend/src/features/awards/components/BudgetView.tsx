import { App, Button, Card, Col, Form, Input, Row, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState, type ReactElement } from 'react';
import { errorMessage } from '@/api/errors';
import { MoneyInput, wholeDong } from '@/components/MoneyInput';
import { ErrorAlert } from '@/components/PageState';
import { formatMoney } from '@/lib/format';
import { budgetExportUrl, useAddBudgetItem, useBudget, type BudgetLine } from '../api/awards';
import { AppraisalActions, AppraisalDialog, AppraisalStatus, type Dialog } from './BudgetAppraisal';

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
      <Form.Item name="amount" label="Số tiền (đồng)" rules={[{ required: true, message: 'Nhập số tiền' }, wholeDong(1, 'Nhập số tiền nguyên đồng')]}>
        <MoneyInput min={1} style={{ width: 180 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        Thêm
      </Button>
    </Form>
  );
}

/**
 * The movement's budget estimate (dự toán) for a year: activities plus award money, each activity line's
 * appraisal by Sở Tài chính (who appraises or returns it here), and the workbook with both amounts.
 */
export function BudgetView({
  year,
  unitPicker,
  canWrite,
  canAppraise,
}: {
  year: number;
  unitPicker: ReactElement;
  canWrite: boolean;
  canAppraise: boolean;
}) {
  const budget = useBudget(year);
  const [dialog, setDialog] = useState<Dialog>();
  const totals = budget.data;
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {[
          { title: 'Kinh phí hoạt động đề nghị', value: totals?.activities_total, testId: 'budget-activities-total' },
          { title: 'Tiền thưởng (theo định mức)', value: totals?.awards_total, testId: 'budget-awards-total' },
          { title: 'Tổng đề nghị', value: totals?.grand_total, testId: 'budget-proposed-total' },
          { title: 'Tổng thẩm định', value: totals?.appraised_total, testId: 'budget-appraised-total' },
        ].map(({ title, value, testId }) => (
          <Col key={testId} xs={12} lg={6}>
            <Card size="small">
              <Statistic title={title} value={value ?? 0} loading={budget.isPending} formatter={(v) => <span data-testid={testId}>{formatMoney(Number(v))}</span>} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        title={`Tổng hợp dự toán năm ${year}`}
        style={{ marginBottom: 16 }}
        styles={{ body: { padding: 0 } }}
        extra={
          <Button icon={<DownloadOutlined />} href={budgetExportUrl(year)} title="Số đề nghị và số thẩm định của từng khoản">
            Tải Excel
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
          scroll={{ x: 800 }}
          locale={{ emptyText: 'Chưa có khoản dự toán' }}
          columns={[
            { title: 'Đơn vị', dataIndex: 'unit_name' },
            { title: 'Hoạt động', dataIndex: 'activities', align: 'right', render: formatMoney },
            { title: 'Khen thưởng', dataIndex: 'awards', align: 'right', render: formatMoney },
            { title: 'Cộng', dataIndex: 'total', align: 'right', render: formatMoney },
            { title: 'Thẩm định', dataIndex: 'appraised_total', align: 'right', render: formatMoney },
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
                <Table.Summary.Cell index={2} align="right">
                  <Typography.Text strong>{formatMoney(budget.data.appraised_total)}</Typography.Text>
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
      <Card title="Chi tiết và thẩm định" styles={{ body: { padding: 0 } }}>
        <Table<BudgetLine>
          size="small"
          rowKey={(row) => (row.id === null ? `${row.unit}-${row.category}-${row.description}-${row.amount}` : `item-${row.id}`)}
          dataSource={budget.data?.lines}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 960 }}
          columns={[
            { title: 'Đơn vị', dataIndex: 'unit' },
            { title: 'Loại', dataIndex: 'category', render: (c: string) => CATEGORY_LABELS[c] ?? c },
            { title: 'Nội dung', dataIndex: 'description' },
            { title: 'Số đề nghị', dataIndex: 'amount', align: 'right', render: formatMoney },
            { title: 'Thẩm định', key: 'status', render: (_, line) => <AppraisalStatus line={line} /> },
            {
              title: 'Số thẩm định',
              key: 'appraised',
              align: 'right',
              render: (_, line) => (line.status === 'appraised' ? formatMoney(line.appraised_amount) : ''),
            },
            ...(canAppraise || canWrite
              ? [
                  {
                    title: '',
                    key: 'actions',
                    render: (_: unknown, line: BudgetLine) => (
                      <AppraisalActions line={line} canAppraise={canAppraise} canWrite={canWrite} onOpen={setDialog} />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <AppraisalDialog dialog={dialog} onClose={() => setDialog(undefined)} />
    </>
  );
}
