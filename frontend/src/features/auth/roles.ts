import type { Me, Role } from './api/me';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  reviewer: 'Cơ quan Thường trực',
  reporter: 'Cán bộ báo cáo',
  leader: 'Lãnh đạo',
  home_affairs: 'Sở Nội vụ',
  api_client: 'Tài khoản hệ thống (API)',
};

/** The server decides what a role may do and lists it in `permissions`; the UI only follows. */
export const can = (me: Me, permission: string) => me.permissions.includes(permission);
