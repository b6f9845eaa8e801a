// The window's layout and what ties it together: the scope or search being listed, its order,
// the selection, the open item, dialogs and window-wide keys.
import { useCallback, useRef, useState } from 'react';
import { ArticleReader } from '../components/ArticleReader';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DropOverlay } from '../components/DropOverlay';
import { DuplicatesDialog } from '../components/DuplicatesDialog';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { ExportDialog } from '../components/ExportDialog';
import { ExportStatus } from '../components/ExportStatus';
import { FacetsPanel } from '../components/FacetsPanel';
import { Icon } from '../components/Icon';
import { ImportMenu } from '../components/ImportMenu';
import { ImportStatus } from '../components/ImportStatus';
import { LinkDialog } from '../components/LinkDialog';
import { Inspector } from '../components/Inspector';
import { ItemArea } from '../components/ItemArea';
import { ItemBrowser } from '../components/ItemBrowser';
import { PhotoViewer } from '../components/PhotoViewer';
import { SaveSearchDialog } from '../components/SaveSearchDialog';
import { selectionPanel } from '../components/SelectionPanel';
import { SearchBox } from '../components/SearchBox';
import { SearchFilters } from '../components/SearchFilters';
import { SettingsDialog } from '../components/SettingsDialog';
import { TeamDialog } from '../components/TeamDialog';
import { Timeline } from '../components/Timeline';
import { Sidebar } from '../components/Sidebar';
import { Toasts } from '../components/Toasts';
import { TrashBar } from '../components/TrashBar';
import { VerifyStatus } from '../components/VerifyStatus';
import { OcrStatus } from '../components/OcrStatus';
import { ViewToggle } from '../components/ViewToggle';
import { useArchiveStats } from '../hooks/useArchiveStats';
import { useExport } from '../hooks/useExport';
import { useBrowsing } from '../hooks/useBrowsing';
import { useFacets } from '../hooks/useFacets';
import { useLatch } from '../hooks/useLatch';
import { useFileDrop } from '../hooks/useFileDrop';
import { useHostActions } from '../hooks/useHostActions';
import { useHostChanges } from '../hooks/useHostChanges';
import { useCollections, useItem, useSavedSearches, useTags } from '../hooks/useHostData';
import { useImport } from '../hooks/useImport';
import { useOpenedFiles } from '../hooks/useOpenedFiles';
import { useSaveCopies } from '../hooks/useSaveCopies';
import { useItemCommands } from '../hooks/useItemCommands';
import { useLinkCapture } from '../hooks/useLinkCapture';
import { useListing, useLoadedSummaries } from '../hooks/useListing';
import { useSelectionState } from '../hooks/useSelectionState';
import type { SettingsState } from '../hooks/useSettings';
import { useShortcuts } from '../hooks/useShortcuts';
import { useSubscription } from '../hooks/useSubscription';
import { useTeam } from '../hooks/useTeam';
import { useVerify } from '../hooks/useVerify';
import { useT } from '../i18n/I18nProvider';
import type { ExportContext } from '../lib/exportPlan';
import { addTerm, scopeTerm, withDateRange } from '../lib/facetQuery';
import { isArticle } from '../lib/items';
import { toggledLabel, type MarkKey } from '../lib/marks';
import { splitDropped } from '../lib/links';
import { selectAll, selectOnly } from '../lib/selection';
import { OUTSIDE, useDropTarget } from './drag';
import { useNotify, useReportError } from './notices';
import { dragCopies, onTeamDialogAsked } from '../platform/host';
import { emptyText, scopeTitle } from './views';
import './App.css';

export function Workspace({ settings }: { settings: SettingsState }) {
  const t = useT();
  const notify = useNotify();
  const reportError = useReportError();
  const actions = useHostActions();
  const stats = useArchiveStats();
  const listening = useHostChanges();
  const importer = useImport();
  const importing = importer.state.phase === 'running';
  const exporter = useExport();
  const verifier = useVerify();
  // A drop during an import is refused (the overlay said so): the host runs one import at a time.
  // A link dragged from a browser may come among the paths (Linux): it is fetched instead.
  const { start: importFiles, startLinks: importLinks } = importer;
  const importDropped = useCallback(
    (paths: string[]) => {
      const { files, links } = splitDropped(paths);
      if (files.length > 0) importFiles(files);
      else if (links.length > 0) importLinks(links);
    },
    [importFiles, importLinks],
  );
  const drop = useFileDrop(importDropped);
  // Tests wait on these: the first load has finished and a change event would be heard…
  const ready = !stats.isPending && listening !== 'subscribing';
  // …and a drop, and the progress of the import it starts, would be heard.
  const dropReady = drop.listening === 'listening' && importer.listening === 'listening';
  // …and the progress of an export or a verification.
  const jobsReady = exporter.listening === 'listening' && verifier.listening === 'listening';
  const archiveOpen = stats.data !== undefined;
  const browsing = useBrowsing();
  const { scope, order, searchText, setSearchText, query, searching, listing } = browsing;
  // The first page of rows is asked for beside the stats, not after them: the rows are what the
  // window shows first. (If the archive could not be opened, the list waits for a retry.)
  const access = useListing(listing, !stats.isError);
  // The rest of the window's data waits for the list's first answer: each answer draws the
  // window again, and at start those draws would come before the rows.
  const listed = useLatch(access.total !== null || access.error !== null);
  const rowsFirst = archiveOpen && listed;
  useOpenedFiles(importer.start, rowsFirst && dropReady && !importing);
  // A web address pasted (outside a text field) or dropped as a link is fetched and imported.
  useLinkCapture(importLinks, archiveOpen && !importing);
  const [linkDialog, setLinkDialog] = useState(false);

  const [selection, setSelection] = useSelectionState(browsing.itemsKey, browsing.orderKey);
  const commands = useItemCommands(access, selection, setSelection);
  const { selectedIds } = access;
  const selectedNow = useCallback(() => selectedIds(selection), [selectedIds, selection]);
  const saveCopy = useSaveCopies(selectedNow);
  const loadedSummary = useLoadedSummaries(listing);
  const tags = useTags(rowsFirst);
  const collections = useCollections(rowsFirst);
  const savedSearches = useSavedSearches(rowsFirst);
  const facets = useFacets(scope, query, rowsFirst);
  const [facetsOpen, setFacetsOpen] = useState(true);
  // A facet or a stretch of the timeline narrows what is listed: the search gets its filter,
  // after the view's own when there is no search yet, so the result stays within the view.
  const searchBase = () => (searchText.trim() === '' ? scopeTerm(scope, collections.data) : searchText);
  const addFacet = (term: string) => {
    setSearchText(addTerm(searchBase(), term));
  };
  const selectPeriod = (range: string) => {
    setSearchText(withDateRange(searchBase(), range));
  };

  const [openId, setOpenId] = useState<number | null>(null);
  const opened = useItem(openId, true);
  const [dialog, setDialog] = useState<'settings' | 'save-search' | 'empty-trash' | 'export' | 'duplicates' | 'team' | null>(null);
  // The team's sync: the indicator and the Team dialog (Archive → Team… in the app menu).
  const team = useTeam(rowsFirst);
  const openTeam = useCallback(() => {
    setDialog('team');
  }, []);
  useSubscription(useCallback(() => onTeamDialogAsked(openTeam), [openTeam]), 'Archive → Team…');
  const searchInput = useRef<HTMLInputElement>(null);

  const inTrash = !searching && scope.kind === 'trash';
  const exporting = exporter.state.phase === 'running';
  const openExport = () => {
    if (archiveOpen && !exporting) setDialog('export');
  };
  const searchError = searching && access.error?.code === 'invalid_input' ? access.error.message : null;

  /** A rating or label key: applies to every selected item; a label key again takes the label away. */
  const markSelection = (mark: NonNullable<MarkKey>) => {
    if (inTrash || access.selectedCount(selection) === 0) return;
    const known = [...selection.items.values()].map((item) => (loadedSummary(item.id) ?? item).label);
    void access
      .selectedIds(selection)
      .then((ids) =>
        mark.kind === 'rating'
          ? actions.rateItems({ ids, rating: mark.rating })
          : actions.labelItems({ ids, label: toggledLabel(known, mark.label) }),
      )
      .catch(reportError);
  };

  useShortcuts({
    mark: markSelection,
    find: () => {
      searchInput.current?.focus();
      searchInput.current?.select();
    },
    exportItems: openExport,
    undo: commands.undo,
    deleteSelection: () => {
      if (!inTrash) commands.trashSelection();
    },
    selectAll: () => {
      setSelection(selectAll);
    },
  });

  // Rows and tiles dragged out of the window become files for the desktop, mail or a browser.
  useDropTarget(OUTSIDE, {
    accepts: (payload) => payload.source.startsWith('list:'),
    drop: ({ payload }) => {
      void payload
        .ids()
        .then(dragCopies)
        .catch(reportError);
    },
  });

  useDropTarget('trash', {
    accepts: () => !inTrash,
    drop: ({ payload }) => {
      void payload.ids().then(commands.trash);
    },
  });

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
  const { reorderable } = browsing;
  const counted = access.total === null ? null : t(searching ? 'items.results' : 'items.count', { count: access.total });
  // In a collection's own order, say that rows can be dragged to change it.
  const note = counted !== null && reorderable && (access.total ?? 0) > 1 ? t('items.reorderHint') : null;
  const archiveEmpty = stats.data !== undefined && stats.data.items === 0 && stats.data.in_trash === 0;
  const shown = openId === null ? undefined : opened.data;
  const showFacets = archiveOpen && !inTrash && !archiveEmpty && !(searching && searchError !== null);
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
        onSort={browsing.sortBy}
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
        {...(reorderable && scope.kind === 'collection'
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

  const openCollection = searchText.trim() === '' && scope.kind === 'collection' ? collections.data?.find((c) => c.id === scope.id) : undefined;
  const exportContext: ExportContext = {
    selected: access.selectedCount(selection),
    collection: openCollection ? { id: openCollection.id, name: openCollection.name } : null,
    // What the search box shows, even in the moment before its results are asked for.
    query: searchText.trim(),
    savedSearch: savedSearches.data?.find((saved) => searchText.trim() !== '' && saved.query.trim() === searchText.trim())?.name ?? null,
  };

  const selected = selectionPanel({
    selection,
    access,
    loadedSummary,
    inTrash,
    onOpen: setOpenId,
    onTrash: commands.trashSelection,
    onRestoreSelection: commands.restoreSelection,
    onRestore: commands.restore,
  });

  return (
    <div className="app" data-testid="app" data-ready={ready ? 'true' : 'false'} data-drop-ready={dropReady ? 'true' : 'false'} data-jobs-ready={jobsReady ? 'true' : 'false'}>
      <Sidebar
        stats={stats.data}
        showLists={rowsFirst}
        scope={scope}
        searching={searching}
        onSelectScope={browsing.selectScope}
        activeQuery={searchText}
        onRunSearch={setSearchText}
        onOpenSettings={() => {
          setDialog('settings');
        }}
        onOpenDuplicates={() => {
          if (archiveOpen) setDialog('duplicates');
        }}
        team={team.query.data}
        onOpenTeam={openTeam}
      />
      <ItemArea
        title={title}
        subtitle={counted}
        note={note}
        actions={
          <>
            <SearchBox ref={searchInput} value={searchText} onChange={setSearchText} error={searchError} />
            <ViewToggle
              mode={settings.settings.viewMode}
              onChange={(viewMode) => {
                settings.update({ viewMode });
              }}
            />
            <button
              type="button"
              className="button"
              onClick={openExport}
              disabled={!archiveOpen || exporting}
              title={t('export.button')}
              aria-keyshortcuts="Control+E Meta+E"
              data-testid="export-button"
            >
              <Icon name="file" />
              {t('export.button')}
            </button>
            <button
              type="button"
              className="button"
              onClick={saveCopy}
              disabled={!archiveOpen || access.selectedCount(selection) === 0}
              title={`${t('copies.button')} — ${t('copies.buttonHint')}`}
              aria-label={t('copies.button')}
              data-testid="save-copy-button"
            >
              {/* An icon only: the toolbar is full, and File → Save a copy… says it in words. */}
              <Icon name="folder" />
            </button>
            <ImportMenu
              busy={importing}
              onPick={importer.pick}
              onLink={() => {
                setLinkDialog(true);
              }}
              loadTemplates={rowsFirst}
              template={importer.template}
              onTemplate={importer.chooseTemplate}
            />
          </>
        }
        filters={
          archiveOpen && (
            <>
              <SearchFilters
                text={searchText}
                onChange={setSearchText}
                tags={tags.data ?? []}
                onSave={() => {
                  setDialog('save-search');
                }}
              />
              {showFacets && facets.data && (
                <Timeline months={facets.data.months} undated={facets.data.undated} onSelect={selectPeriod} />
              )}
            </>
          )
        }
        notices={
          <>
            {stats.error != null && <ErrorBanner error={stats.error} onRetry={() => void stats.refetch()} retrying={stats.isFetching} />}
            <ImportStatus importer={importer} />
            <ExportStatus exporter={exporter} />
            <VerifyStatus verifier={verifier} />
            <OcrStatus />
            {inTrash && archiveOpen && (
              <TrashBar
                selected={access.selectedCount(selection)}
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
          {showFacets && (
            <FacetsPanel
              facets={facets.data}
              loading={facets.isFetching}
              failed={facets.isError}
              open={facetsOpen}
              onToggle={() => {
                setFacetsOpen((open) => !open);
              }}
              onAdd={addFacet}
            />
          )}
          {article && <ArticleReader article={article} onClose={closeItem} />}
        </div>
        {photo && <PhotoViewer key={photo.id} photo={photo} onClose={closeItem} onStep={step} />}
      </ItemArea>
      <Inspector stats={stats.data} failed={stats.isError} selection={selected} />
      {drop.dragging && <DropOverlay count={drop.count} busy={importing} />}
      {linkDialog && (
        <LinkDialog
          onImport={(link) => {
            importer.startLinks([link]);
          }}
          onClose={() => {
            setLinkDialog(false);
          }}
        />
      )}
      <Toasts />
      {dialog === 'settings' && (
        <SettingsDialog
          settings={settings.settings}
          onChange={settings.update}
          onClose={() => {
            setDialog(null);
          }}
          onVerify={verifier.state.phase === 'running' ? undefined : verifier.start}
        />
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
      {dialog === 'export' && (
        <ExportDialog
          context={exportContext}
          selectedIds={() => access.selectedIds(selection)}
          onStart={exporter.start}
          onClose={() => {
            setDialog(null);
          }}
        />
      )}
      {dialog === 'team' && archiveOpen && team.query.data !== undefined && (
        <TeamDialog
          team={team.query.data}
          onClose={() => {
            setDialog(null);
          }}
        />
      )}
      {dialog === 'duplicates' && (
        <DuplicatesDialog
          onOpen={(id) => {
            setDialog(null);
            setOpenId(id);
          }}
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
