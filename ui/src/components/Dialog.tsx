// A modal dialog on the native <dialog> element: focus is trapped, Escape closes, the rest of
// the window is inert while it is open.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import './Dialog.css';

type Props = {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons at the foot. */
  footer: ReactNode;
  testId?: string | undefined;
};

export function Dialog({ title, onClose, children, footer, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const latestClose = useRef(onClose);
  useEffect(() => {
    latestClose.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Keep focus where it was, to give it back on close.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault();
      latestClose.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} data-testid={testId}>
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      <div className="dialog__body">{children}</div>
      <div className="dialog__footer">{footer}</div>
    </dialog>
  );
}
