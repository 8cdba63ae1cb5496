import type { SubmissionStatus } from './api/submissions';

export const STATUS_LABELS: Record<SubmissionStatus | 'missing', { label: string; color: string }> = {
  missing: { label: 'Chưa nộp', color: 'default' },
  draft: { label: 'Chưa nộp', color: 'default' },
  submitted: { label: 'Đã nộp', color: 'processing' },
  returned: { label: 'Bị trả lại', color: 'error' },
  approved: { label: 'Đã duyệt', color: 'success' },
};
