/**
 * A number as a Vietnamese user types it: the comma is the decimal separator and dots (or spaces) group
 * thousands, so "1,5" is 1.5 and "1.500" or "1 500" is 1500; a lone dot not followed by groups of three
 * digits ("1.5", typed on a foreign keyboard) is a decimal point. NaN for anything else ("1,5,6", "abc"),
 * so that nothing typed is silently turned into another number (antd's default reads "1,5" as 15).
 * The one parser of typed numbers in the SPA: every numeric input uses it through `NumberInput`.
 */
export function parseVietnameseNumber(text: string): number {
  const compact = text.trim().replace(/[\s\u00a0]/g, '');
  if (compact === '') return NaN;
  let plain = compact;
  if (compact.includes(',')) plain = compact.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(compact)) plain = compact.replace(/\./g, '');
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : NaN;
}

/**
 * An amount of đồng as typed: dots (and spaces) only group thousands, whatever follows them, so that
 * "2.5", halfway through typing "2.530.000", is 25 and not 2.5; the comma is still the decimal separator,
 * so "2,5" is 2.5 (which a whole amount refuses) and never 25.
 */
export function parseAmount(text: string): number {
  return parseVietnameseNumber(text.replace(/\./g, ''));
}
