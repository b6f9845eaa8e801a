// The item grid: thumbnails in rows, virtualised like the list (only the rows on screen are in
// the DOM), with the same selection, keyboard and drag behaviour.
import { useId, useRef } from 'react';
import { useT } from '../i18n/I18nProvider';
import { usePagedRows } from '../hooks/usePagedRows';
import { useScrollWindow } from '../hooks/useScrollWindow';
import type { ItemInteractions } from '../hooks/useItemInteractions';
import { formatItemDate, kindIcon, kindLabel, langAttribute } from '../lib/items';
import type { Listing } from '../lib/listing';
import { gridColumns, gridItems } from '../lib/paging';
import { isSelected, type Selection } from '../lib/selection';
import { thumbnailUrl } from '../platform/thumbnails';
import { Icon } from './Icon';
import { MarksBadge } from './Marks';
import './ItemGrid.css';

const MIN_CELL_WIDTH = 168;
const CELL_HEIGHT = 196;

type Props = {
  listing: Listing;
  total: number;
  label: string;
  selection: Selection;
  interactions: ItemInteractions;
};

export function ItemGrid({ listing, total, label, selection, interactions }: Props) {
  const t = useT();
  const baseId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  // Rows of cells: how many fit across depends on the width the scroll window measures.
  const scroll = useScrollWindow(scroller, CELL_HEIGHT, (width) => Math.ceil(total / gridColumns(width, MIN_CELL_WIDTH)));
  const columns = gridColumns(scroll.width, MIN_CELL_WIDTH);
  const window = gridItems(scroll.window, columns, total);
  const paged = usePagedRows(listing, window);
  const cellWidth = scroll.width > 0 ? scroll.width / columns : MIN_CELL_WIDTH;
  const { cursor } = selection;
  const cursorShown = cursor !== null && cursor >= window.start && cursor < window.end;

  const indices: number[] = [];
  for (let index = window.start; index < window.end; index += 1) indices.push(index);

  return (
    <div
      ref={scroller}
      className="item-grid"
      role="listbox"
      aria-label={label}
      aria-multiselectable="true"
      aria-activedescendant={cursorShown ? `${baseId}-cell-${String(cursor)}` : undefined}
      tabIndex={0}
      data-drag-scroll
      onKeyDown={(event) => {
        interactions.onKeyDown(event, {
          total,
          rowAt: paged.rowAt,
          columns,
          pageItems: Math.max(1, Math.floor(scroll.viewportHeight / CELL_HEIGHT)) * columns,
          reveal: (index) => {
            scroll.reveal(Math.floor(index / columns));
          },
        });
      }}
      data-testid="item-grid"
      data-total={total}
    >
      <div className="item-grid__body" style={{ height: Math.ceil(total / columns) * CELL_HEIGHT }}>
        {indices.map((index) => {
          const row = paged.rowAt(index);
          const place = {
            transform: `translate(${String((index % columns) * cellWidth)}px, ${String(Math.floor(index / columns) * CELL_HEIGHT)}px)`,
            width: cellWidth,
            height: CELL_HEIGHT,
          };
          if (!row) return <div key={`pending-${String(index)}`} className="grid-cell grid-cell--pending" style={place} aria-busy="true" />;
          const { item } = row;
          const selected = isSelected(selection, item.id);
          const title = item.title.trim() || t('items.untitled');
          return (
            <div
              key={item.id}
              id={`${baseId}-cell-${String(index)}`}
              className={`grid-cell${selected ? ' is-selected' : ''}${cursor === index ? ' is-cursor' : ''}`}
              role="option"
              aria-selected={selected}
              aria-posinset={index + 1}
              aria-setsize={total}
              aria-label={title}
              style={place}
              onClick={(event) => {
                interactions.onRowClick(event, index, item);
              }}
              onDoubleClick={() => {
                interactions.onRowDoubleClick(index, item);
              }}
              onPointerDown={(event) => {
                interactions.onRowPointerDown(event, index, item);
              }}
              data-testid="item-cell"
              data-item-id={item.id}
              data-index={index}
            >
              <div className="grid-cell__thumb">
                {item.has_thumbnail ? (
                  <img src={thumbnailUrl(item.sha256, 256)} alt="" loading="lazy" draggable={false} decoding="async" />
                ) : (
                  <Icon name={kindIcon(item.kind)} className="grid-cell__icon" />
                )}
                <span className="grid-cell__marks">
                  <MarksBadge rating={item.rating} label={item.label} />
                </span>
              </div>
              <div className="grid-cell__title" lang={langAttribute(item.language)} title={title}>
                {title}
              </div>
              <div className="grid-cell__meta">
                {kindLabel(item.kind, t)} · {formatItemDate(item.date, t.locale)}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
