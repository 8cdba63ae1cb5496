import { useState } from 'react';
import type { SorterResult } from 'antd/es/table/interface';

/** A list's sort order as the API takes it: the column's key, "-" in front for descending; none when unsorted. */
export function sortParam<T>(sorter: SorterResult<T> | SorterResult<T>[]): string | undefined {
  const first = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!first?.order || first.columnKey === undefined) return undefined;
  return `${first.order === 'descend' ? '-' : ''}${String(first.columnKey)}`;
}

/** The order a column shows for the API's sort parameter (a controlled antd `sortOrder`). */
export function sortOrderOf(sort: string | undefined, key: string): 'ascend' | 'descend' | null {
  if (sort === key) return 'ascend';
  if (sort === `-${key}`) return 'descend';
  return null;
}

/** The address of an Excel download of a list: the list's filters, empty ones left out, and format=xlsx. */
export function exportHref(path: string, query: Record<string, string | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  params.set('format', 'xlsx');
  return `${path}?${params.toString()}`;
}

/**
 * The server-side order of a table: the sort parameter, the props of a sortable column (its key is the
 * API's field) and the table's onChange that sets it from a click on a header. The order is the hook's own
 * state unless the page holds it (`held`: in the address, in a filter, or resetting the page).
 */
export function useServerSort<S extends string>(held?: readonly [S | undefined, (sort: S | undefined) => void]) {
  const own = useState<S>();
  const [sort, setSort] = held ?? own;
  const sorted = (key: S) => ({ key, sorter: true, sortOrder: sortOrderOf(sort, key) });
  const onChange = <T>(_pagination: unknown, _filters: unknown, sorter: SorterResult<T> | SorterResult<T>[], extra: { action: string }) => {
    if (extra.action === 'sort') setSort(sortParam(sorter) as S | undefined);
  };
  return { sort, sorted, onChange };
}
