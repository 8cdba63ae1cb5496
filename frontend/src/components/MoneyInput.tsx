import { InputNumber, type InputNumberProps } from 'antd';

const format = new Intl.NumberFormat('vi-VN');

/** A whole number of đồng, shown with Vietnamese thousands separators ("45.000.000"). */
export function MoneyInput(props: InputNumberProps<number>) {
  return (
    <InputNumber<number>
      precision={0}
      formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : format.format(Number(v)))}
      parser={(v) => Number((v ?? '').replace(/\D/g, ''))}
      {...props}
    />
  );
}
