import { useOutletContext } from 'react-router';
import type { Me } from '@/features/auth/api/me';

/** The signed-in user, provided by the app layout to every page inside it. */
export function useCurrentUser(): Me {
  return useOutletContext<Me>();
}
