// The window's layout: sidebar, item area and inspector, fed by the host; drop files anywhere.
import { useState } from 'react';
import { DropOverlay } from '../components/DropOverlay';
import { ErrorBanner } from '../components/ErrorBanner';
import { ImportMenu } from '../components/ImportMenu';
import { ImportStatus } from '../components/ImportStatus';
import { Inspector } from '../components/Inspector';
import { ItemArea } from '../components/ItemArea';
import { LibraryContent } from '../components/LibraryContent';
import { Sidebar } from '../components/Sidebar';
import { useArchiveStats } from '../hooks/useArchiveStats';
import { useFileDrop } from '../hooks/useFileDrop';
import { useHostChanges } from '../hooks/useHostChanges';
import { useImport } from '../hooks/useImport';
import { findView, type ViewId } from './views';
import './App.css';

export function App() {
  const [viewId, setViewId] = useState<ViewId>('all');
  const view = findView(viewId);
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

  return (
    <div
      className="app"
      data-testid="app"
      data-ready={ready ? 'true' : 'false'}
      data-drop-ready={dropReady ? 'true' : 'false'}
    >
      <Sidebar stats={stats.data} selected={viewId} onSelect={setViewId} />
      <ItemArea
        title={view.label}
        actions={<ImportMenu busy={importing} onPick={importer.pick} />}
        notices={
          <>
            {stats.error != null && (
              <ErrorBanner
                error={stats.error}
                onRetry={() => void stats.refetch()}
                retrying={stats.isFetching}
              />
            )}
            <ImportStatus importer={importer} />
          </>
        }
      >
        <LibraryContent view={view} stats={stats.data} />
      </ItemArea>
      <Inspector stats={stats.data} failed={stats.isError} />
      {drop.dragging && <DropOverlay count={drop.count} busy={importing} />}
    </div>
  );
}
