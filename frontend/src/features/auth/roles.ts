import type { Schemas } from '@/api/client';
import type { Me } from './api/me';

/** The server decides what a role may do and lists it in `permissions`; the UI only follows, never comparing roles. */
export const can = (me: Me, permission: Schemas['Permission']) => me.permissions.includes(permission);
