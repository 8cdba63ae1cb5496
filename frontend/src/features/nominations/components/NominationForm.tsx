import { useState } from 'react';
import { Alert, App, Button, Form, Input, Radio, Select, Switch, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '@/api/errors';
import { ACCEPTED_FILES } from '@/components/AttachmentList';
import { RECIPIENT_LABELS, optionsOf } from '@/lib/labels';
import { useSendNomination, type Nomination, type NominationInput } from '../api/nominations';

interface NominationFields {
  recipient: NominationInput['recipient'];
  timely: boolean;
  period?: string;
  nominee_name?: string;
  nominee_title?: string;
  achievements: string;
}

interface NominationFormProps {
  unit: { code: string; name: string };
  /** The periods in which awards are considered (year, 3-year review, final review). */
  periods: { value: string; label: string }[];
  /** A returned nomination being corrected; a new one otherwise. */
  returned?: Nomination;
  onSent?: (nomination: Nomination) => void;
}

/**
 * A unit nominates a collective (itself unless named) or an individual (name and position) with a summary of
 * the achievements and the dossier's files, for a period's awards or as a timely award outside the calendar.
 */
export function NominationForm({ unit, periods, returned, onSent }: NominationFormProps) {
  const { message } = App.useApp();
  const send = useSendNomination();
  const [form] = Form.useForm<NominationFields>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const recipient = Form.useWatch('recipient', form);
  const timely = Form.useWatch('timely', form);
  const individual = recipient === 'individual';
  return (
    <Form<NominationFields>
      form={form}
      layout="vertical"
      aria-label="Đề nghị khen thưởng"
      initialValues={
        returned
          ? {
              recipient: returned.recipient,
              timely: returned.timely,
              period: returned.period ?? undefined,
              nominee_name: returned.recipient === 'individual' || returned.nominee_name !== unit.name ? returned.nominee_name : undefined,
              nominee_title: returned.nominee_title ?? undefined,
              achievements: returned.achievements,
            }
          : { recipient: 'individual', timely: false }
      }
      onFinish={(fields) =>
        send
          .mutateAsync({
            id: returned?.id,
            body: {
              unit: unit.code,
              recipient: fields.recipient,
              timely: fields.timely,
              period: fields.timely ? null : fields.period,
              nominee_name: fields.nominee_name?.trim() || null,
              nominee_title: individual ? fields.nominee_title?.trim() || null : null,
              achievements: fields.achievements.trim(),
            },
            files: files.map((file) => file.originFileObj as File),
          })
          .then(
            (sent) => {
              message.success(returned ? 'Đã gửi lại đề nghị khen thưởng' : 'Đã gửi đề nghị khen thưởng đến Cơ quan Thường trực');
              form.resetFields();
              setFiles([]);
              onSent?.(sent);
            },
            (error: unknown) => message.error(errorMessage(error)),
          )
      }
    >
      {returned?.return_reason && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`Lý do trả lại: ${returned.return_reason}`} />}
      <Form.Item name="recipient" label="Đối tượng đề nghị">
        <Radio.Group options={optionsOf(RECIPIENT_LABELS)} optionType="button" />
      </Form.Item>
      <Form.Item name="timely" label="Khen thưởng kịp thời (ngoài kỳ báo cáo, Sở Nội vụ xử lý)" valuePropName="checked">
        <Switch aria-label="Khen thưởng kịp thời" />
      </Form.Item>
      {!timely && (
        <Form.Item name="period" label="Kỳ xét khen thưởng" rules={[{ required: true, message: 'Chọn kỳ xét khen thưởng' }]}>
          <Select
            aria-label="Kỳ xét khen thưởng"
            options={periods}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Chọn kỳ năm, sơ kết hoặc tổng kết"
          />
        </Form.Item>
      )}
      <Form.Item
        name="nominee_name"
        label={individual ? 'Họ và tên' : 'Tên tập thể'}
        extra={individual ? undefined : `Bỏ trống: tập thể ${unit.name}`}
        rules={individual ? [{ required: true, whitespace: true, message: 'Nhập họ và tên' }] : []}
      >
        <Input maxLength={255} />
      </Form.Item>
      {individual && (
        <Form.Item name="nominee_title" label="Chức vụ" rules={[{ required: true, whitespace: true, message: 'Nhập chức vụ' }]}>
          <Input maxLength={255} placeholder="Ví dụ: Đại úy, Phó Trưởng Công an phường" />
        </Form.Item>
      )}
      <Form.Item
        name="achievements"
        label="Tóm tắt thành tích"
        rules={[{ required: true, whitespace: true, message: 'Nhập tóm tắt thành tích' }]}
      >
        <Input.TextArea autoSize={{ minRows: 4 }} maxLength={10000} />
      </Form.Item>
      <Form.Item label="Hồ sơ kèm theo (PDF, ảnh, văn bản)">
        <Upload
          multiple
          accept={ACCEPTED_FILES}
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList)}
        >
          <Button icon={<UploadOutlined />}>Chọn tệp hồ sơ</Button>
        </Upload>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={send.isPending}>
        {returned ? 'Gửi lại đề nghị' : 'Gửi đề nghị'}
      </Button>
    </Form>
  );
}
