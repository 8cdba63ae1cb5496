import { AttachmentList } from '@/components/AttachmentList';
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

/**
 * The evidence files of one value: links to download; while the report is editable, an upload button and,
 * on the files the user uploaded, a remove button.
 */
export function EvidenceFiles({ period, unit, indicator, editable, username, beforeAttach }: EvidenceFilesProps) {
  const attach = useAttachEvidence(period, unit);
  const remove = useRemoveEvidence(period, unit);
  if (!editable && indicator.evidence.length === 0) return null;
  return (
    <div style={{ marginTop: 6 }}>
      <AttachmentList
        files={indicator.evidence}
        href={(file) => evidenceUrl(period, unit, file.id)}
        container="báo cáo"
        uploadLabel="Tệp minh chứng"
        uploadAriaLabel={`${indicator.code} tệp minh chứng`}
        uploading={attach.isPending}
        username={username}
        onUpload={
          editable
            ? async (file) => {
                await beforeAttach?.();
                return attach.mutateAsync({ indicator: indicator.code, file });
              }
            : undefined
        }
        onRemove={editable ? (file) => remove.mutateAsync(file.id) : undefined}
      />
    </div>
  );
}
