import type { ReactElement } from 'react';
import { expect, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@/test/render';
import { json, renderWithClient } from './api-stub';

/** What a list page searched, sorted and exported by the server is checked for. */
export interface ServerList {
  /** The list's endpoint and the rows it answers with; `also` answers other endpoints (default: []). */
  path: string;
  rows: unknown[];
  also?: Record<string, unknown>;
  /** A text of a row, shown once the list has loaded. */
  shows: string;
  /** The search box's label, and the query typed in it. */
  search: [label: string, q: string];
  /** A sortable column's header, and the sort its first click asks for. */
  header: [name: RegExp, sort: string];
  /** The export's endpoint, and the query it takes besides q, sort and format. */
  exportPath: string;
  exportQuery?: Record<string, string>;
}

/**
 * Renders the page with the API stubbed, types a search and clicks a header: the list is asked again
 * with q and sort, and the export link carries the same.
 */
export async function expectServerList(page: ReactElement, list: ServerList) {
  const url = (input: RequestInfo | URL) => new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const path = url(input).pathname;
    const body = path === list.path ? list.rows : (list.also?.[path] ?? []);
    return json(body);
  });
  const asked = () => fetchMock.mock.calls.map(([input]) => url(input)).filter((u) => u.pathname === list.path);
  vi.stubGlobal('fetch', fetchMock);
  try {
    renderWithClient(page);
    expect(await screen.findByText(list.shows)).toBeTruthy();

    const [label, q] = list.search;
    const box = screen.getByLabelText(label);
    fireEvent.change(box, { target: { value: q } });
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(asked().at(-1)?.searchParams.get('q')).toBe(q));

    const [header, sort] = list.header;
    fireEvent.click(screen.getByRole('columnheader', { name: header }));
    await waitFor(() => expect(asked().at(-1)?.searchParams.get('sort')).toBe(sort));

    const exported = new URL(screen.getByRole('link', { name: /Xuất Excel/ }).getAttribute('href')!, 'http://localhost');
    expect(exported.pathname).toBe(list.exportPath);
    expect(Object.fromEntries(exported.searchParams)).toEqual({ ...list.exportQuery, q, sort, format: 'xlsx' });
  } finally {
    vi.unstubAllGlobals();
  }
}
