import { Tag } from 'antd';

/** Tiers of NĐ 335/2025 in ascending order; the API sends the code. */
export const TIERS = [
  { code: 'KHONG_HOAN_THANH', label: 'Không hoàn thành nhiệm vụ', short: 'Không hoàn thành', color: 'red' },
  { code: 'HOAN_THANH', label: 'Hoàn thành nhiệm vụ', short: 'Hoàn thành', color: 'gold' },
  { code: 'TOT', label: 'Hoàn thành tốt nhiệm vụ', short: 'Tốt', color: 'blue' },
  { code: 'XUAT_SAC', label: 'Hoàn thành xuất sắc nhiệm vụ', short: 'Xuất sắc', color: 'green' },
] as const;

export function tierInfo(tier: string | null | undefined) {
  return TIERS.find((t) => t.code === tier || t.label === tier);
}

export function TierBadge({ tier, short = false }: { tier: string | null | undefined; short?: boolean }) {
  const info = tierInfo(tier);
  if (!info) return <Tag>Chưa xếp loại</Tag>;
  return <Tag color={info.color}>{short ? info.short : info.label}</Tag>;
}
