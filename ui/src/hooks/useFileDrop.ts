// Follows files dragged over the window from the file manager and hands over the dropped paths.
import { useCallback, useEffect, useRef, useState } from 'react';
import { onFileDrag } from '../platform/dragDrop';
import { useSubscription, type ListenState } from './useSubscription';

export type FileDropState = {
  /** Files are being dragged over the window right now. */
  dragging: boolean;
  /** How many files or folders the drag carries, when the system said. */
  count: number | null;
  listening: ListenState;
};

export function useFileDrop(onDrop: (paths: string[]) => void): FileDropState {
  const [drag, setDrag] = useState<{ dragging: boolean; count: number | null }>({
    dragging: false,
    count: null,
  });
  const latestOnDrop = useRef(onDrop);
  useEffect(() => {
    latestOnDrop.current = onDrop;
  });

  const subscribe = useCallback(
    () =>
      onFileDrag((event) => {
        switch (event.type) {
          case 'enter':
            setDrag({ dragging: true, count: event.paths.length });
            break;
          case 'over':
            // `over` also follows a drag whose `enter` came before the listener did.
            setDrag((current) => (current.dragging ? current : { dragging: true, count: null }));
            break;
          case 'leave':
            setDrag({ dragging: false, count: null });
            break;
          case 'drop':
            setDrag({ dragging: false, count: null });
            if (event.paths.length > 0) latestOnDrop.current(event.paths);
            break;
        }
      }),
    [],
  );
  const listening = useSubscription(subscribe, 'files dropped on the window');
  return { ...drag, listening };
}
