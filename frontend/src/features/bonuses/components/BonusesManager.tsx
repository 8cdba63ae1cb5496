import { useState, type ReactElement } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Popconfirm, Table } from 'antd';
import { NumberInput } from '@/components/NumberInput';
import { errorMessage } from '@/api/errors';
import { ExportButton } from '@/components/ExportButton';
import { ErrorAlert } from '@/components/PageState';
import { SearchBox } from '@/components/SearchBox';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useServerSort } from '@/lib/list-query';
import { useAddBonus, useBonusCap, useBonuses, useDeleteBonus, type Bonus, type BonusSort } from '../api/bonuses';

function AddBonusForm({ period, unitPicker, cap }: { period: string; unitPicker: ReactElement; cap: number | undefined }) {
  const { message } = App.useApp();
  const add = useAddBonus();
  const [form] = Form.useForm<{ unit: string; points: number; reason: string }>();
  return (
    <Form
      form={form}
      layout="inline"
      style={{ rowGap: 8 }}
      onFinish={({ unit, points, reason }) =>
        add.mutateAsync({ period, unit, points: points.toFixed(2), reason: reason.trim() }).then(
          () => {
            message.success('Đã cộng điểm thưởng');
            form.resetFields();
          },
          (error: unknown) => message.error(errorMessage(error)),
        )
      }
    >
      <Form.Item name="unit" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
        {unitPicker}
      </Form.Item>
      <Form.Item
        name="points"
        label="Điểm"
        rules={[
          { required: true, message: 'Nhập điểm' },
          {
            validator: (_, value: number | null | undefined) =>
              value === null || value === undefined || (value > 0 && (cap === undefined || value <= cap))
                ? Promise.resolve()
                : Promise.reject(new Error(`Điểm thưởng từ trên 0 đến ${formatNumber(cap)}`)),
          },
        ]}
      >
        <NumberInput min={0} max={cap} step={0.5} />
      </Form.Item>
      <Form.Item name="reason" label="Lý do" rules={[{ required: true, whitespace: true, message: 'Nhập lý do' }]}>
        <Input style={{ width: 320 }} maxLength={1000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        Cộng điểm
      </Button>
    </Form>
  );
}

/**
 * Bonus points of a period: each entry has a reason; the scheme caps what the score takes in. The server
 * searches (unit name or code, or the reason), sorts (points by their value) and exports the list.
 */
export function BonusesManager({ period, unitPicker, canWrite }: { period: string | undefined; unitPicker: ReactElement; canWrite: boolean }) {
  const { message } = App.useApp();
  const [q, setQ] = useState<string>();
  const { sort, sorted, onChange } = useServerSort<BonusSort>();
  const shown = { period, q, sort };
  const bonuses = useBonuses(shown);
  const cap = useBonusCap();
  const remove = useDeleteBonus();
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`Mức trần điểm thưởng: ${cap.data === undefined ? '…' : formatNumber(cap.data)} điểm mỗi đơn vị trong kỳ`}
        description="Một lần cộng không vượt mức trần; điểm thi đua chỉ tính tổng điểm thưởng đến mức trần."
      />
      {canWrite && period && (
        <Card title="Cộng điểm thưởng" style={{ marginBottom: 16 }}>
          <AddBonusForm period={period} unitPicker={unitPicker} cap={cap.data} />
        </Card>
      )}
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={8} wrap style={{ padding: 16 }}>
          <SearchBox label="Tìm điểm thưởng" placeholder="Đơn vị hoặc lý do, không cần dấu" value={q} onChange={setQ} />
          {period && <ExportButton path="/api/v1/exports/bonuses" query={shown} />}
        </Flex>
        <ErrorAlert error={bonuses.error} />
        <Table<Bonus>
          size="small"
          rowKey="id"
          loading={bonuses.isFetching}
          dataSource={bonuses.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 700 }}
          locale={{ emptyText: q ? 'Không có điểm thưởng phù hợp' : 'Chưa có điểm thưởng trong kỳ' }}
          onChange={onChange}
          columns={[
            { title: 'Đơn vị', dataIndex: ['unit', 'name'], ...sorted('unit') },
            { title: 'Điểm', dataIndex: 'points', align: 'right', render: (p: string) => `+${formatNumber(p)}`, ...sorted('points') },
            { title: 'Lý do', dataIndex: 'reason' },
            { title: 'Người ghi', dataIndex: 'created_by' },
            { title: 'Lúc', dataIndex: 'created_at', render: formatDateTime, ...sorted('created_at') },
            ...(canWrite
              ? [
                  {
                    title: '',
                    key: 'delete',
                    render: (_: unknown, bonus: Bonus) => (
                      <Popconfirm
                        title="Xóa điểm thưởng này?"
                        okText="Xóa"
                        cancelText="Hủy"
                        onConfirm={() => remove.mutateAsync(bonus.id).catch((error: unknown) => message.error(errorMessage(error)))}
                      >
                        <Button size="small" danger type="link">
                          Xóa
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
