// A titled group in the sidebar, with an optional action beside the title, showing a hint while
// it has nothing to list.
import { useId, type ReactNode } from 'react';

type Props = { title: string; hint?: string; action?: ReactNode; children?: ReactNode; testId?: string };

export function SidebarSection({ title, hint, action, children, testId }: Props) {
  const headingId = useId();
  return (
    <section className="sidebar-section" aria-labelledby={headingId} data-testid={testId}>
      <div className="sidebar-section__head">
        <h2 id={headingId} className="sidebar-section__title">
          {title}
        </h2>
        {action}
      </div>
      {children ?? <p className="sidebar-section__hint">{hint}</p>}
    </section>
  );
}
