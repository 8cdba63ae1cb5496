import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BarChartOutlined,
  ClusterOutlined,
  FileTextOutlined,
  HomeOutlined,
  KeyOutlined,
  ScheduleOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { Me } from '@/features/auth/api/me';
import { can } from '@/features/auth/roles';

interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  /** The permission the page needs; none for pages everyone has. */
  permission?: string;
}

const ITEMS: NavItem[] = [
  { key: '/', label: 'Trang chủ', icon: <HomeOutlined /> },
  { key: '/status', label: 'Tình hình báo cáo', icon: <FileTextOutlined />, permission: 'status:read' },
  { key: '/review', label: 'Hàng chờ duyệt', icon: <AuditOutlined />, permission: 'submissions:review' },
  { key: '/ranking', label: 'Xếp hạng', icon: <TrophyOutlined />, permission: 'scores:read' },
  { key: '/charts', label: 'Biểu đồ', icon: <BarChartOutlined />, permission: 'scores:read' },
  { key: '/admin/units', label: 'Đơn vị', icon: <ClusterOutlined />, permission: 'units:write' },
  { key: '/admin/users', label: 'Tài khoản', icon: <TeamOutlined />, permission: 'users:write' },
  { key: '/admin/periods', label: 'Kỳ báo cáo', icon: <ScheduleOutlined />, permission: 'periods:write' },
  { key: '/tokens', label: 'Mã truy cập API', icon: <KeyOutlined /> },
];

export function navigationFor(me: Me) {
  return ITEMS.filter((item) => !item.permission || can(me, item.permission)).map(({ key, label, icon }) => ({
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
