import { Select } from 'antd';
import { useGroups } from '../api/units';

/** The emulation-group filter of a list: every group by name, cleared for all of them. */
export function GroupSelect({ value, onChange }: { value?: string; onChange: (group?: string) => void }) {
  const groups = useGroups();
  return (
    <Select
      aria-label="Cụm, khối thi đua"
      allowClear
      placeholder="Tất cả cụm, khối"
      style={{ minWidth: 200 }}
      value={value}
      onChange={(group?: string) => onChange(group)}
      options={groups.data?.map((g) => ({ value: g.code, label: g.name }))}
    />
  );
}
