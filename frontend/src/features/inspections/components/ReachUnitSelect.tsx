import { Select } from 'antd';
import type { Schemas } from '@/api/client';

type UnitName = Schemas['UnitName'];

/** The units within the caller's inspection reach (Sở Nội vụ, a department, a commune's committee). */
export function ReachUnitSelect({
  units,
  value,
  onChange,
  id,
}: {
  units: UnitName[];
  value?: string;
  onChange?: (code: string) => void;
  id?: string;
}) {
  return (
    <Select
      id={id}
      aria-label="Đơn vị"
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      placeholder="Chọn đơn vị trong phạm vi kiểm tra"
      style={{ width: 300, maxWidth: '100%' }}
      notFoundContent="Không có đơn vị trong phạm vi kiểm tra"
      options={units.map((unit) => ({ value: unit.code, label: `${unit.name} (${unit.code})` }))}
    />
  );
}
