import { InputNumber, type InputNumberProps } from 'antd';
import { parseVietnameseNumber } from '@/lib/number';

/**
 * antd's number input reading and showing numbers the Vietnamese way ("1,5"); see `parseVietnameseNumber`,
 * or `read` for another reading of the same kind (`parseAmount`).
 */
export function NumberInput({ read = parseVietnameseNumber, ...props }: InputNumberProps<number> & { read?: (text: string) => number }) {
  return (
    <InputNumber<number>
      decimalSeparator=","
      parser={(text) => {
        const value = read(text ?? '');
        // What cannot be read is kept as typed: the field's rule then says what is wrong with it.
        return Number.isNaN(value) ? (text as unknown as number) : value;
      }}
      {...props}
    />
  );
}
