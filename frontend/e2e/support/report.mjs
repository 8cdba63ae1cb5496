// Fills a unit's report through the form, one input per indicator, choosing values that meet each rule
// unless the caller asks for a specific value.
import dayjs from 'dayjs';

/** A value meeting the indicator's rule, in the form's terms. */
export function passingValue(indicator) {
  const { kind, count, deadline } = indicator.rule;
  switch (indicator.measure) {
    case 'ratio':
      return kind === 'zero' || kind === 'zero_or_lower' ? { numerator: 0, denominator: 40 } : { numerator: 40, denominator: 40 };
    case 'count':
      // Frequency rules need N per week/month/quarter/year; 100 covers any cadence within a year.
      return { count: kind === 'frequency' ? Math.max(100, (count ?? 1) * 60) : 0 };
    case 'flag':
      return { flag: true };
    default:
      return { date: dayjs(deadline ?? '2026-05-05').subtract(5, 'day').format('DD/MM/YYYY') };
  }
}

export async function fillIndicator(page, code, value) {
  if ('numerator' in value) {
    await page.getByLabel(`${code} số đạt`).fill(String(value.numerator));
    await page.getByLabel(`${code} tổng số`).fill(String(value.denominator));
  } else if ('count' in value) {
    await page.getByLabel(`${code} số lượng`).fill(String(value.count));
  } else if ('flag' in value) {
    await page.locator(`[data-indicator="${code}"]`).getByText(value.flag ? 'Có' : 'Không', { exact: true }).click();
  } else {
    const input = page.getByLabel(`${code} ngày thực hiện`);
    await input.click();
    await input.fill(value.date);
    await input.press('Enter');
  }
  if (value.note) await page.getByLabel(`${code} ghi chú minh chứng`).fill(value.note);
}

/** The applicable indicators of a report with their catalog rules, read over the API as the page's user. */
export async function reportIndicators(page, period, unit) {
  const submission = await (await page.request.get(`/api/v1/submissions/${period}/${unit}`)).json();
  const catalog = await (await page.request.get('/api/v1/indicators')).json();
  const rules = new Map(catalog.map((i) => [i.code, i.rule]));
  return submission.indicators.map((i) => ({ code: i.code, measure: i.measure, rule: rules.get(i.code) }));
}
