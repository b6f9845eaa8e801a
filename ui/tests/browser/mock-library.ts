// The mock host's archive in memory: listing, search, tags, collections, saved searches, trash,
// edits, each item's history of changed fields and an undo history, answering as the Rust host
// does (including its `invalid_input`s).
// Each write answers `Written<T>`: its result and the change set of what it really changed.
import type { FacetRequest } from '../../src/bindings/FacetRequest';
import type { HistoryEntry as FieldChange } from '../../src/bindings/HistoryEntry';
import type { Facets } from '../../src/bindings/Facets';
import { facetsOf } from './mock-facets';
import type { CollectionSummary } from '../../src/bindings/CollectionSummary';
import type { EditRequest } from '../../src/bindings/EditRequest';
import type { ChangeSet } from '../../src/bindings/ChangeSet';
import type { ItemPage } from '../../src/bindings/ItemPage';
import type { ItemView } from '../../src/bindings/ItemView';
import type { LabelRequest } from '../../src/bindings/LabelRequest';
import type { ListRequest } from '../../src/bindings/ListRequest';
import type { MergeReport } from '../../src/bindings/MergeReport';
import type { MergeRequest } from '../../src/bindings/MergeRequest';
import type { RateRequest } from '../../src/bindings/RateRequest';
import type { SavedSearch } from '../../src/bindings/SavedSearch';
import type { Scope } from '../../src/bindings/Scope';
import type { SearchPage } from '../../src/bindings/SearchPage';
import type { SearchRequest } from '../../src/bindings/SearchRequest';
import type { Stats } from '../../src/bindings/Stats';
import type { TagCount } from '../../src/bindings/TagCount';
import type { TagRequest } from '../../src/bindings/TagRequest';
import type { Undone } from '../../src/bindings/Undone';
import type { WireError } from '../../src/bindings/WireError';
import type { Written } from '../../src/bindings/Written';
import { changeSet, itemsChanged, NOTHING_CHANGED, written } from './mock-changes';
import { summaryOf, viewOf, type MockItem } from './mock-item';
import { comparator } from './mock-order';
import { fold, parseQuery, QueryError } from './mock-search';
import { matchingItems, searchItems } from './mock-search-run';
import type { Scene } from './mock-thumbs';

/** What "Recently imported" covers. */
const RECENT_DAYS = 30;

export type MockCollection = { id: number; name: string; itemIds: number[] };
/** One undoable change: `changes` is what it changed, and so what undoing it changes. */
type HistoryEntry = { description: string; itemId: number | null; changes: ChangeSet; revert: () => void };

/** Who the window's own changes are by: the system's user name, as the host takes it. */
export const LOCAL_AUTHOR = 'ana';

/** A rejection as the host sends it. */
export class HostError extends Error {
  constructor(readonly wire: WireError) {
    super(wire.message);
  }
}
const invalid = (message: string) => new HostError({ code: 'invalid_input', message });
const notFound = (message: string) => new HostError({ code: 'not_found', message });

const same = (a: string, b: string) => fold(a) === fold(b);
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const plural = (count: number, noun: string) => `${String(count)} ${noun}${count === 1 ? '' : 's'}`;

export class MockLibrary {
  private readonly byId = new Map<number, MockItem>();
  private sorted = new Map<string, MockItem[]>();
  private history: HistoryEntry[] = [];
  /** Each item's changed fields, oldest first, as `item_history` answers them. */
  private readonly fieldChanges = new Map<number, FieldChange[]>();
  private author: { author: string; pushed_by: string | null } = { author: LOCAL_AUTHOR, pushed_by: null };
  private nextCollectionId = 1;
  private nextSearchId = 1;
  // Counts moves to the Trash: the order the Trash lists its items in.
  private deletions = 0;

  constructor(
    private items: MockItem[],
    private collections: MockCollection[] = [],
    private savedSearches: SavedSearch[] = [],
  ) {
    for (const item of items) this.byId.set(item.id, item);
    this.nextCollectionId = Math.max(0, ...collections.map((c) => c.id)) + 1;
    this.nextSearchId = Math.max(0, ...savedSearches.map((s) => s.id)) + 1;
  }

  /** Call after any write: cached orders are stale. */
  private changed(): void {
    this.sorted = new Map();
  }

  private item(id: number): MockItem {
    const item = this.byId.get(id);
    if (!item) throw notFound(`There is no item ${String(id)}.`);
    return item;
  }

  private collection(id: number): MockCollection {
    const collection = this.collections.find((c) => c.id === id);
    if (!collection) throw notFound(`There is no collection ${String(id)}.`);
    return collection;
  }

  add(items: MockItem[]): void {
    for (const item of items) {
      this.items.push(item);
      this.byId.set(item.id, item);
    }
    this.changed();
  }

  stats(base: Stats): Stats {
    const live = this.items.filter((item) => !item.deleted);
    return {
      ...base,
      items: live.length,
      articles: live.filter((item) => item.kind === 'article').length,
      photos: live.filter((item) => item.kind === 'photo').length,
      figures: live.reduce((sum, item) => sum + item.figures.length, 0),
      in_trash: this.items.length - live.length,
      tags: this.listTags().length,
      collections: this.collections.length,
      saved_searches: this.savedSearches.length,
      objects: this.items.length,
      objects_bytes: this.items.length * 1_000_000,
    };
  }

  // Listing.

  private inScope(scope: Scope): MockItem[] {
    switch (scope.kind) {
      case 'all':
        return this.items.filter((item) => !item.deleted);
      case 'articles':
      case 'photos': {
        const kind = scope.kind === 'articles' ? 'article' : 'photo';
        return this.items.filter((item) => !item.deleted && item.kind === kind);
      }
      case 'untagged':
        return this.items.filter((item) => !item.deleted && item.tags.length === 0);
      case 'recent': {
        const since = new Date(Date.now() - RECENT_DAYS * 86_400_000).toISOString();
        return this.items.filter((item) => !item.deleted && item.imported_at >= since);
      }
      case 'trash':
        return this.items.filter((item) => item.deleted);
      case 'collection':
        return this.collection(scope.id)
          .itemIds.map((id) => this.item(id))
          .filter((item) => !item.deleted);
      case 'tag':
        return this.items.filter((item) => !item.deleted && hasTag(item, scope.name));
    }
  }

  list(request: ListRequest): ItemPage {
    const { scope, sort, descending, offset, limit } = request;
    if (sort === 'position' && scope.kind !== 'collection') throw invalid('Only a collection has its own order.');
    if (offset < 0 || limit < 0) throw invalid('Paging needs a positive offset and limit.');
    const key = `${JSON.stringify(scope)}|${sort}|${String(descending)}`;
    let ordered = this.sorted.get(key);
    if (!ordered) {
      const items = this.inScope(scope);
      ordered = sort === 'position' ? items : [...items].sort(comparator(sort));
      if (descending) ordered = [...ordered].reverse();
      this.sorted.set(key, ordered);
    }
    return { total: ordered.length, items: ordered.slice(offset, offset + limit).map(summaryOf) };
  }

  search(request: SearchRequest): SearchPage {
    try {
      return searchItems(
        this.items.filter((item) => !item.deleted),
        request,
        (id) => this.collectionsOf(id),
      );
    } catch (error) {
      if (error instanceof QueryError) throw new HostError(error.wire);
      throw error;
    }
  }

  facets(request: FacetRequest): Facets {
    if (request.scope.kind === 'trash') throw invalid('the Trash has no facets; choose another view');
    let items = this.inScope(request.scope);
    if (request.query.trim() !== '') {
      try {
        const found = new Set(matchingItems(items, request.query, (id) => this.collectionsOf(id)));
        items = items.filter((item) => found.has(item));
      } catch (error) {
        if (error instanceof QueryError) throw new HostError(error.wire);
        throw error;
      }
    }
    return facetsOf(items, request.top);
  }

  /** The proportions (width over height) and scene of the item with these bytes, for its thumbnail. */
  thumbnailOf(sha256: string): { aspect: number; scene: Scene | undefined } {
    const item = this.items.find((candidate) => candidate.sha256 === sha256);
    return { aspect: item?.width && item.height ? item.width / item.height : 4 / 3, scene: item?.scene };
  }

  show(id: number): ItemView {
    const item = this.item(id);
    return viewOf(item, this.collectionsOf(id));
  }

  private collectionsOf(id: number): string[] {
    return this.collections.filter((c) => c.itemIds.includes(id)).map((c) => c.name);
  }

  // Tags.

  listTags(): TagCount[] {
    const counts = new Map<string, TagCount>();
    for (const item of this.items) {
      if (item.deleted) continue;
      for (const tag of item.tags) {
        const key = fold(tag);
        const entry = counts.get(key) ?? { name: tag, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      }
    }
    return [...counts.values()].sort((a, b) => collator.compare(a.name, b.name));
  }

  /** The existing spelling of a tag, so "events" joins "Events". */
  private canonicalTag(name: string): string {
    const tag = checkTag(name);
    for (const item of this.items) {
      const existing = item.tags.find((t) => same(t, tag));
      if (existing) return existing;
    }
    return tag;
  }

  tagItems(request: TagRequest): Written<null> {
    const items = request.ids.map((id) => this.item(id));
    const add = request.add.map((name) => this.canonicalTag(name));
    const remove = request.remove.map(checkTag);
    const before = items.map((item) => [...item.tags]);
    for (const item of items) {
      item.tags = item.tags.filter((tag) => !remove.some((r) => same(r, tag)));
      for (const tag of add) if (!item.tags.some((t) => same(t, tag))) item.tags.push(tag);
    }
    const retagged = items.filter((item, index) => item.tags.join('\n') !== before[index]?.join('\n'));
    const changes = itemsChanged(retagged.map((item) => item.id), 'tags', 'stats');
    const logged = items.flatMap((item, index) =>
      retagged.includes(item) ? [this.logChange(item.id, 'tags', (before[index] ?? []).join(', '), item.tags.join(', '))] : [],
    );
    this.record({
      description: `Change the tags of ${plural(items.length, 'item')}`,
      itemId: items.length === 1 ? (items[0]?.id ?? null) : null,
      changes,
      revert: () => {
        items.forEach((item, index) => (item.tags = before[index] ?? []));
        markUndone(logged);
      },
    });
    return written(null, changes);
  }

  // Ratings and colour labels.

  rateItems(request: RateRequest): Written<null> {
    if (!Number.isInteger(request.rating) || request.rating < 0 || request.rating > 5) {
      throw invalid(`${String(request.rating)} is not a rating; give 0 to 5 stars (0: not rated)`);
    }
    return this.mark(request.ids, 'rating', request.rating);
  }

  labelItems(request: LabelRequest): Written<null> {
    return this.mark(request.ids, 'label', request.label);
  }

  /** Sets one mark on many items, as one undoable change of the items it really changed. */
  private mark<K extends 'rating' | 'label'>(ids: number[], field: K, value: MockItem[K]): Written<null> {
    if (ids.length === 0) throw invalid(`no items to ${field === 'rating' ? 'rate' : 'label'}`);
    const items = ids.map((id) => this.item(id)).filter((item) => item[field] !== value);
    const before = items.map((item) => item[field]);
    for (const item of items) item[field] = value;
    const changes = itemsChanged(items.map((item) => item.id));
    const logged = items.map((item, index) => this.logChange(item.id, field, markText(before[index]), markText(value)));
    if (items.length > 0) {
      this.changed();
      this.record({
        description: `${field} of ${plural(items.length, 'item')}`,
        itemId: items.length === 1 ? (items[0]?.id ?? null) : null,
        changes,
        revert: () => {
          items.forEach((item, index) => (item[field] = before[index] as MockItem[K]));
          markUndone(logged);
        },
      });
    }
    return written(null, changes);
  }

  renameTag(from: string, to: string): Written<null> {
    const source = checkTag(from);
    const target = this.canonicalTag(to);
    const renamed = (tag: string) =>
      same(tag, source) ? target : fold(tag).startsWith(`${fold(source)}/`) ? `${target}${tag.slice(source.length)}` : null;
    const touched = this.items.filter((item) => item.tags.some((tag) => renamed(tag) !== null));
    if (touched.length === 0) throw notFound(`There is no tag “${source}”.`);
    const before = touched.map((item) => [...item.tags]);
    for (const item of touched) {
      const next: string[] = [];
      for (const tag of item.tags.map((t) => renamed(t) ?? t)) if (!next.some((t) => same(t, tag))) next.push(tag);
      item.tags = next;
    }
    const changes = changeSet(touched.map((item) => item.id), 'tags', 'stats');
    this.record({
      description: `Rename the tag “${source}” to “${target}”`,
      itemId: null,
      changes,
      revert: () => {
        touched.forEach((item, index) => (item.tags = before[index] ?? []));
      },
    });
    return written(null, changes);
  }

  // Collections.

  listCollections(): CollectionSummary[] {
    return this.collections
      .map((c) => ({ id: c.id, name: c.name, count: c.itemIds.filter((id) => !this.item(id).deleted).length }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }

  private checkCollectionName(name: string, except: number | null): string {
    const trimmed = name.trim();
    if (trimmed === '') throw invalid('A collection needs a name.');
    if (this.collections.some((c) => c.id !== except && same(c.name, trimmed))) {
      throw invalid(`There is already a collection called “${trimmed}”.`);
    }
    return trimmed;
  }

  createCollection(name: string): Written<CollectionSummary> {
    const collection = { id: this.nextCollectionId++, name: this.checkCollectionName(name, null), itemIds: [] };
    this.collections.push(collection);
    return written({ id: collection.id, name: collection.name, count: 0 }, changeSet([], 'collections', 'stats'));
  }

  /** Items show the names of their collections: renaming one changes its items. */
  renameCollection(id: number, name: string): Written<null> {
    const collection = this.collection(id);
    collection.name = this.checkCollectionName(name, id);
    return written(null, changeSet(collection.itemIds, 'collections'));
  }

  deleteCollection(id: number): Written<null> {
    const collection = this.collection(id);
    this.collections = this.collections.filter((c) => c.id !== id);
    this.changed();
    return written(null, changeSet(collection.itemIds, 'collections', 'stats'));
  }

  addToCollection(id: number, itemIds: number[]): Written<null> {
    const collection = this.collection(id);
    // `item` throws for an unknown id, as the host refuses one.
    for (const itemId of itemIds) this.item(itemId);
    const added = [...new Set(itemIds)].filter((itemId) => !collection.itemIds.includes(itemId));
    collection.itemIds.push(...added);
    this.changed();
    const changes = itemsChanged(added, 'collections');
    this.record({
      description: `Add ${plural(added.length, 'item')} to “${collection.name}”`,
      itemId: added.length === 1 ? (added[0] ?? null) : null,
      changes,
      revert: () => {
        collection.itemIds = collection.itemIds.filter((itemId) => !added.includes(itemId));
      },
    });
    return written(null, changes);
  }

  removeFromCollection(id: number, itemIds: number[]): Written<null> {
    const collection = this.collection(id);
    const before = [...collection.itemIds];
    const removed = before.filter((itemId) => itemIds.includes(itemId));
    collection.itemIds = before.filter((itemId) => !itemIds.includes(itemId));
    this.changed();
    const changes = itemsChanged(removed, 'collections');
    this.record({
      description: `Remove ${plural(removed.length, 'item')} from “${collection.name}”`,
      itemId: removed.length === 1 ? (removed[0] ?? null) : null,
      changes,
      revert: () => {
        collection.itemIds = before;
      },
    });
    return written(null, changes);
  }

  /** `itemIds` must name every item of the collection not in the trash, once; trashed ones keep to the end. */
  reorderCollection(id: number, itemIds: number[]): Written<null> {
    const collection = this.collection(id);
    const before = [...collection.itemIds];
    const live = before.filter((itemId) => !this.item(itemId).deleted);
    const complete = itemIds.length === live.length && new Set(itemIds).size === itemIds.length && itemIds.every((i) => live.includes(i));
    if (!complete) throw invalid('The new order must name every item of the collection exactly once.');
    collection.itemIds = [...itemIds, ...before.filter((itemId) => !live.includes(itemId))];
    this.changed();
    const moved = collection.itemIds.filter((itemId, index) => before[index] !== itemId);
    const changes = itemsChanged(moved, 'collections');
    this.record({
      description: `Reorder “${collection.name}”`,
      itemId: null,
      changes,
      revert: () => {
        collection.itemIds = before;
      },
    });
    return written(null, changes);
  }

  // Saved searches.

  listSavedSearches(): SavedSearch[] {
    return [...this.savedSearches].sort((a, b) => collator.compare(a.name, b.name));
  }

  /** Saving under a name already used replaces that search's query; only a new one changes the counts. */
  saveSearch(name: string, query: string): Written<SavedSearch> {
    if (name.trim() === '') throw invalid('A saved search needs a name.');
    if (query.trim() === '') throw invalid('There is nothing to save: the search is empty.');
    try {
      parseQuery(query);
    } catch (error) {
      if (error instanceof QueryError) throw new HostError(error.wire);
      throw error;
    }
    const existing = this.savedSearches.find((s) => same(s.name, name.trim()));
    if (existing) {
      existing.query = query;
      return written({ ...existing }, changeSet([], 'saved_searches'));
    }
    const saved = { id: this.nextSearchId++, name: name.trim(), query };
    this.savedSearches.push(saved);
    return written({ ...saved }, changeSet([], 'saved_searches', 'stats'));
  }

  deleteSavedSearch(id: number): Written<null> {
    if (!this.savedSearches.some((s) => s.id === id)) throw notFound(`There is no saved search ${String(id)}.`);
    this.savedSearches = this.savedSearches.filter((s) => s.id !== id);
    return written(null, changeSet([], 'saved_searches', 'stats'));
  }

  // Trash.

  private setDeleted(ids: number[], deleted: boolean): Written<null> {
    const items = ids.map((id) => this.item(id)).filter((item) => item.deleted !== deleted);
    this.deletions += 1;
    for (const item of items) {
      item.deleted = deleted;
      if (deleted) item.deletedAt = this.deletions;
    }
    this.changed();
    // Items that come or go change every list that counts them.
    const changes = itemsChanged(items.map((item) => item.id), 'tags', 'collections', 'stats');
    this.record({
      description: deleted
        ? `Move ${plural(items.length, 'item')} to the Trash`
        : `Restore ${plural(items.length, 'item')} from the Trash`,
      itemId: items.length === 1 ? (items[0]?.id ?? null) : null,
      changes,
      revert: () => {
        for (const item of items) item.deleted = !deleted;
      },
    });
    return written(null, changes);
  }

  trash(ids: number[]): Written<null> {
    return this.setDeleted(ids, true);
  }

  restore(ids: number[]): Written<null> {
    return this.setDeleted(ids, false);
  }

  /** Removes the items in the Trash for good; articles that showed one of them in a figure change too. */
  emptyTrash(): Written<number> {
    const gone = new Set(this.items.filter((item) => item.deleted).map((item) => item.id));
    this.items = this.items.filter((item) => !gone.has(item.id));
    for (const id of gone) this.byId.delete(id);
    for (const collection of this.collections) collection.itemIds = collection.itemIds.filter((id) => !gone.has(id));
    const unlinked = new Set<number>();
    for (const item of this.items) {
      for (const figure of item.figures) {
        if (figure.photo_id !== null && gone.has(figure.photo_id)) {
          figure.photo_id = null;
          unlinked.add(item.id);
        }
      }
    }
    // What is gone cannot come back: drop the history that would need it.
    this.history = [];
    this.changed();
    return written(gone.size, itemsChanged([...gone, ...unlinked], 'tags', 'collections', 'stats'));
  }

  // Editing.

  update(request: EditRequest): Written<ItemView> {
    const item = this.item(request.id);
    const { field } = request;
    let value = request.value;
    if ((field === 'caption' || field === 'credit') && item.kind !== 'photo') {
      throw invalid(`An article has no ${field} of its own; edit the figure's instead.`);
    }
    if (field === 'date') {
      value = value.trim();
      if (value !== '' && !/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/.test(value)) {
        throw invalid(`“${value}” is not a date Folio understands. Write it as 2018, 2018-11 or 2018-11-02.`);
      }
    }
    const old = field === 'date' ? item.date : item[field];
    const write = (next: string | null) => {
      if (field === 'date') item.date = next === '' ? null : next;
      else item[field] = next ?? '';
    };
    write(value);
    this.changed();
    const now = field === 'date' ? item.date : item[field];
    const changes = now === old ? NOTHING_CHANGED : changeSet([item.id]);
    const logged = now === old ? [] : [this.logChange(item.id, field, old, now)];
    this.record({
      description: `Edit the ${field} of “${item.title || 'Untitled'}”`,
      itemId: item.id,
      changes,
      revert: () => {
        write(old);
        markUndone(logged);
      },
    });
    return written(this.show(item.id), changes);
  }

  linkFigure(figureId: number, photoId: number | null): Written<null> {
    const article = this.items.find((item) => item.figures.some((f) => f.id === figureId));
    const figure = article?.figures.find((f) => f.id === figureId);
    if (!article || !figure) throw notFound(`There is no figure ${String(figureId)}.`);
    if (photoId !== null && this.item(photoId).kind !== 'photo') throw invalid('Only a photo can be shown in a figure.');
    const before = figure.photo_id;
    figure.photo_id = photoId;
    const changes = before === photoId ? NOTHING_CHANGED : changeSet([article.id]);
    this.record({
      description: photoId === null ? `Unlink the photo of a figure in “${article.title}”` : `Link a photo to a figure in “${article.title}”`,
      itemId: article.id,
      changes,
      revert: () => {
        figure.photo_id = before;
      },
    });
    return written(null, changes);
  }

  // Undo.

  private record(entry: HistoryEntry): void {
    this.history.push(entry);
  }

  // Each item's history.

  /** Every recorded change to an item's fields, oldest first. */
  itemHistory(id: number): FieldChange[] {
    this.item(id);
    return (this.fieldChanges.get(id) ?? []).map((entry) => ({ ...entry }));
  }

  /** Runs a write as another member's, sent to the team by the role `pushedBy`. */
  actingAs<T>(author: string, pushedBy: string | null, run: () => T): T {
    const own = this.author;
    this.author = { author, pushed_by: pushedBy };
    try {
      return run();
    } finally {
      this.author = own;
    }
  }

  private logChange(itemId: number, field: string, old: string | null, next: string | null): FieldChange {
    const entry: FieldChange = {
      field,
      old_value: old,
      new_value: next,
      changed_at: new Date().toISOString(),
      undone: false,
      ...this.author,
    };
    const changes = this.fieldChanges.get(itemId) ?? [];
    changes.push(entry);
    this.fieldChanges.set(itemId, changes);
    return entry;
  }

  // Near-duplicates.

  /** Merges a group into the kept item as the host does: its tags and collections gain the
   * others', the fullest caption wins, the others go to the Trash; one undo reverts it all. */
  merge(request: MergeRequest): Written<MergeReport> {
    const ids = [...new Set([...request.ids, ...(request.keep === null ? [] : [request.keep])])];
    const items = ids.map((id) => this.item(id));
    if (items.length < 2) throw invalid('a merge needs at least two items');
    if (items.some((item) => item.kind !== items[0]?.kind)) {
      throw invalid('only items of one kind merge: photos with photos, articles with articles');
    }
    const pixels = (item: MockItem) => (item.width ?? 0) * (item.height ?? 0);
    const kept = request.keep === null ? items.reduce((best, item) => (pixels(item) > pixels(best) ? item : best)) : this.item(request.keep);
    const others = items.filter((item) => item !== kept && !item.deleted);
    const before = { tags: [...kept.tags], caption: kept.caption };
    const joined = this.collections.filter((c) => !c.itemIds.includes(kept.id) && others.some((o) => c.itemIds.includes(o.id)));
    for (const other of others) {
      for (const tag of other.tags) if (!kept.tags.some((t) => same(t, tag))) kept.tags.push(tag);
      if (other.caption.length > kept.caption.length) kept.caption = other.caption;
      other.deleted = true;
    }
    for (const collection of joined) collection.itemIds.push(kept.id);
    this.changed();
    const changes = itemsChanged([kept.id, ...others.map((o) => o.id)], 'tags', 'collections', 'stats');
    this.record({
      description: `Merge ${plural(others.length + 1, 'item')}`,
      itemId: kept.id,
      changes,
      revert: () => {
        kept.tags = before.tags;
        kept.caption = before.caption;
        for (const other of others) other.deleted = false;
        for (const collection of joined) collection.itemIds = collection.itemIds.filter((id) => id !== kept.id);
      },
    });
    return written({ kept: kept.id, trashed: others.map((o) => o.id) }, changes);
  }

  /** An item's view, or null when there is none (near-duplicate fixtures name items by id). */
  find(id: number): ItemView | null {
    return this.byId.has(id) ? this.show(id) : null;
  }

  /** Undoes the latest change, changing again what it changed; null, changing nothing, when there is none. */
  undo(): Written<Undone | null> {
    const entry = this.history.pop();
    if (!entry) return written(null, NOTHING_CHANGED);
    entry.revert();
    this.changed();
    return written({ item_id: entry.itemId, description: entry.description }, entry.changes);
  }
}

function markUndone(entries: FieldChange[]): void {
  for (const entry of entries) entry.undone = true;
}

/** A rating or label as the history writes it: its text, or nothing. */
function markText(value: number | string | null | undefined): string | null {
  return value === null || value === undefined || value === 0 ? null : String(value);
}

function hasTag(item: MockItem, name: string): boolean {
  const wanted = fold(name);
  return item.tags.some((tag) => fold(tag) === wanted || fold(tag).startsWith(`${wanted}/`));
}

function checkTag(name: string): string {
  const tag = name.trim().replace(/\s*\/\s*/gu, '/');
  if (tag === '') throw invalid('A tag needs a name.');
  if (tag.startsWith('/') || tag.endsWith('/') || tag.includes('//')) {
    throw invalid(`“${name}” is not a tag: “/” separates a tag from the one above it, as in Places/Moscow.`);
  }
  return tag;
}
