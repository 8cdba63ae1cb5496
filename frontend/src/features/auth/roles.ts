import type { Role } from './api/me';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  reviewer: 'Cơ quan Thường trực',
  reporter: 'Cán bộ báo cáo',
  leader: 'Lãnh đạo',
  home_affairs: 'Sở Nội vụ',
};

export const canReview = (role: Role) => role === 'reviewer' || role === 'admin';
export const canSeeStatusBoard = (role: Role) => role !== 'reporter';
export const isAdmin = (role: Role) => role === 'admin';
