import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@/test/render';
import { SearchBox } from '../SearchBox';
import { ExportButton } from '../ExportButton';
import { exportHref, sortOrderOf, sortParam } from '@/lib/list-query';

describe('list sort and export parameters', () => {
  it('writes a sorted column as the API sort parameter and back', () => {
    expect(sortParam({ columnKey: 'submitted_at', order: 'descend' })).toBe('-submitted_at');
    expect(sortParam([{ columnKey: 'unit', order: 'ascend' }])).toBe('unit');
    expect(sortParam({ columnKey: 'unit', order: undefined })).toBeUndefined();
    expect(sortOrderOf('-submitted_at', 'submitted_at')).toBe('descend');
    expect(sortOrderOf('unit', 'unit')).toBe('ascend');
    expect(sortOrderOf('unit', 'code')).toBeNull();
  });

  it('leaves empty filters out of an export address and asks for xlsx', () => {
    expect(exportHref('/api/v1/exports/users', { q: 'pho hien', role: undefined, active: false, sort: '' })).toBe(
      '/api/v1/exports/users?q=pho+hien&active=false&format=xlsx',
    );
  });

  it('offers "Xuất Excel" with the filters on screen', () => {
    render(<ExportButton path="/api/v1/exports/2026-H1/submissions" query={{ status: 'submitted', q: 'Phố Hiến' }} />);
    const link = screen.getByRole('link', { name: /Xuất Excel/ });
    expect(link.getAttribute('href')).toBe(
      `/api/v1/exports/2026-H1/submissions?status=submitted&q=${encodeURIComponent('Phố Hiến').replace(/%20/g, '+')}&format=xlsx`,
    );
  });
});

describe('search box', () => {
  afterEach(() => vi.useRealTimers());

  it('searches once after a pause in typing, and at once on Enter', () => {
    vi.useFakeTimers();
    const onChange = vi.fn();
    render(<SearchBox label="Tìm đơn vị" value={undefined} onChange={onChange} />);
    const box = screen.getByLabelText('Tìm đơn vị');
    fireEvent.change(box, { target: { value: 'pho' } });
    fireEvent.change(box, { target: { value: 'pho hien ' } });
    expect(onChange).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(500));
    expect(onChange).toHaveBeenCalledExactlyOnceWith('pho hien');

    fireEvent.change(box, { target: { value: '' } });
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(onChange).toHaveBeenLastCalledWith(undefined);
    act(() => vi.advanceTimersByTime(500));
    expect(onChange).toHaveBeenCalledTimes(2); // the pending search was dropped
  });
});
