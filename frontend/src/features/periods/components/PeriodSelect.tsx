import { useEffect } from 'react';
import { Select } from 'antd';
import { defaultPeriod, usePeriods } from '../api/periods';

/** Picks a period; when none is chosen yet it selects the current one so pages never start empty. */
export function PeriodSelect({ value, onChange }: { value: string | undefined; onChange: (code: string) => void }) {
  const periods = usePeriods();
  useEffect(() => {
    if (!value && periods.data?.length) {
      const initial = defaultPeriod(periods.data);
      if (initial) onChange(initial.code);
    }
  }, [value, periods.data, onChange]);
  return (
    <Select
      aria-label="Kỳ báo cáo"
      style={{ minWidth: 220 }}
      loading={periods.isPending}
      value={value}
      onChange={onChange}
      options={periods.data?.map((p) => ({ value: p.code, label: p.name }))}
      placeholder="Chọn kỳ báo cáo"
    />
  );
}
