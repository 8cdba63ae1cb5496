/**
 * Exact numbers arrive from the API as fraction strings ("190/3", "3/5") or plain decimals ("8.0");
 * these helpers read them, as numbers for display or as an integer numerator and denominator.
 */
export function fractionParts(text: string): [number, number] {
  const [numerator, denominator = '1'] = text.split('/');
  if (denominator !== '1' || !numerator.includes('.')) return [Number(numerator), Number(denominator)];
  const decimals = numerator.split('.')[1].length;
  return [Math.round(Number(numerator) * 10 ** decimals), 10 ** decimals];
}

export function fractionValue(text: string | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null;
  const [numerator, denominator] = fractionParts(String(text));
  return numerator / denominator;
}
