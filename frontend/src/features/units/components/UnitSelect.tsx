import { useState } from 'react';
import { Select } from 'antd';
import { useDebounced } from '@/lib/use-debounced';
import { useUnits } from '../api/units';

/** Picks one unit by searching its name or code on the server (a province has hundreds). */
export function UnitSelect({
  value,
  onChange,
  placeholder = 'Tìm đơn vị',
  allowClear = false,
  width = 300,
  label = 'Đơn vị',
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  width?: number;
  label?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 300);
  const units = useUnits({ q, page: 1, page_size: 50 });
  return (
    <Select
      aria-label={label}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={allowClear}
      value={value}
      onChange={(code?: string) => onChange?.(code)}
      placeholder={placeholder}
      loading={units.isFetching}
      style={{ width, maxWidth: '100%' }}
      options={units.data?.items.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))}
    />
  );
}
