import { Tag } from 'antd';
import { STATUS_LABELS } from '../status';
import type { SubmissionStatus } from '../api/submissions';

export function StatusTag({ status }: { status: SubmissionStatus | 'missing' }) {
  const { label, color } = STATUS_LABELS[status];
  return <Tag color={color}>{label}</Tag>;
}
