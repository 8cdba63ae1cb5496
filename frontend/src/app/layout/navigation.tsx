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
import type { Role } from '@/features/auth/api/me';

interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  roles: Role[] | 'all';
}

const ITEMS: NavItem[] = [
  { key: '/', label: 'Trang chủ', icon: <HomeOutlined />, roles: 'all' },
  { key: '/status', label: 'Tình hình báo cáo', icon: <FileTextOutlined />, roles: ['admin', 'reviewer', 'leader', 'home_affairs'] },
  { key: '/review', label: 'Hàng chờ duyệt', icon: <AuditOutlined />, roles: ['admin', 'reviewer'] },
  { key: '/ranking', label: 'Xếp hạng', icon: <TrophyOutlined />, roles: 'all' },
  { key: '/charts', label: 'Biểu đồ', icon: <BarChartOutlined />, roles: 'all' },
  { key: '/admin/units', label: 'Đơn vị', icon: <ClusterOutlined />, roles: ['admin'] },
  { key: '/admin/users', label: 'Tài khoản', icon: <TeamOutlined />, roles: ['admin'] },
  { key: '/admin/periods', label: 'Kỳ báo cáo', icon: <ScheduleOutlined />, roles: ['admin'] },
  { key: '/tokens', label: 'Mã truy cập API', icon: <KeyOutlined />, roles: 'all' },
];

export function navigationFor(role: Role) {
  return ITEMS.filter((item) => item.roles === 'all' || item.roles.includes(role)).map(({ key, label, icon }) => ({
    key,
    label,
    icon,
  }));
}

