// Dragging items inside the window: rows onto a collection or tag in the sidebar, onto a figure,
// or between rows of a collection to reorder it.
//
// Built on pointer events, not HTML5 drag and drop: with Tauri's `dragDropEnabled` (which gives
// us OS file drops) WebView2 on Windows never delivers HTML5 drag events inside the page
// (tauri-apps/tauri#4168). Pointer events work everywhere and tests can drive them with a mouse.
// Drop targets are elements with `data-drop="kind:id"`; the component that owns a kind handles it.
// A drag that leaves the window goes to the handler of the kind `outside` (if one accepts it),
// which hands it to the system as a drag of files; the drag inside the window then ends.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
} from 'react';
import './drag.css';

export type DragPayload = {
  /** What the ghost under the pointer says, e.g. "3 items". */
  label: string;
  /** The dragged items' ids, resolved when dropped (a "select all" may need loading). */
  ids: () => Promise<number[]>;
  /** Their kinds when known, so a figure can refuse anything but a photo. */
  kinds: readonly string[];
  /** Where the drag started, e.g. "list:<listing>"; row targets only accept their own list. */
  source: string;
};

export type DropPosition = 'before' | 'after' | 'on';
export type DropEvent = { payload: DragPayload; id: string; position: DropPosition };
export type DropHandler = {
  accepts: (payload: DragPayload, id: string) => boolean;
  drop: (event: DropEvent) => void;
  /** Rows take a drop before or after them; everything else takes it on itself. */
  between?: boolean;
};

type DragApi = {
  /** Call from pointerdown: a drag starts once the pointer has moved a few pixels. */
  arm: (event: ReactPointerEvent, payload: () => DragPayload) => void;
  register: (kind: string, handler: DropHandler) => () => void;
  active: DragPayload | null;
};

const START_DISTANCE = 5;
/** The handler kind that takes drags leaving the window. */
export const OUTSIDE = 'outside';
/** Near the top or bottom edge of a scrolling list, a drag scrolls it (to reach far rows). */
const EDGE = 36;
const EDGE_SPEED = 14;
const DragContext = createContext<DragApi | null>(null);

type Armed = { x: number; y: number; pointerId: number; payload: () => DragPayload };

export function DragProvider({ children }: { children: ReactNode }) {
  const handlers = useRef(new Map<string, DropHandler>());
  const armed = useRef<Armed | null>(null);
  const dragging = useRef<DragPayload | null>(null);
  const over = useRef<{ element: HTMLElement; kind: string; id: string; position: DropPosition } | null>(null);
  const ghost = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<DragPayload | null>(null);
  /** Where the pointer is during a drag, for scrolling at the edges between moves. */
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const scrollFrame = useRef(0);

  const clearOver = useCallback(() => {
    if (over.current) delete over.current.element.dataset.dropOver;
    over.current = null;
  }, []);

  const finish = useCallback(() => {
    cancelAnimationFrame(scrollFrame.current);
    scrollFrame.current = 0;
    pointer.current = null;
    armed.current = null;
    dragging.current = null;
    clearOver();
    setActive(null);
    document.documentElement.classList.remove('is-dragging');
  }, [clearOver]);

  useEffect(() => {
    const findTarget = (x: number, y: number, payload: DragPayload) => {
      const element = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-drop]');
      if (!element) return null;
      const [kind = '', ...rest] = (element.dataset.drop ?? '').split(':');
      const id = rest.join(':');
      const handler = handlers.current.get(kind);
      if (!handler?.accepts(payload, id)) return null;
      let position: DropPosition = 'on';
      if (handler.between) {
        const box = element.getBoundingClientRect();
        position = y < box.top + box.height / 2 ? 'before' : 'after';
      }
      return { element, kind, id, position };
    };

    /** While the pointer rests near an edge of a `data-drag-scroll` element, keep scrolling it. */
    const scrollAtEdge = () => {
      scrollFrame.current = 0;
      const at = pointer.current;
      if (!at || !dragging.current) return;
      const scroller = document.elementFromPoint(at.x, at.y)?.closest<HTMLElement>('[data-drag-scroll]');
      if (!scroller) return;
      const box = scroller.getBoundingClientRect();
      const delta = at.y < box.top + EDGE ? -EDGE_SPEED : at.y > box.bottom - EDGE ? EDGE_SPEED : 0;
      if (delta === 0) return;
      scroller.scrollTop += delta;
      scrollFrame.current = requestAnimationFrame(scrollAtEdge);
    };

    const onMove = (event: PointerEvent) => {
      const start = armed.current;
      if (!start || event.pointerId !== start.pointerId) return;
      if (!dragging.current) {
        if (Math.hypot(event.clientX - start.x, event.clientY - start.y) < START_DISTANCE) return;
        dragging.current = start.payload();
        setActive(dragging.current);
        document.documentElement.classList.add('is-dragging');
        window.getSelection()?.removeAllRanges();
      }
      pointer.current = { x: event.clientX, y: event.clientY };
      const outside = event.clientX < 0 || event.clientY < 0 || event.clientX >= window.innerWidth || event.clientY >= window.innerHeight;
      const leave = handlers.current.get(OUTSIDE);
      if (outside && leave?.accepts(dragging.current, '')) {
        const payload = dragging.current;
        finish();
        leave.drop({ payload, id: '', position: 'on' });
        return;
      }
      if (scrollFrame.current === 0) scrollFrame.current = requestAnimationFrame(scrollAtEdge);
      if (ghost.current) ghost.current.style.transform = `translate(${String(event.clientX + 14)}px, ${String(event.clientY + 10)}px)`;
      const target = findTarget(event.clientX, event.clientY, dragging.current);
      if (over.current?.element !== target?.element) clearOver();
      if (target) {
        over.current = target;
        target.element.dataset.dropOver = target.position;
      }
    };

    const onUp = (event: PointerEvent) => {
      const start = armed.current;
      if (!start || event.pointerId !== start.pointerId) return;
      const payload = dragging.current;
      const target = payload ? findTarget(event.clientX, event.clientY, payload) : null;
      if (payload) {
        // The click that follows a drag is not a click on the row it ended over.
        const swallow = (click: MouseEvent) => {
          click.stopPropagation();
          click.preventDefault();
        };
        window.addEventListener('click', swallow, { capture: true, once: true });
        setTimeout(() => {
          window.removeEventListener('click', swallow, { capture: true });
        }, 0);
      }
      finish();
      if (payload && target) handlers.current.get(target.kind)?.drop({ payload, id: target.id, position: target.position });
    };

    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && dragging.current) {
        event.preventDefault();
        event.stopPropagation();
        finish();
      }
    };

    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', finish);
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', finish);
      window.removeEventListener('keydown', onKey, { capture: true });
    };
  }, [clearOver, finish]);

  const arm = useCallback((event: ReactPointerEvent, payload: () => DragPayload) => {
    if (event.button !== 0) return;
    armed.current = { x: event.clientX, y: event.clientY, pointerId: event.pointerId, payload };
  }, []);

  const register = useCallback((kind: string, handler: DropHandler) => {
    handlers.current.set(kind, handler);
    return () => {
      if (handlers.current.get(kind) === handler) handlers.current.delete(kind);
    };
  }, []);

  const api = useMemo(() => ({ arm, register, active }), [arm, register, active]);
  return (
    <DragContext value={api}>
      {children}
      {active && (
        <div ref={ghost} className="drag-ghost" data-testid="drag-ghost" aria-hidden="true">
          {active.label}
        </div>
      )}
    </DragContext>
  );
}

export function useDrag(): DragApi {
  const api = useContext(DragContext);
  if (!api) throw new Error('useDrag needs a DragProvider');
  return api;
}

/** Handles drops on elements with `data-drop="kind:…"` while the component is mounted. */
export function useDropTarget(kind: string, handler: DropHandler): void {
  const { register } = useDrag();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(
    () =>
      register(kind, {
        accepts: (payload, id) => latest.current.accepts(payload, id),
        drop: (event) => {
          latest.current.drop(event);
        },
        ...(handler.between ? { between: true } : {}),
      }),
    [register, kind, handler.between],
  );
}
