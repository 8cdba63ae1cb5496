import type { FormRule, InputNumberProps } from 'antd';
import { parseVietnameseNumber } from '@/lib/number';
import { NumberInput } from './NumberInput';

const format = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 20 });

/**
 * An amount of đồng, shown with Vietnamese thousands separators ("45.000.000"), read by `NumberInput`'s one
 * parser: "2.340.000" and "2 340 000" are 2340000, "2,5" is 2.5 (which `wholeDong` refuses) and never 25.
 * What is typed stays as typed while it reads as the field's value (or as no number at all): reformatting
 * "2.53" to "2,53" halfway through typing "2.530.000" would turn the rest into decimals.
 */
export function MoneyInput(props: InputNumberProps<number>) {
  return (
    <NumberInput
      formatter={(value, { input }) => {
        const typed = parseVietnameseNumber(input);
        if (input !== '' && (Number.isNaN(typed) || typed === Number(value))) return input;
        return value === undefined || value === null || `${value}` === '' ? '' : format.format(Number(value));
      }}
      {...props}
    />
  );
}

/** The field's rule: a whole number of đồng, at least `min`. */
export const wholeDong = (min: number, message: string): FormRule => ({
  validator: (_, value: unknown) =>
    value === undefined || value === null || (typeof value === 'number' && Number.isInteger(value) && value >= min)
      ? Promise.resolve()
      : Promise.reject(new Error(message)),
});
