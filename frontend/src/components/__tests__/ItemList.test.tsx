import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@/test/render';
import { ItemList, ItemMeta, ItemRow } from '../ItemList';

const numbers = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

describe('ItemList', () => {
  it('is a list of items, each with its actions', () => {
    render(
      <ItemList
        items={['Kỳ 1', 'Kỳ 2']}
        itemKey={(name) => name}
        aria-label="Các kỳ"
        renderItem={(name) => (
          <ItemRow actions={[<button key="open">Mở {name}</button>, null]}>
            <ItemMeta title={name} description="Hạn nộp 15/06/2026" />
          </ItemRow>
        )}
      />,
    );
    const list = screen.getByRole('list', { name: 'Các kỳ' });
    const items = within(list).getAllByRole('listitem').filter((item) => item.parentElement === list);
    expect(items.map((item) => within(item).getByRole('button').textContent)).toEqual(['Mở Kỳ 1', 'Mở Kỳ 2']);
    expect(within(items[0]).getByText('Hạn nộp 15/06/2026')).toBeTruthy();
  });

  it('says when there is nothing, and pages long lists', () => {
    const { rerender } = render(<ItemList items={[]} itemKey={String} empty="Chưa có thông báo" renderItem={() => null} />);
    expect(screen.getByText('Chưa có thông báo')).toBeTruthy();
    rerender(<ItemList items={numbers(35)} itemKey={String} pageSize={30} renderItem={(n) => <ItemRow>Đơn vị {n}</ItemRow>} />);
    expect(screen.getAllByRole('listitem').filter((item) => item.textContent?.startsWith('Đơn vị'))).toHaveLength(30);
    fireEvent.click(screen.getByTitle('2'));
    expect(screen.getByText('Đơn vị 35')).toBeTruthy();
    expect(screen.queryByText('Đơn vị 1')).toBeNull();
  });
});
