import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '@/api/errors';
import { meQueryOptions } from '@/features/auth/api/me';
import '@/lib/format';

/** A 401 anywhere means the session ended: forgetting the user sends the layout to the login page. */
function signOutOnUnauthorized(error: Error) {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(meQueryOptions.queryKey, null);
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signOutOnUnauthorized }),
  mutationCache: new MutationCache({ onError: signOutOnUnauthorized }),
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again.
      retry: (failureCount, error) => !(error instanceof ApiError && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * The movement's red, and text colours dark enough for WCAG AA contrast (4.5:1) on white and on the
 * tinted rows: antd's defaults (secondary text at 45% black, links #1677ff) fall below it.
 */
const THEME = {
  token: {
    // A user (or a test's browser) asking for reduced motion gets none: no zoom of dialogs, no slides.
    motion: !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches,
    colorPrimary: '#b71c1c',
    borderRadius: 4,
    colorLink: '#0047a3',
    colorInfo: '#0047a3',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.58)',
    colorSuccess: '#237804',
    colorWarning: '#ad5700',
    colorError: '#c41d1f',
  },
};

/**
 * antd in Vietnamese with the movement's theme: the app, and every unit test's render (src/test/render.tsx).
 * `zeroRuntime` stops antd generating its components' CSS, for jsdom, which loads no stylesheet of the app
 * (vitest's `css: false`). The app keeps the generated CSS: antd's static stylesheet instead (1 MB, what
 * zeroRuntime expects) made the report form slower to type in, 1.06-1.10 s against 0.70 s on a reload
 * (`npm run bench:form`, docs/testing.md).
 */
export function AppTheme({ children, zeroRuntime = false }: { children: ReactNode; zeroRuntime?: boolean }) {
  return (
    <ConfigProvider locale={viVN} theme={zeroRuntime ? { ...THEME, zeroRuntime } : THEME}>
      {children}
    </ConfigProvider>
  );
}

export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <AppTheme>
      <AntApp>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </AppTheme>
  );
}
