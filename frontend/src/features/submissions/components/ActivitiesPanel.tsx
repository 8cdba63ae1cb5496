import { App, Button, DatePicker, Flex, Form, Input, Popconfirm, Select, Typography } from 'antd';
import { ItemList, ItemRow } from '@/components/ItemList';
import { DeleteOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '@/api/errors';
import { CHANNEL_LABELS, optionsOf, SUBJECT_LABELS, type Channel, type Subject } from '@/lib/labels';
import { DATE_FORMAT, formatDate } from '@/lib/format';
import { useActivities, useRecordActivity, useRemoveActivity } from '../api/activities';
import type { SubmissionIndicator } from '../api/submissions';

interface ActivitiesPanelProps {
  period: string;
  unit: string;
  indicator: SubmissionIndicator;
  editable: boolean;
  /** Saves the form's unsaved values first: an activity changes the report's version. */
  beforeChange?: () => Promise<void>;
}

interface NewActivity {
  date: Dayjs;
  description: string;
  subject?: Subject;
  channel?: Channel;
  evidence?: string;
}

/**
 * The dated activities of a frequency indicator (docs/scoring.md, "Cadences"): each whole week, month or
 * quarter of the period must hold the required number, so each activity is recorded with its date.
 */
export function ActivitiesPanel({ period, unit, indicator, editable, beforeChange }: ActivitiesPanelProps) {
  const [form] = Form.useForm<NewActivity>();
  const { message } = App.useApp();
  const all = useActivities(period, unit);
  const record = useRecordActivity(period, unit);
  const remove = useRemoveActivity(period, unit);
  const fields = indicator.activity_fields ?? [];
  const mine = (all.data ?? []).filter((a) => a.indicator === indicator.code).sort((a, b) => a.date.localeCompare(b.date));
  const before = beforeChange ?? (() => Promise.resolve());

  const add = (values: NewActivity) =>
    before()
      .then(() =>
        record.mutateAsync({
          indicator: indicator.code,
          date: values.date.format('YYYY-MM-DD'),
          description: values.description.trim(),
          subject: values.subject ?? null,
          channel: values.channel ?? null,
          evidence: values.evidence?.trim() || null,
        }),
      )
      .then(
        () => {
          message.success('Đã ghi hoạt động.');
          form.resetFields();
        },
        (error: unknown) => message.error(errorMessage(error)),
      );

  return (
    <div style={{ marginTop: 8 }} aria-label={`Hoạt động ${indicator.code}`} role="group">
      <Typography.Text strong style={{ fontSize: 13 }}>
        Hoạt động đã ghi ({mine.length})
      </Typography.Text>
      <ItemList
        size="small"
        loading={all.isPending}
        items={mine}
        itemKey={(activity) => activity.id}
        empty="Chưa ghi hoạt động nào: chỉ tiêu được chấm theo số lần nhập ở trên (tổng cả kỳ)."
        aria-label={`Hoạt động đã ghi của ${indicator.code}`}
        renderItem={(activity) => (
          <ItemRow
            actions={
              editable
                ? [
                    <Popconfirm
                      key="remove"
                      title="Xóa hoạt động này?"
                      okText="Xóa"
                      cancelText="Không"
                      onConfirm={() =>
                        before()
                          .then(() => remove.mutateAsync(activity.id))
                          .then(
                            () => message.success('Đã xóa hoạt động.'),
                            (error: unknown) => message.error(errorMessage(error)),
                          )
                      }
                    >
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={`Xóa hoạt động ngày ${formatDate(activity.date)}`} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <div>
              <Typography.Text>{formatDate(activity.date)}</Typography.Text> – {activity.description}
              {(activity.subject_label || activity.channel_label) && (
                <Typography.Text type="secondary"> ({[activity.subject_label, activity.channel_label].filter(Boolean).join(', ')})</Typography.Text>
              )}
              {activity.evidence && <Typography.Text type="secondary"> · {activity.evidence}</Typography.Text>}
            </div>
          </ItemRow>
        )}
      />
      {editable && (
        <Form form={form} layout="vertical" size="small" onFinish={add} requiredMark={false}>
          <Flex gap={8} wrap align="end">
            <Form.Item name="date" label="Ngày" rules={[{ required: true, message: 'Chọn ngày' }]} style={{ marginBottom: 8 }}>
              <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
            </Form.Item>
            <Form.Item
              name="description"
              label="Nội dung"
              rules={[{ required: true, whitespace: true, message: 'Nhập nội dung ngắn gọn' }, { max: 500, message: 'Tối đa 500 ký tự' }]}
              style={{ marginBottom: 8, flex: '1 1 220px' }}
            >
              <Input />
            </Form.Item>
            {fields.includes('subject') && (
              <Form.Item name="subject" label="Lĩnh vực" rules={[{ required: true, message: 'Chọn lĩnh vực' }]} style={{ marginBottom: 8, minWidth: 180 }}>
                <Select options={optionsOf(SUBJECT_LABELS)} />
              </Form.Item>
            )}
            {fields.includes('channel') && (
              <Form.Item name="channel" label="Hình thức" rules={[{ required: true, message: 'Chọn hình thức' }]} style={{ marginBottom: 8, minWidth: 160 }}>
                <Select options={optionsOf(CHANNEL_LABELS)} />
              </Form.Item>
            )}
            <Form.Item name="evidence" label="Minh chứng (số văn bản, đường dẫn)" rules={[{ max: 500, message: 'Tối đa 500 ký tự' }]} style={{ marginBottom: 8, flex: '1 1 180px' }}>
              <Input />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button htmlType="submit" loading={record.isPending}>
                Thêm hoạt động
              </Button>
            </Form.Item>
          </Flex>
        </Form>
      )}
    </div>
  );
}
