import { InputNumber, type InputNumberProps } from 'antd';
import { parseVietnameseNumber } from '@/lib/number';

/** antd's number input reading and showing numbers the Vietnamese way ("1,5"); see `parseVietnameseNumber`. */
export function NumberInput(props: InputNumberProps<number>) {
  return (
    <InputNumber<number>
      decimalSeparator=","
      parser={(text) => {
        const value = parseVietnameseNumber(text ?? '');
        // What cannot be read is kept as typed: the field's rule then says what is wrong with it.
        return Number.isNaN(value) ? (text as unknown as number) : value;
      }}
      {...props}
    />
  );
}
