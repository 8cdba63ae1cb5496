import type { FormRule, InputNumberProps } from 'antd';
import { parseAmount } from '@/lib/number';
import { NumberInput } from './NumberInput';

const format = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 20 });

/**
 * An amount of đồng, shown with Vietnamese thousands separators ("45.000.000") and read by `parseAmount`:
 * "2.340.000", "2340000" and "2 340 000" are 2340000, "2,5" is 2.5 (which `wholeDong` refuses), never 25.
 * What is typed stays as typed while it reads as the field's value (or as no number at all).
 */
export function MoneyInput(props: InputNumberProps<number>) {
  return (
    <NumberInput
      read={parseAmount}
      formatter={(value, { input }) => {
        const typed = parseAmount(input);
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
