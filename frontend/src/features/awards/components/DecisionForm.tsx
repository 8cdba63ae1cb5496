import { App, Button, DatePicker, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '@/api/errors';
import { DATE_FORMAT } from '@/lib/format';
import { todayDayjs } from '@/lib/clock';
import { useRecordDecision } from '../api/awards';

interface DecisionFields {
  number: string;
  date: Dayjs;
  approved: boolean;
}

/** The Chairman's decision on a forwarded proposal: its number, date and whether the award was granted. */
export function DecisionForm({ proposalId, onRecorded }: { proposalId: number; onRecorded?: () => void }) {
  const { message } = App.useApp();
  const record = useRecordDecision(proposalId);
  const [form] = Form.useForm<DecisionFields>();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ approved: true }}
      onFinish={({ number, date, approved }) =>
        record.mutateAsync({ number: number.trim(), date: date.format('YYYY-MM-DD'), approved }).then(
          () => {
            message.success(approved ? 'Đã ghi quyết định khen thưởng' : 'Đã ghi quyết định không khen thưởng');
            onRecorded?.();
          },
          (error: unknown) => message.error(errorMessage(error)),
        )
      }
    >
      <Form.Item name="number" label="Số quyết định" rules={[{ required: true, whitespace: true, message: 'Nhập số quyết định' }]}>
        <Input placeholder="Ví dụ: 125/QĐ-UBND" maxLength={100} />
      </Form.Item>
      <Form.Item
        name="date"
        label="Ngày quyết định"
        rules={[
          { required: true, message: 'Chọn ngày quyết định' },
          {
            validator: (_, value: Dayjs | undefined) =>
              !value || !value.isAfter(todayDayjs(), 'day') ? Promise.resolve() : Promise.reject(new Error('Ngày quyết định không được sau hôm nay')),
          },
        ]}
      >
        <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
      </Form.Item>
      <Form.Item name="approved" label="Kết quả">
        <Radio.Group
          options={[
            { value: true, label: 'Khen thưởng' },
            { value: false, label: 'Không khen thưởng' },
          ]}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={record.isPending}>
        Ghi quyết định
      </Button>
    </Form>
  );
}
