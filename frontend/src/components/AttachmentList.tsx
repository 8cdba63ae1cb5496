import { App, Button, Flex, Popconfirm, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { Schemas } from '@/api/client';
import { errorMessage } from '@/api/errors';

export type Attachment = Schemas['AttachmentOut'];

/** What the server accepts (checked there by content, api/services/evidence.py): the picker offers only these. */
export const ACCEPTED_FILES = '.pdf,.jpg,.jpeg,.png,.gif,.webp,.tif,.tiff,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods';

interface AttachmentListProps {
  files: Attachment[];
  /** Where a file downloads from (a plain link: the browser sends the session cookie). */
  href: (file: Attachment) => string;
  /** What the upload button says, and names for a screen reader. */
  uploadLabel: string;
  /** A screen reader's name for the upload button when the label alone is ambiguous (one per indicator). */
  uploadAriaLabel?: string;
  /** An upload is under way: the button spins. */
  uploading?: boolean;
  /** What a removal takes the file out of, for its confirmation ("hồ sơ", "báo cáo"). */
  container?: string;
  /** Given while files may be added; the caller's mutation uploads one file. */
  onUpload?: (file: File) => Promise<Attachment>;
  /** Given while files may be removed: only those `username` uploaded get a remove button (the server's rule). */
  onRemove?: (file: Attachment) => Promise<unknown>;
  username?: string;
}

/**
 * Files of a dossier, a narrative or a reported value: download links, an upload button, remove buttons on
 * one's own files (the server allows only the uploader).
 */
export function AttachmentList({
  files, href, uploadLabel, uploadAriaLabel, uploading, container = 'hồ sơ', onUpload, onRemove, username,
}: AttachmentListProps) {
  const { message } = App.useApp();
  return (
    <Flex gap={8} wrap align="center">
      {files.map((file) => (
        <span key={file.id}>
          <a href={href(file)} target="_blank" rel="noreferrer">
            <PaperClipOutlined /> {file.filename}
          </a>
          {onRemove && file.uploaded_by === username && (
            <Popconfirm
              title={`Gỡ tệp ${file.filename}?`}
              description={`Tệp sẽ bị xóa khỏi ${container}; việc gỡ được ghi vào nhật ký.`}
              okText="Gỡ tệp"
              cancelText="Không"
              onConfirm={() =>
                onRemove(file).then(
                  () => message.success(`Đã gỡ ${file.filename}`),
                  (error: unknown) => message.error(errorMessage(error)),
                )
              }
            >
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`Gỡ tệp ${file.filename}`} />
            </Popconfirm>
          )}
        </span>
      ))}
      {onUpload && (
        <Upload
          showUploadList={false}
          accept={ACCEPTED_FILES}
          customRequest={({ file, onSuccess, onError }) =>
            onUpload(file as File).then(
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
          <Button size="small" icon={<UploadOutlined />} loading={uploading} aria-label={uploadAriaLabel}>
            {uploadLabel}
          </Button>
        </Upload>
      )}
    </Flex>
  );
}

/** A multipart body of one file, for openapi-fetch (the generated type says string, the form sends a File). */
export function fileBody(file: File) {
  return {
    body: { file: file as unknown as string },
    bodySerializer: (body: { file: string }) => {
      const form = new FormData();
      form.append('file', body.file as unknown as File);
      return form;
    },
  };
}
