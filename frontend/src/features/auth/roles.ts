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

/**
 * Award, inspection and reminder features are granted by role on the server (not by permission), so
 * these pages follow the same role sets: the standing body writes, Sở Nội vụ checks award proposals.
 */
export const isStandingBody = (me: Me) => me.role === 'reviewer' || me.role === 'admin';
export const isHomeAffairs = (me: Me) => me.role === 'home_affairs' || me.role === 'admin';
export const isOversight = (me: Me) => ['admin', 'reviewer', 'leader', 'home_affairs'].includes(me.role);
