// The item list: one row per item with its kind, title, date, language and source.
import type { ItemSummary } from '../bindings/ItemSummary';
import { formatItemDate, kindIcon, kindLabel, langAttribute, languageName } from '../lib/items';
import { Icon } from './Icon';
import './ItemList.css';

export function ItemList({ items }: { items: readonly ItemSummary[] }) {
  return (
    <table className="item-table" data-testid="item-list">
      <thead>
        <tr>
          <th scope="col" className="item-table__kind">
            <span className="visually-hidden">Kind</span>
          </th>
          <th scope="col">Title</th>
          <th scope="col" className="item-table__date">
            Date
          </th>
          <th scope="col" className="item-table__language">
            Language
          </th>
          <th scope="col" className="item-table__source">
            Source
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <ItemRow key={item.id} item={item} />
        ))}
      </tbody>
    </table>
  );
}

function ItemRow({ item }: { item: ItemSummary }) {
  const title = item.title.trim();
  return (
    <tr className="item-table__row" data-testid="item-row" data-item-id={item.id}>
      <td className="item-table__kind" title={kindLabel(item.kind)}>
        <Icon name={kindIcon(item.kind)} />
        <span className="visually-hidden">{kindLabel(item.kind)}</span>
      </td>
      <td className="item-table__title" title={title} lang={langAttribute(item.language)}>
        {title === '' ? <span className="item-table__untitled">Untitled</span> : title}
      </td>
      <td className="item-table__date">{formatItemDate(item.date)}</td>
      <td className="item-table__language">{languageName(item.language)}</td>
      <td className="item-table__source" title={item.source_name}>
        {item.source_name}
      </td>
    </tr>
  );
}
