import { Tag } from 'antd';
import { NO_REPORT_LABEL, SUBMISSION_STATUS_LABELS, type SubmissionStatus } from '@/lib/labels';

const COLORS: Record<SubmissionStatus, string> = { draft: 'default', submitted: 'processing', returned: 'error', approved: 'success' };

/** A report's workflow state; a unit that has no report in the period shows "Chưa nộp". */
export function StatusTag({ status }: { status: SubmissionStatus | 'missing' | null | undefined }) {
  if (!status || status === 'missing') return <Tag color="default">{NO_REPORT_LABEL}</Tag>;
  return <Tag color={COLORS[status]}>{SUBMISSION_STATUS_LABELS[status]}</Tag>;
}
