import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(cleanup);

// antd's responsive helpers need matchMedia, which jsdom lacks.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

// Autosized text areas and tables observe their size; jsdom has no layout, so nothing ever changes.
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver;

// jsdom's getComputedStyle falls short of a browser's in two ways antd runs into:
// - Border widths keep their keywords ("medium") where a browser resolves lengths in px (and 0px when
//   the border style is none). antd's auto-sized TextArea adds them up (@rc-component/input's
//   calculateNodeHeight), got NaN and React warned "`NaN` is an invalid value for the `height` css style
//   property". Resolved here as the CSS spec does.
// - A pseudo-element argument (antd's tables ask for "::-webkit-scrollbar") is not implemented: jsdom
//   logs so and returns the element's own style. There are no scrollbars without layout, so it is dropped
//   here: same result, without the "Not implemented" line.
const BORDER_KEYWORDS: Record<string, string> = { thin: '1px', medium: '3px', thick: '5px' };
const jsdomComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element, pseudoElement?: string | null) => {
  const style = jsdomComputedStyle(element, pseudoElement?.includes('scrollbar') ? undefined : pseudoElement);
  const read = style.getPropertyValue.bind(style);
  style.getPropertyValue = (property: string) => {
    const value = read(property);
    const side = /^border-(top|right|bottom|left)-width$/.exec(property)?.[1];
    if (!side || !(value in BORDER_KEYWORDS)) return value;
    const lineStyle = read(`border-${side}-style`);
    return !lineStyle || lineStyle === 'none' || lineStyle === 'hidden' ? '0px' : BORDER_KEYWORDS[value];
  };
  return style;
};
