import { useEffect, useRef, useState } from 'react';
import { Input } from 'antd';
import { debounce } from '@/lib/use-debounced';

interface Props {
  /** The accessible name, e.g. "Tìm đơn vị". */
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder?: string;
}

/**
 * The search box of a list: the server searches by name or code, ignoring case and diacritics
 * ("pho hien" finds "Phố Hiến"). Typing searches after a short pause; Enter searches at once.
 */
export function SearchBox({ label, value, onChange, placeholder = 'Tìm theo tên hoặc mã, không cần dấu' }: Props) {
  const [text, setText] = useState(value ?? '');
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);
  const [search] = useState(() => debounce((next: string) => latest.current(next.trim() || undefined), 400));
  useEffect(() => search.cancel, [search]);
  return (
    <Input.Search
      allowClear
      aria-label={label}
      placeholder={placeholder}
      value={text}
      style={{ width: '100%', maxWidth: 320 }}
      onChange={(event) => {
        setText(event.target.value);
        search(event.target.value);
      }}
      onSearch={(next) => {
        search.cancel();
        latest.current(next.trim() || undefined);
      }}
    />
  );
}
