import { Fragment, useState, type HTMLAttributes, type Key, type ReactNode } from 'react';
import { Empty, Flex, Pagination, Spin, theme } from 'antd';
import './item-list.css';

interface ItemListProps<T> {
  items: readonly T[] | undefined;
  itemKey: (item: T) => Key;
  /** An item as an `ItemRow` (the list's `<li>`). */
  renderItem: (item: T) => ReactNode;
  loading?: boolean;
  /** Shown instead of the list when there is no item. */
  empty?: ReactNode;
  size?: 'small' | 'default';
  /** Pages of this many items, with a pager below, when there are more. */
  pageSize?: number;
  'aria-label'?: string;
}

/**
 * A list of items as semantic markup (`<ul>` of `<li>`), in the look of antd's List, which is deprecated:
 * a line between items, actions on the right, an optional loading state, empty text and pager.
 */
export function ItemList<T>({ items, itemKey, renderItem, loading = false, empty, size = 'default', pageSize, ...rest }: ItemListProps<T>) {
  const [page, setPage] = useState(1);
  const all = items ?? [];
  const paged = pageSize !== undefined && all.length > pageSize;
  const current = paged ? Math.min(page, Math.ceil(all.length / pageSize)) : 1;
  const shown = paged ? all.slice((current - 1) * pageSize, current * pageSize) : all;
  return (
    <Spin spinning={loading}>
      {all.length === 0 ? (
        loading ? <div style={{ minHeight: 64 }} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <ul className={size === 'small' ? 'item-list item-list-sm' : 'item-list'} aria-label={rest['aria-label']}>
          {shown.map((item) => (
            <Fragment key={itemKey(item)}>{renderItem(item)}</Fragment>
          ))}
        </ul>
      )}
      {paged && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Pagination size="small" current={current} pageSize={pageSize} total={all.length} showSizeChanger={false} onChange={setPage} />
        </Flex>
      )}
    </Spin>
  );
}

/** An item of an `ItemList`: its content, and its actions at the end of the line. */
export function ItemRow({ actions, children, ...rest }: HTMLAttributes<HTMLLIElement> & { actions?: ReactNode[] }) {
  const shownActions = (actions ?? []).filter(Boolean);
  return (
    <li {...rest}>
      <div className="item-list-main">{children}</div>
      {shownActions.length > 0 && (
        <ul className="item-list-actions">
          {shownActions.map((action, index) => (
            <li key={index}>{action}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** An item's title and description (and an optional leading avatar or icon), like antd's List.Item.Meta. */
export function ItemMeta({ title, description, avatar }: { title: ReactNode; description?: ReactNode; avatar?: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div className="item-list-meta">
      {avatar}
      <div style={{ flex: 1, minWidth: 0 }}>
        <div className="item-list-meta-title" style={{ color: token.colorText }}>
          {title}
        </div>
        {description && <div style={{ color: token.colorTextDescription }}>{description}</div>}
      </div>
    </div>
  );
}
