import { describe, expect, it } from 'vitest';
import { parseAmount, parseVietnameseNumber } from '../number';

describe('Vietnamese number input', () => {
  it('reads the comma as the decimal separator and dots or spaces as thousands', () => {
    expect(parseVietnameseNumber('1,5')).toBe(1.5);
    expect(parseVietnameseNumber(' 2,25 ')).toBe(2.25);
    expect(parseVietnameseNumber('1.500')).toBe(1500);
    expect(parseVietnameseNumber('1 500')).toBe(1500);
    expect(parseVietnameseNumber('1.234.567,8')).toBe(1234567.8);
    expect(parseVietnameseNumber('40')).toBe(40);
  });

  it('takes a lone dot as a decimal point and refuses what is not a number', () => {
    expect(parseVietnameseNumber('1.5')).toBe(1.5);
    expect(parseVietnameseNumber('1,5,6')).toBeNaN();
    expect(parseVietnameseNumber('abc')).toBeNaN();
    expect(parseVietnameseNumber('')).toBeNaN();
  });
});

describe('amounts of đồng as typed', () => {
  it('takes every dot as a thousands separator, the comma still as the decimal one', () => {
    expect(parseAmount('2.340.000')).toBe(2_340_000);
    expect(parseAmount('2.5')).toBe(25); // halfway through "2.530.000"
    expect(parseAmount('2 340 000')).toBe(2_340_000);
    expect(parseAmount('2,5')).toBe(2.5);
    expect(parseAmount('1.234,5')).toBe(1234.5);
    expect(parseAmount('2,')).toBeNaN();
  });
});
