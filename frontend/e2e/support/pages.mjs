// Checks a rendered page the way a demanding reader would: a full-page screenshot into test-output/, no
// page wider than the viewport (no sideways scrolling), one h1, and axe-core's serious or critical
// accessibility violations (none allowed).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const SHOTS = fileURLToPath(new URL('../../../test-output/screenshots/', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Waits for the page's spinners to go, then screenshots it as `name`. */
export async function settle(page) {
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});
  await page.locator('.ant-skeleton').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});
}

/** Widths in px: the document's and the viewport's, and the elements that reach past the viewport's edge. */
export async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const offenders = [...document.querySelectorAll('body *')]
      .filter((el) => {
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.right <= width + 1) return false;
        // Inside a scrolling box (a table that scrolls itself) is not the page scrolling sideways.
        for (let up = el.parentElement; up; up = up.parentElement) {
          const style = getComputedStyle(up);
          if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX) && up.getBoundingClientRect().right <= width + 1) return false;
        }
        return true;
      })
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)}px)`);
    return { page: document.documentElement.scrollWidth, viewport: width, offenders };
  });
}

/** axe-core's serious and critical violations of the page, as "rule: n nodes (first target)". */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).join(' | ')}`);
}

/**
 * The checks of one page at the current viewport; `axe` false skips the accessibility run (it costs about
 * a second a page). Returns nothing: every finding fails the test with the page's name.
 */
export async function checkPage(page, name, { axe = true } = {}) {
  await settle(page);
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  const size = await overflow(page);
  assert.ok(size.page <= size.viewport, `${name}: page is ${size.page}px wide in a ${size.viewport}px viewport: ${size.offenders.join(', ')}`);
  assert.equal(await page.locator('h1').count(), 1, `${name}: one h1`);
  if (axe) {
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${name}: axe-core found serious or critical violations: ${violations.join("; ")}`);
  }
}
