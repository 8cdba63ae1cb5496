import { describe, expect, it } from 'vitest';
import { fractionParts, fractionValue } from '../fraction';

describe('fraction strings from the API', () => {
  it('reads fractions, integers and decimals as an exact numerator and denominator', () => {
    expect(fractionParts('3/5')).toEqual([3, 5]);
    expect(fractionParts('190/3')).toEqual([190, 3]);
    expect(fractionParts('8')).toEqual([8, 1]);
    expect(fractionParts('0.6')).toEqual([6, 10]);
    expect(fractionParts('2.25')).toEqual([225, 100]);
  });

  it('turns them into numbers for display, and nothing into null', () => {
    expect(fractionValue('3/5')).toBe(0.6);
    expect(fractionValue('8.0')).toBe(8);
    expect(fractionValue('')).toBeNull();
    expect(fractionValue(null)).toBeNull();
  });
});
