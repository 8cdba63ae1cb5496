import { Tag } from 'antd';
import { TIER_LABELS, TIER_SHORT_LABELS, type TierCode } from '@/lib/labels';

const TIER_COLORS: Record<TierCode, string> = { KHONG_HOAN_THANH: 'red', HOAN_THANH: 'gold', TOT: 'blue', XUAT_SAC: 'green' };

/** Tiers of NĐ 335/2025 in ascending order; the API sends the code. */
export const TIERS = (Object.keys(TIER_LABELS) as TierCode[]).map((code) => ({
  code,
  label: TIER_LABELS[code],
  short: TIER_SHORT_LABELS[code],
  color: TIER_COLORS[code],
}));

export function tierInfo(tier: string | null | undefined) {
  return TIERS.find((t) => t.code === tier || t.label === tier);
}

export function TierBadge({ tier, short = false }: { tier: string | null | undefined; short?: boolean }) {
  const info = tierInfo(tier);
  if (!info) return <Tag>Chưa xếp loại</Tag>;
  return <Tag color={info.color}>{short ? info.short : info.label}</Tag>;
}
