// The window's layout: sidebar, item area and inspector, fed by the host's stats.
import { useState } from 'react';
import { ItemArea } from '../components/ItemArea';
import { Inspector } from '../components/Inspector';
import { Sidebar } from '../components/Sidebar';
import { useArchiveStats } from '../hooks/useArchiveStats';
import { useHostChanges } from '../hooks/useHostChanges';
import { viewLabel, type ViewId } from './views';
import './App.css';

export function App() {
  const [view, setView] = useState<ViewId>('all');
  const stats = useArchiveStats();
  const listening = useHostChanges();
  // Tests wait on this: the first load has finished and a change event would be heard.
  const ready = !stats.isPending && listening !== 'subscribing';

  return (
    <div className="app" data-testid="app" data-ready={ready ? 'true' : 'false'}>
      <Sidebar stats={stats.data} selected={view} onSelect={setView} />
      <ItemArea
        title={viewLabel(view)}
        stats={stats.data}
        error={stats.error}
        onRetry={() => void stats.refetch()}
        retrying={stats.isFetching}
      />
      <Inspector stats={stats.data} failed={stats.isError} />
    </div>
  );
}
