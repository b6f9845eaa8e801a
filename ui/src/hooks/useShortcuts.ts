// Window-wide keys: Ctrl/Cmd+F finds, Ctrl/Cmd+E exports, Ctrl/Cmd+Z undoes (not while typing: then the text box
// undoes its own typing), and Delete and Ctrl/Cmd+A act on the items when nothing else has focus.
// 0–5 rate the selected items and 6–9 label them (Photo Mechanic's keys), unless typing.
import { useEffect, useRef } from 'react';
import { markForKey, type MarkKey } from '../lib/marks';
import { commandKey } from './useItemInteractions';

export type Shortcuts = {
  find: () => void;
  exportItems: () => void;
  undo: () => void;
  deleteSelection: () => void;
  selectAll: () => void;
  mark: (mark: NonNullable<MarkKey>) => void;
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select') !== null;
}

export function useShortcuts(shortcuts: Shortcuts): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A modal dialog has the window to itself; a handled key is handled.
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const key = event.key.toLowerCase();
      const command = commandKey(event) && !event.altKey;
      const nothingFocused = document.activeElement === document.body || document.activeElement === null;
      const mark = isTyping(event.target) ? null : markForKey(event.key, event.ctrlKey || event.metaKey || event.altKey);
      if (mark) {
        event.preventDefault();
        latest.current.mark(mark);
      } else if (command && key === 'f') {
        event.preventDefault();
        latest.current.find();
      } else if (command && key === 'e' && !event.shiftKey) {
        // Also keeps the browser engine's own Ctrl+E (focus its search bar) out of the way.
        event.preventDefault();
        latest.current.exportItems();
      } else if (command && key === 'z' && !event.shiftKey && !isTyping(event.target)) {
        event.preventDefault();
        latest.current.undo();
      } else if (nothingFocused && (event.key === 'Delete' || (command && event.key === 'Backspace'))) {
        event.preventDefault();
        latest.current.deleteSelection();
      } else if (nothingFocused && command && key === 'a') {
        event.preventDefault();
        latest.current.selectAll();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
