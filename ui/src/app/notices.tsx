// Short messages at the foot of the window ("Moved 3 items to the Trash", "Undone: …"), with an
// optional action, read out by screen readers. Errors stay until dismissed; the rest fade.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { describeError } from '../lib/describeError';

export type Notice = {
  text: string;
  tone?: 'info' | 'error';
  /** The host's own words, for errors. */
  detail?: string | null;
  action?: { label: string; run: () => void };
};

type Shown = Notice & { id: number };

const NOTICE_MS = 6000;
const NotifyContext = createContext<(notice: Notice) => void>(() => undefined);
const NoticesContext = createContext<{ shown: readonly Shown[]; dismiss: (id: number) => void }>({
  shown: [],
  dismiss: () => undefined,
});

export function NoticesProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<Shown[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setShown((current) => current.filter((notice) => notice.id !== id));
  }, []);

  const notify = useCallback(
    (notice: Notice) => {
      const id = nextId.current++;
      // The newest three: a burst of messages should not cover the window.
      setShown((current) => [...current.slice(-2), { ...notice, id }]);
      if (notice.tone !== 'error') {
        setTimeout(() => {
          dismiss(id);
        }, NOTICE_MS);
      }
    },
    [dismiss],
  );

  const notices = useMemo(() => ({ shown, dismiss }), [shown, dismiss]);
  return (
    <NotifyContext value={notify}>
      <NoticesContext value={notices}>{children}</NoticesContext>
    </NotifyContext>
  );
}

/** Shows a notice: `notify({ text: t('trash.moved', { count }) })`. */
export function useNotify(): (notice: Notice) => void {
  return useContext(NotifyContext);
}

export function useNotices() {
  return useContext(NoticesContext);
}

/** Shows a failed host call as an error notice, in plain words with the host's detail. */
export function useReportError(): (error: unknown) => void {
  const notify = useNotify();
  const t = useT();
  return useCallback(
    (error: unknown) => {
      const { summary, detail } = describeError(error, t);
      notify({ text: summary, detail, tone: 'error' });
    },
    [notify, t],
  );
}
