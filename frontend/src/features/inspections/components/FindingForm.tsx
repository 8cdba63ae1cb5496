import { App, Button, Form, Input, Select } from 'antd';
import { NumberInput } from '@/components/NumberInput';
import { errorMessage } from '@/api/errors';
import { useAddFinding } from '../api/inspections';

interface FindingFields {
  description: string;
  points: number;
  indicator?: string;
}

export interface IndicatorOption {
  value: string;
  label: string;
}

/** A finding of a done inspection: what was wrong, the points deducted and, if any, the indicator concerned. */
export function FindingForm({
  inspectionId,
  indicatorOptions,
  onAdded,
}: {
  inspectionId: number;
  indicatorOptions: IndicatorOption[];
  onAdded?: () => void;
}) {
  const { message } = App.useApp();
  const add = useAddFinding(inspectionId);
  const [form] = Form.useForm<FindingFields>();

  const submit = ({ description, points, indicator }: FindingFields) =>
    add
      .mutateAsync({
        description: description.trim(),
        // Points are exact decimals on the server; two places at most, sent as text.
        points: points.toFixed(2),
        indicator: indicator ?? null,
      })
      .then(
        (inspection) => {
          // A finding of Sở Nội vụ, a department or a commune's committee waits for the standing body.
          const proposed = inspection.findings.at(-1)?.status === 'proposed';
          message.success(
            proposed
              ? 'Đã ghi kết luận, chờ Cơ quan Thường trực xác nhận trước khi trừ điểm'
              : 'Đã ghi kết luận, điểm của đơn vị đã được tính lại',
          );
          form.resetFields();
          onAdded?.();
        },
        (error: unknown) => message.error(errorMessage(error)),
      );

  return (
    <Form form={form} layout="vertical" onFinish={submit} aria-label="Thêm kết luận kiểm tra">
      <Form.Item
        name="description"
        label="Nội dung kết luận"
        rules={[{ required: true, whitespace: true, message: 'Nhập nội dung kết luận' }]}
      >
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name="points"
        label="Điểm trừ"
        rules={[
          { required: true, message: 'Nhập số điểm trừ' },
          {
            validator: (_, value: number | null | undefined) =>
              value === null || value === undefined || (value > 0 && Math.round(value * 100) === value * 100)
                ? Promise.resolve()
                : Promise.reject(new Error('Điểm trừ phải lớn hơn 0, tối đa hai chữ số thập phân')),
          },
        ]}
      >
        <NumberInput min={0} step={0.5} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="indicator" label="Chỉ tiêu liên quan" extra="Để trống nếu kết luận không gắn với chỉ tiêu nào">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={indicatorOptions}
          placeholder="Chọn chỉ tiêu"
          style={{ maxWidth: 480 }}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        Ghi kết luận
      </Button>
    </Form>
  );
}
