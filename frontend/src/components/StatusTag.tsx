import { Tag } from 'antd';

/** A report's workflow state; a unit that has not started its report shows like a draft. */
const STATUS: Record<string, { label: string; color: string }> = {
  draft: { label: 'Chưa nộp', color: 'default' },
  submitted: { label: 'Đã nộp', color: 'processing' },
  returned: { label: 'Bị trả lại', color: 'error' },
  approved: { label: 'Đã duyệt', color: 'success' },
};

export function StatusTag({ status }: { status: string | null | undefined }) {
  const { label, color } = (status && STATUS[status]) || STATUS.draft;
  return <Tag color={color}>{label}</Tag>;
}
