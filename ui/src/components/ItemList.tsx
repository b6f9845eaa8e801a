// The item list: a virtualised table — only the rows on screen are in the DOM — with sortable
// columns, multi-selection, keyboard navigation, and rows that can be dragged.
import { useEffect, useId, useRef } from 'react';
import type { SortKey } from '../bindings/SortKey';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/translate';
import { usePagedRows } from '../hooks/usePagedRows';
import { useScrollWindow } from '../hooks/useScrollWindow';
import type { ItemInteractions } from '../hooks/useItemInteractions';
import { formatItemDate, kindIcon, kindLabel, langAttribute, languageName } from '../lib/items';
import type { Listing } from '../lib/listing';
import type { SortOrder } from '../lib/scope';
import { isSelected, type Selection } from '../lib/selection';
import { Icon } from './Icon';
import { MarksBadge } from './Marks';
import { Snippet } from './Snippet';
import './ItemList.css';

/** A performance mark set when the first titled rows are on screen: what the startup benchmark reads. */
export const FIRST_ROWS_MARK = 'folio:first-rows';

const ROW_HEIGHT = 34;
const SEARCH_ROW_HEIGHT = 58;
const HEADER_HEIGHT = 30;

type Column = { id: string; label: MessageKey; sort: SortKey | null };
const COLUMNS: readonly Column[] = [
  { id: 'kind', label: 'column.kind', sort: 'kind' },
  { id: 'title', label: 'column.title', sort: 'title' },
  { id: 'rating', label: 'column.rating', sort: 'rating' },
  { id: 'date', label: 'column.date', sort: 'date' },
  { id: 'language', label: 'column.language', sort: 'language' },
  { id: 'credit', label: 'column.credit', sort: 'credit' },
  { id: 'tags', label: 'column.tags', sort: null },
  { id: 'imported', label: 'column.imported', sort: 'imported' },
];
const POSITION: Column = { id: 'position', label: 'column.position', sort: 'position' };

type Props = {
  listing: Listing;
  /** Items in the listing, as its first page says. */
  total: number;
  label: string;
  /** Null for search results, which come best first and cannot be re-sorted. */
  order: SortOrder | null;
  onSort: (key: SortKey) => void;
  /** A collection shows its own order as a first column. */
  showPosition: boolean;
  selection: Selection;
  interactions: ItemInteractions;
};

export function ItemList({ listing, total, label, order, onSort, showPosition, selection, interactions }: Props) {
  const t = useT();
  const baseId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const rowHeight = listing.isSearch ? SEARCH_ROW_HEIGHT : ROW_HEIGHT;
  const scroll = useScrollWindow(scroller, rowHeight, total, HEADER_HEIGHT);
  const paged = usePagedRows(listing, scroll.window);
  const columns = showPosition ? [POSITION, ...COLUMNS] : COLUMNS;
  const { cursor } = selection;
  // Only a drawn row can be the active descendant; the cursor row is kept in view.
  const cursorShown = cursor !== null && cursor >= scroll.window.start && cursor < scroll.window.end;
  const cursorId = cursorShown ? `${baseId}-row-${String(cursor)}` : undefined;

  const indices: number[] = [];
  for (let index = scroll.window.start; index < scroll.window.end; index += 1) indices.push(index);
  const rowsShown = indices.some((index) => paged.rowAt(index) !== undefined);
  useEffect(() => {
    if (rowsShown && performance.getEntriesByName(FIRST_ROWS_MARK).length === 0) performance.mark(FIRST_ROWS_MARK);
  }, [rowsShown]);

  return (
    <div
      ref={scroller}
      className={`item-list${showPosition ? ' item-list--position' : ''}${listing.isSearch ? ' item-list--search' : ''}`}
      role="grid"
      aria-label={label}
      aria-rowcount={total + 1}
      aria-multiselectable="true"
      aria-activedescendant={cursorId}
      tabIndex={0}
      data-drag-scroll
      onKeyDown={(event) => {
        interactions.onKeyDown(event, {
          total,
          rowAt: paged.rowAt,
          columns: 1,
          pageItems: Math.max(1, Math.floor((scroll.viewportHeight - HEADER_HEIGHT) / rowHeight) - 1),
          reveal: scroll.reveal,
        });
      }}
      data-testid="item-list"
      data-total={total}
    >
      <div className="item-list__head" role="rowgroup">
        <div className="item-list__row item-list__row--head" role="row" aria-rowindex={1}>
          {columns.map((column) => {
            const sorted = order?.sort === column.sort;
            const ariaSort = sorted ? (order.descending ? 'descending' : 'ascending') : undefined;
            return (
              <div key={column.id} role="columnheader" aria-sort={ariaSort} className={`cell cell--${column.id}`}>
                {order && column.sort ? (
                  <button
                    type="button"
                    className="column-sort"
                    title={t('column.sortBy', { column: t(column.label) })}
                    onClick={() => {
                      if (column.sort) onSort(column.sort);
                    }}
                    data-testid={`sort-${column.id}`}
                  >
                    <span className={column.id === 'kind' ? 'visually-hidden' : undefined}>{t(column.label)}</span>
                    {sorted && <span aria-hidden="true">{order.descending ? ' ↓' : ' ↑'}</span>}
                  </button>
                ) : (
                  <span className={column.id === 'kind' ? 'visually-hidden' : 'column-label'}>{t(column.label)}</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div className="item-list__body" role="rowgroup" style={{ height: total * rowHeight }}>
        {indices.map((index) => {
          const row = paged.rowAt(index);
          const top = { transform: `translateY(${String(index * rowHeight)}px)`, height: rowHeight };
          if (!row) {
            return (
              <div key={`pending-${String(index)}`} className="item-list__row item-list__row--pending" role="row" style={top} aria-busy="true">
                <div role="gridcell" className="cell cell--pending">
                  {t('items.loadingRow')}
                </div>
              </div>
            );
          }
          const { item, hit } = row;
          const selected = isSelected(selection, item.id);
          const title = item.title.trim();
          const lang = langAttribute(item.language);
          return (
            <div
              key={item.id}
              id={`${baseId}-row-${String(index)}`}
              className={`item-list__row${selected ? ' is-selected' : ''}${selection.cursor === index ? ' is-cursor' : ''}`}
              role="row"
              aria-rowindex={index + 2}
              aria-selected={selected}
              style={top}
              onClick={(event) => {
                interactions.onRowClick(event, index, item);
              }}
              onDoubleClick={() => {
                interactions.onRowDoubleClick(index, item);
              }}
              onPointerDown={(event) => {
                interactions.onRowPointerDown(event, index, item);
              }}
              data-drop={interactions.reorderable ? `row:${String(index)}` : undefined}
              data-testid="item-row"
              data-item-id={item.id}
              data-index={index}
            >
              {showPosition && (
                <div role="gridcell" className="cell cell--position">
                  {index + 1}
                </div>
              )}
              <div role="gridcell" className="cell cell--kind" title={kindLabel(item.kind, t)}>
                <Icon name={kindIcon(item.kind)} />
                <span className="visually-hidden">{kindLabel(item.kind, t)}</span>
              </div>
              <div role="gridcell" className="cell cell--title" title={title}>
                <span className="cell__title" lang={lang} data-testid="item-title">
                  {title === '' ? <span className="cell__untitled">{t('items.untitled')}</span> : title}
                </span>
              </div>
              <div role="gridcell" className="cell cell--rating">
                <MarksBadge rating={item.rating} label={item.label} />
              </div>
              <div role="gridcell" className="cell cell--date" data-testid="item-date">
                {formatItemDate(item.date, t.locale)}
              </div>
              <div role="gridcell" className="cell cell--language" data-testid="item-language">
                {languageName(item.language, t.locale)}
              </div>
              <div role="gridcell" className="cell cell--credit" title={item.credit} data-testid="item-credit">
                {item.credit}
              </div>
              <div role="gridcell" className="cell cell--tags" title={item.tags.join(', ')} data-testid="item-tags">
                {item.tags.join(', ')}
              </div>
              <div role="gridcell" className="cell cell--imported">
                {formatItemDate(item.imported_at.slice(0, 10), t.locale)}
              </div>
              {/* Under the row, across the columns: a snippet needs room to show its marks. */}
              {hit && (
                <div role="gridcell" className="cell cell--snippet">
                  <Snippet hit={hit} lang={lang} />
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
