import { useEffect } from 'react';

const SCROLLERS = '.ant-table-content, .ant-table-body';

/**
 * Lets keyboard users scroll wide tables: antd's scrolling table boxes are not focusable, so a table
 * wider than a phone could only be scrolled with a mouse or a finger (axe: scrollable-region-focusable).
 * Every such box of the document gets tabindex 0, now and when tables are rendered later.
 */
export function useFocusableScrollRegions() {
  useEffect(() => {
    const element = document.body;
    let frame = 0;
    const mark = () => {
      frame = 0;
      element.querySelectorAll<HTMLElement>(SCROLLERS).forEach((box) => {
        if (!box.hasAttribute('tabindex')) box.tabIndex = 0;
      });
    };
    const observer = new MutationObserver(() => {
      if (!frame) frame = requestAnimationFrame(mark);
    });
    observer.observe(element, { childList: true, subtree: true });
    mark();
    return () => {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);
}
