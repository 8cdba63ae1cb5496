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

/** The passing value in the API's terms (dates as ISO). */
export function apiValue(indicator) {
  const value = passingValue(indicator);
  return 'date' in value ? { date: value.date.split('/').reverse().join('-') } : value;
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
