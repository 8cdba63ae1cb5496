import type { ReactNode } from 'react';
import {
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  BellOutlined,
  BulbOutlined,
  DollarOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  GiftOutlined,
  HistoryOutlined,
  PlusCircleOutlined,
  BarChartOutlined,
  ClusterOutlined,
  ControlOutlined,
  FileTextOutlined,
  HomeOutlined,
  KeyOutlined,
  ReadOutlined,
  ScheduleOutlined,
  SettingOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { Schemas } from '@/api/client';
import type { Me } from '@/features/auth/api/me';
import { can } from '@/features/auth/roles';

interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  /** The permission the page needs; none for pages everyone has. */
  permission?: Schemas['Permission'];
  /** For pages that need more than one permission. */
  allowed?: (me: Me) => boolean;
}

const ITEMS: NavItem[] = [
  { key: '/', label: 'Trang chủ', icon: <HomeOutlined /> },
  { key: '/status', label: 'Tình hình báo cáo', icon: <FileTextOutlined />, permission: 'status:read' },
  { key: '/review', label: 'Hàng chờ duyệt', icon: <AuditOutlined />, permission: 'submissions:review' },
  { key: '/ranking', label: 'Xếp hạng', icon: <TrophyOutlined />, permission: 'scores:read' },
  { key: '/charts', label: 'Biểu đồ', icon: <BarChartOutlined />, permission: 'scores:read' },
  { key: '/inspections', label: 'Kiểm tra chuyên đề', icon: <FileSearchOutlined />, permission: 'inspections:read' },
  { key: '/bonuses', label: 'Điểm thưởng', icon: <PlusCircleOutlined />, permission: 'bonuses:read' },
  {
    key: '/nominations',
    label: 'Đề nghị khen thưởng',
    icon: <StarOutlined />,
    allowed: (me) => (Boolean(me.unit) && can(me, 'nominations:write')) || can(me, 'nominations:decide') || can(me, 'awards:timely'),
  },
  { key: '/awards', label: 'Khen thưởng', icon: <GiftOutlined />, permission: 'awards:read' },
  { key: '/budget', label: 'Dự toán kinh phí', icon: <DollarOutlined />, permission: 'budget:read' },
  { key: '/consolidated-reports', label: 'Báo cáo tổng hợp', icon: <FileDoneOutlined />, permission: 'reports:read' },
  { key: '/narratives', label: 'Báo cáo thuyết minh', icon: <ReadOutlined />, permission: 'narratives:read' },
  { key: '/reminders', label: 'Đôn đốc', icon: <AlertOutlined />, permission: 'reminders:read' },
  { key: '/notifications', label: 'Thông báo', icon: <BellOutlined />, allowed: (me) => Boolean(me.unit) && can(me, 'values:write') },
  { key: '/models', label: 'Mô hình, điển hình', icon: <BulbOutlined />, allowed: (me) => can(me, 'models:write') || can(me, 'values:write') },
  {
    key: '/baselines',
    label: 'Số liệu năm 2025',
    icon: <FieldTimeOutlined />,
    allowed: (me) => can(me, 'submissions:review') || (Boolean(me.unit) && can(me, 'values:write')),
  },
  // The standing body and VP UBND tỉnh keep the units' contact addresses (reminders:write) without editing units.
  { key: '/admin/units', label: 'Đơn vị', icon: <ClusterOutlined />, allowed: (me) => can(me, 'units:write') || can(me, 'reminders:write') },
  { key: '/admin/users', label: 'Tài khoản', icon: <TeamOutlined />, permission: 'users:write' },
  { key: '/admin/periods', label: 'Kỳ báo cáo', icon: <ScheduleOutlined />, permission: 'periods:write' },
  { key: '/admin/schemes', label: 'Bộ tiêu chí', icon: <ControlOutlined />, permission: 'schemes:write' },
  { key: '/admin/award-settings', label: 'Thiết lập khen thưởng', icon: <SettingOutlined />, permission: 'awards:write' },
  { key: '/audit', label: 'Nhật ký hệ thống', icon: <HistoryOutlined />, permission: 'audit:read' },
  { key: '/tokens', label: 'Mã truy cập API', icon: <KeyOutlined /> },
  { key: '/webhooks', label: 'Webhook', icon: <ApiOutlined />, permission: 'periods:write' },
];

export function navigationFor(me: Me) {
  return ITEMS.filter((item) => (!item.permission || can(me, item.permission)) && (!item.allowed || item.allowed(me))).map(({ key, label, icon }) => ({
    key,
    label,
    icon,
  }));
}


/** The menu entry a page belongs to: a unit's page sits under the ranking, a report under home. */
export function menuSection(pathname: string): string {
  if (pathname.startsWith('/units/')) return '/ranking';
  if (pathname.startsWith('/reports/')) return '/';
  const match = ITEMS.map((item) => item.key)
    .filter((key) => key !== '/' && pathname.startsWith(key))
    .sort((a, b) => b.length - a.length)[0];
  return match ?? pathname;
}
