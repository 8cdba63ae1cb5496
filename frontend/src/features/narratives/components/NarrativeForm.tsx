import { useEffect } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { errorMessage } from '@/api/errors';
import { AttachmentList } from '@/components/AttachmentList';
import { ErrorAlert, PageLoading } from '@/components/PageState';
import { formatDateTime } from '@/lib/format';
import { narrativeFileUrl, useAttachToNarrative, useNarrative, useRemoveNarrativeFile, useSaveNarrative, type NarrativeInput } from '../api/narratives';

/** The narrative's sections in the order of a Vietnamese report, with what each asks for. */
export const SECTIONS: { name: keyof NarrativeInput; label: string; hint: string }[] = [
  { name: 'achievements', label: 'Kết quả nổi bật', hint: 'Kết quả thực hiện phong trào, các chỉ tiêu đạt và vượt' },
  { name: 'models', label: 'Mô hình, cách làm hay', hint: 'Mô hình, điển hình tiên tiến, cách làm hiệu quả' },
  { name: 'difficulties', label: 'Khó khăn, vướng mắc', hint: 'Hạn chế, khó khăn, vướng mắc và nguyên nhân' },
  { name: 'proposals', label: 'Đề xuất, kiến nghị', hint: 'Đề xuất, kiến nghị với UBND tỉnh, Cơ quan Thường trực' },
];

/**
 * A unit's narrative of a period: its report in a review period (not scored), beside the scored report
 * otherwise. Files can be attached once it has been saved; nothing changes once the period is locked.
 */
export function NarrativeForm({ period, unit, username }: { period: string; unit: string; username: string }) {
  const { message } = App.useApp();
  const narrative = useNarrative(period, unit);
  const save = useSaveNarrative(period, unit);
  const attach = useAttachToNarrative(period, unit);
  const remove = useRemoveNarrativeFile(period, unit);
  const [form] = Form.useForm<NarrativeInput>();
  const data = narrative.data;
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);
  if (narrative.isPending) return <PageLoading />;
  if (!data) return <ErrorAlert error={narrative.error} />;
  const editable = data.editable;
  return (
    <Card title={data.role_label}>
      {data.review && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="Kỳ sơ kết, tổng kết: đơn vị không nhập số liệu chỉ tiêu, báo cáo thuyết minh này là báo cáo của đơn vị (không chấm điểm)."
        />
      )}
      <Form<NarrativeInput>
        form={form}
        layout="vertical"
        aria-label="Báo cáo thuyết minh"
        disabled={!editable}
        onFinish={(fields) =>
          save.mutateAsync(fields).then(
            () => message.success('Đã lưu báo cáo thuyết minh'),
            (error: unknown) => message.error(errorMessage(error)),
          )
        }
      >
        {SECTIONS.map((section) => (
          <Form.Item key={section.name} name={section.name} label={section.label} extra={section.hint}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={20000} />
          </Form.Item>
        ))}
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <AttachmentList
            files={data.files}
            href={(file) => narrativeFileUrl(period, unit, file.id)}
            uploadLabel="Đính kèm tệp"
            onUpload={editable && data.updated_at ? (file) => attach.mutateAsync(file) : undefined}
            onRemove={editable ? (file) => remove.mutateAsync(file.id) : undefined}
            username={username}
          />
          {editable && !data.updated_at && <Typography.Text type="secondary">Lưu báo cáo trước khi đính kèm tệp.</Typography.Text>}
          {data.updated_at && (
            <Typography.Text type="secondary">
              Lưu lần cuối {formatDateTime(data.updated_at)} bởi {data.updated_by}
            </Typography.Text>
          )}
          {editable ? (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              Lưu báo cáo thuyết minh
            </Button>
          ) : (
            <Typography.Text type="secondary">Kỳ báo cáo đã khóa: không sửa được.</Typography.Text>
          )}
        </Space>
      </Form>
    </Card>
  );
}
