// Web addresses pasted into the window (Ctrl/Cmd+V outside a text field) or dropped on it as
// links, handed over for import.
//
// Dropped links arrive only where the webview delivers an HTML5 `drop` carrying `text/uri-list`:
// with Tauri's `dragDropEnabled` the OS drop goes to Tauri, whose event carries file paths only
// (tauri-apps/tauri#10853, #11891). The README says where this works.
import { useEffect, useRef } from 'react';
import { linksIn } from '../lib/links';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select') !== null;
}

/** The links a drag carries, if it carries any (and no files). */
function draggedLinks(data: DataTransfer | null): string[] {
  if (!data || data.types.includes('Files')) return [];
  return linksIn(data.getData('text/uri-list') || data.getData('text/plain'));
}

function carriesLinks(data: DataTransfer | null): boolean {
  return data !== null && !data.types.includes('Files') && data.types.includes('text/uri-list');
}

/** Calls `onLinks` with the addresses pasted or dropped while `enabled`. */
export function useLinkCapture(onLinks: (links: string[]) => void, enabled: boolean): void {
  const latest = useRef(onLinks);
  useEffect(() => {
    latest.current = onLinks;
  });

  useEffect(() => {
    if (!enabled) return;
    const onPaste = (event: ClipboardEvent) => {
      // A text field takes its own paste; a dialog has the window to itself.
      if (event.defaultPrevented || isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const links = linksIn(event.clipboardData?.getData('text/plain') ?? '');
      if (links.length === 0) return;
      event.preventDefault();
      latest.current(links);
    };
    // A drop is only allowed where the page says so during the drag.
    const onDragOver = (event: DragEvent) => {
      if (carriesLinks(event.dataTransfer)) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      if (isTyping(event.target)) return;
      const links = draggedLinks(event.dataTransfer);
      if (links.length === 0) return;
      event.preventDefault();
      latest.current(links);
    };
    document.addEventListener('paste', onPaste);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [enabled]);
}
