// Testing Library with every render inside the app's antd theme (src/app/provider.tsx), Vietnamese texts
// included, with antd's CSS-in-JS off (zeroRuntime): jsdom loads no stylesheet of the app (vitest's
// `css: false`), and antd's generated styles were the only CSS it had. Matching them made each
// getComputedStyle (user-event asks on every click and keystroke) slow: 44% of the unit tests' CPU
// (docs/testing.md). Test files (__tests__) import from here: eslint.config.js refuses
// '@testing-library/react' there.
import type { ReactElement, ReactNode } from 'react';
import { render as renderBare, type RenderOptions } from '@testing-library/react';
import { AppTheme } from '@/app/provider';

export * from '@testing-library/react';

function UnstyledTheme({ children }: { children: ReactNode }) {
  return <AppTheme zeroRuntime>{children}</AppTheme>;
}

export function render(ui: ReactElement, options?: RenderOptions) {
  return renderBare(ui, { wrapper: UnstyledTheme, ...options });
}
