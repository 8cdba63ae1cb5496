import { App, Button, Flex, Popconfirm, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '@/api/errors';
import type { SubmissionIndicator } from '../api/submissions';
import { evidenceUrl, useAttachEvidence, useRemoveEvidence } from '../api/evidence';

interface EvidenceFilesProps {
  period: string;
  unit: string;
  indicator: SubmissionIndicator;
  editable: boolean;
  /** The signed-in user: the files they uploaded get a remove button while the report is editable. */
  username?: string;
  /** Saves the form's unsaved values before a file is attached, so evidence can be added at any time. */
  beforeAttach?: () => Promise<void>;
}

/** What the server accepts (checked there by content, api/services/evidence.py): the picker offers only these. */
const ACCEPTED = '.pdf,.jpg,.jpeg,.png,.gif,.webp,.tif,.tiff,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods';

/**
 * The evidence files of one value: links to download; while the report is editable, an upload button and,
 * on the files the user uploaded, a remove button (the server allows only the uploader).
 */
export function EvidenceFiles({ period, unit, indicator, editable, username, beforeAttach }: EvidenceFilesProps) {
  const { message } = App.useApp();
  const attach = useAttachEvidence(period, unit);
  const remove = useRemoveEvidence(period, unit);
  if (!editable && indicator.evidence.length === 0) return null;
  return (
    <Flex gap={8} wrap align="center" style={{ marginTop: 6 }}>
      {indicator.evidence.map((file) => (
        <span key={file.id}>
          <a href={evidenceUrl(period, unit, file.id)} target="_blank" rel="noreferrer">
            <PaperClipOutlined /> {file.filename}
          </a>
          {editable && file.uploaded_by === username && (
            <Popconfirm
              title={`Gỡ tệp ${file.filename}?`}
              description="Tệp sẽ bị xóa khỏi báo cáo; việc gỡ được ghi vào nhật ký."
              okText="Gỡ tệp"
              cancelText="Không"
              onConfirm={() =>
                remove.mutateAsync(file.id).then(
                  () => message.success(`Đã gỡ ${file.filename}`),
                  (error: Error) => message.error(errorMessage(error)),
                )
              }
            >
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`Gỡ tệp ${file.filename}`} />
            </Popconfirm>
          )}
        </span>
      ))}
      {editable && (
        <Upload
          showUploadList={false}
          accept={ACCEPTED}
          customRequest={({ file, onSuccess, onError }) =>
            (beforeAttach ?? (() => Promise.resolve()))()
              .then(() => attach.mutateAsync({ indicator: indicator.code, file: file as File }))
              .then(
              (saved) => {
                message.success(`Đã tải lên ${saved.filename}`);
                onSuccess?.(saved);
              },
              (error: Error) => {
                message.error(errorMessage(error));
                onError?.(error);
              },
            )
          }
        >
          <Button size="small" icon={<UploadOutlined />} loading={attach.isPending} aria-label={`${indicator.code} tệp minh chứng`}>
            Tệp minh chứng
          </Button>
        </Upload>
      )}
    </Flex>
  );
}
