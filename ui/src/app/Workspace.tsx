// The window's layout and what ties it together: the scope or search being listed, its order,
// the selection, the open item, dialogs and window-wide keys.
import { useMemo, useRef, useState } from 'react';
import type { Scope } from '../bindings/Scope';
import { ArticleReader } from '../components/ArticleReader';
import { BatchPanel } from '../components/BatchPanel';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DropOverlay } from '../components/DropOverlay';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { ImportMenu } from '../components/ImportMenu';
import { ImportStatus } from '../components/ImportStatus';
import { Inspector } from '../components/Inspector';
import { ItemArea } from '../components/ItemArea';
import { ItemBrowser } from '../components/ItemBrowser';
import { ItemDetails } from '../components/ItemDetails';
import { PhotoViewer } from '../components/PhotoViewer';
import { SaveSearchDialog } from '../components/SaveSearchDialog';
import { SearchBox } from '../components/SearchBox';
import { SearchFilters } from '../components/SearchFilters';
import { SettingsDialog } from '../components/SettingsDialog';
import { Sidebar } from '../components/Sidebar';
import { Toasts } from '../components/Toasts';
import { TrashBar } from '../components/TrashBar';
import { ViewToggle } from '../components/ViewToggle';
import { useArchiveStats } from '../hooks/useArchiveStats';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { useFileDrop } from '../hooks/useFileDrop';
import { useHostActions } from '../hooks/useHostActions';
import { useHostChanges } from '../hooks/useHostChanges';
import { useCollections, useItem, useTags } from '../hooks/useHostData';
import { useImport } from '../hooks/useImport';
import { useItemCommands } from '../hooks/useItemCommands';
import { useListing, useLoadedSummaries } from '../hooks/useListing';
import { useSelectionState } from '../hooks/useSelectionState';
import type { SettingsState } from '../hooks/useSettings';
import { useShortcuts } from '../hooks/useShortcuts';
import { useT } from '../i18n/I18nProvider';
import { isArticle } from '../lib/items';
import { scopeListing, searchListing } from '../lib/listing';
import { defaultOrder, nextOrder, orderFor, scopeKey, type SortOrder } from '../lib/scope';
import { selectAll, selectOnly } from '../lib/selection';
import { useDropTarget } from './drag';
import { useNotify } from './notices';
import { emptyText, scopeTitle } from './views';
import './App.css';

/** Search as you type, once typing pauses this long. */
const SEARCH_DELAY_MS = 150;

export function Workspace({ settings }: { settings: SettingsState }) {
  const t = useT();
  const notify = useNotify();
  const actions = useHostActions();
  const stats = useArchiveStats();
  const listening = useHostChanges();
  const importer = useImport();
  const importing = importer.state.phase === 'running';
  // A drop during an import is refused (the overlay said so): the host runs one import at a time.
  const drop = useFileDrop(importer.start);
  // Tests wait on these: the first load has finished and a change event would be heard…
  const ready = !stats.isPending && listening !== 'subscribing';
  // …and a drop, and the progress of the import it starts, would be heard.
  const dropReady = drop.listening === 'listening' && importer.listening === 'listening';
  const archiveOpen = stats.data !== undefined;

  const [scope, setScope] = useState<Scope>({ kind: 'all' });
  const [order, setOrder] = useState<SortOrder>(defaultOrder({ kind: 'all' }));
  const [searchText, setSearchText] = useState('');
  const query = useDebouncedValue(searchText.trim(), SEARCH_DELAY_MS);
  const searching = query !== '';
  const listing = useMemo(
    () => (searching ? searchListing(query) : scopeListing(scope, order.sort, order.descending)),
    [searching, query, scope, order],
  );
  const access = useListing(listing, archiveOpen);
  const [selection, setSelection] = useSelectionState(
    searching ? `query:${query}` : `scope:${scopeKey(scope)}`,
    searching ? 'relevance' : `${order.sort}:${String(order.descending)}`,
  );
  const commands = useItemCommands(access, selection, setSelection);
  const loadedSummary = useLoadedSummaries(listing);
  const tags = useTags(archiveOpen);
  const collections = useCollections(archiveOpen);

  const [openId, setOpenId] = useState<number | null>(null);
  const opened = useItem(openId, true);
  const [dialog, setDialog] = useState<'settings' | 'save-search' | 'empty-trash' | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);

  const inTrash = !searching && scope.kind === 'trash';
  const selectedCount = access.selectedCount(selection);
  const singleId = !selection.all && selection.items.size === 1 ? [...selection.items.keys()][0] : undefined;
  const searchError = searching && access.error?.code === 'invalid_input' ? access.error.message : null;

  useShortcuts({
    find: () => {
      searchInput.current?.focus();
      searchInput.current?.select();
    },
    undo: commands.undo,
    deleteSelection: () => {
      if (!inTrash) commands.trashSelection();
    },
    selectAll: () => {
      setSelection(selectAll);
    },
  });

  useDropTarget('trash', {
    accepts: () => !inTrash,
    drop: ({ payload }) => {
      void payload.ids().then(commands.trash);
    },
  });

  const selectScope = (next: Scope) => {
    setScope(next);
    setOrder(orderFor(next, order));
    setSearchText('');
  };

  /** Opens the item `delta` rows from the cursor (the viewer's arrows). */
  const step = (delta: number) => {
    const at = (selection.cursor ?? -1) + delta;
    if (at < 0 || at >= (access.total ?? 0)) return;
    void access.loadRange(at, at + 1).then(([item]) => {
      if (!item) return;
      setSelection(selectOnly(at, item));
      setOpenId(item.id);
    });
  };

  const closeItem = () => {
    setOpenId(null);
    // Back to the list, where the person was.
    document.querySelector<HTMLElement>('[data-testid="item-list"], [data-testid="item-grid"]')?.focus();
  };

  const title = searching ? t('view.search') : scopeTitle(scope, t, collections.data);
  const reorderable = !searching && scope.kind === 'collection' && order.sort === 'position' && !order.descending;
  const counted = access.total === null ? null : t(searching ? 'items.results' : 'items.count', { count: access.total });
  // In a collection's own order, say that rows can be dragged to change it.
  const subtitle = counted !== null && reorderable && (access.total ?? 0) > 1 ? `${counted} · ${t('items.reorderHint')}` : counted;
  const archiveEmpty = stats.data !== undefined && stats.data.items === 0 && stats.data.in_trash === 0;
  const shown = openId === null ? undefined : opened.data;
  const article = shown && isArticle(shown) ? shown : null;
  const photo = shown && !isArticle(shown) ? shown : null;

  let content;
  if (stats.data === undefined) {
    content = <div className="item-area__body" />;
  } else if (archiveEmpty && !searching && scope.kind !== 'collection') {
    content = (
      <div className="item-area__body">
        <EmptyState />
      </div>
    );
  } else {
    content = (
      <ItemBrowser
        listing={listing}
        access={access}
        viewMode={settings.settings.viewMode}
        label={title}
        order={searching ? null : order}
        onSort={(key) => {
          setOrder((current) => nextOrder(current, key));
        }}
        showPosition={!searching && scope.kind === 'collection'}
        selection={selection}
        setSelection={setSelection}
        onOpen={(item) => {
          setOpenId(item.id);
        }}
        onEscape={() => {
          if (openId === null) return false;
          closeItem();
          return true;
        }}
        {...(inTrash ? {} : { onDelete: commands.trashSelection })}
        {...(reorderable
          ? {
              onReorder: (ids: number[], before: number) => {
                commands.reorder(scope.id, ids, before);
              },
            }
          : {})}
        empty={
          <p className="item-area__note" data-testid="view-empty">
            {searching ? t('empty.search', { query }) : t(emptyText(scope))}
          </p>
        }
        errorNote={
          searchError === null ? undefined : (
            <p className="item-area__note" data-testid="view-empty">
              {t('empty.searchInvalid')}
            </p>
          )
        }
        onRetry={() => {
          void access.refetch();
        }}
      />
    );
  }

  const selectionPanel =
    selectedCount > 1 || selection.all ? (
      <BatchPanel
        count={selectedCount}
        known={[...selection.items.values()].map((item) => loadedSummary(item.id) ?? item)}
        ids={() => access.selectedIds(selection)}
        inTrash={inTrash}
        onTrash={commands.trashSelection}
        onRestore={commands.restoreSelection}
      />
    ) : singleId !== undefined ? (
      <ItemDetails
        key={singleId}
        id={singleId}
        onOpen={setOpenId}
        onRestore={commands.restore}
      />
    ) : null;

  return (
    <div className="app" data-testid="app" data-ready={ready ? 'true' : 'false'} data-drop-ready={dropReady ? 'true' : 'false'}>
      <Sidebar
        stats={stats.data}
        scope={scope}
        searching={searching}
        onSelectScope={selectScope}
        activeQuery={searchText}
        onRunSearch={setSearchText}
        onOpenSettings={() => {
          setDialog('settings');
        }}
      />
      <ItemArea
        title={title}
        subtitle={subtitle}
        actions={
          <>
            <SearchBox ref={searchInput} value={searchText} onChange={setSearchText} error={searchError} />
            <ViewToggle
              mode={settings.settings.viewMode}
              onChange={(viewMode) => {
                settings.update({ viewMode });
              }}
            />
            <ImportMenu busy={importing} onPick={importer.pick} />
          </>
        }
        filters={
          archiveOpen && (
            <SearchFilters
              text={searchText}
              onChange={setSearchText}
              tags={tags.data ?? []}
              onSave={() => {
                setDialog('save-search');
              }}
            />
          )
        }
        notices={
          <>
            {stats.error != null && <ErrorBanner error={stats.error} onRetry={() => void stats.refetch()} retrying={stats.isFetching} />}
            <ImportStatus importer={importer} />
            {inTrash && archiveOpen && (
              <TrashBar
                selected={selectedCount}
                total={access.total ?? 0}
                onRestore={commands.restoreSelection}
                onEmpty={() => {
                  setDialog('empty-trash');
                }}
              />
            )}
          </>
        }
      >
        <div className="item-area__split">
          {content}
          {article && <ArticleReader article={article} onClose={closeItem} />}
        </div>
        {photo && <PhotoViewer key={photo.id} photo={photo} onClose={closeItem} onStep={step} />}
      </ItemArea>
      <Inspector stats={stats.data} failed={stats.isError} selection={selectionPanel} />
      {drop.dragging && <DropOverlay count={drop.count} busy={importing} />}
      <Toasts />
      {dialog === 'settings' && (
        <SettingsDialog settings={settings.settings} onChange={settings.update} onClose={() => { setDialog(null); }} />
      )}
      {dialog === 'save-search' && (
        <SaveSearchDialog
          query={searchText}
          onSave={(name) =>
            actions.saveSearch(name, searchText.trim()).then((saved) => {
              notify({ text: t('saved.saved', { name: saved.name }) });
            })
          }
          onClose={() => {
            setDialog(null);
          }}
        />
      )}
      {dialog === 'empty-trash' && (
        <ConfirmDialog
          title={t('trash.confirmEmpty', { count: access.total ?? 0 })}
          text={t('trash.confirmEmptyText')}
          confirmLabel={t('trash.confirmEmptyButton')}
          onConfirm={commands.emptyTrash}
          onClose={() => {
            setDialog(null);
          }}
          testId="empty-trash-dialog"
        />
      )}
    </div>
  );
}
