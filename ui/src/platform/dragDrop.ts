// Files dragged onto the window from the file manager, as the OS reports them through Tauri.
//
// With `dragDropEnabled` the webview never sees these as DOM drag events: Tauri emits
// `tauri://drag-enter|over|drop|leave` to this webview instead, and `onDragDropEvent` listens to
// exactly those, so a test can simulate a drop by emitting `tauri://drag-drop` itself.
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { toWireError } from '../lib/wireError';
import type { Unsubscribe } from './host';

export type FileDrag =
  | { type: 'enter'; paths: string[] }
  | { type: 'over' }
  | { type: 'drop'; paths: string[] }
  | { type: 'leave' };

/** Runs `callback` for each step of a file drag over this window; resolves once listening. */
export async function onFileDrag(callback: (drag: FileDrag) => void): Promise<Unsubscribe> {
  try {
    const unlisten = await getCurrentWebview().onDragDropEvent(({ payload }) => {
      switch (payload.type) {
        case 'enter':
        case 'drop':
          callback({ type: payload.type, paths: [...payload.paths] });
          break;
        case 'over':
        case 'leave':
          callback({ type: payload.type });
          break;
      }
    });
    return () => {
      unlisten();
    };
  } catch (reason) {
    throw toWireError(reason);
  }
}
