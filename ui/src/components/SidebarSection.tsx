// A titled group in the sidebar, showing a hint while it has nothing to list.
import { useId, type ReactNode } from 'react';

type Props = { title: string; hint?: string; children?: ReactNode };

export function SidebarSection({ title, hint, children }: Props) {
  const headingId = useId();
  return (
    <section className="sidebar-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="sidebar-section__title">
        {title}
      </h2>
      {children ?? <p className="sidebar-section__hint">{hint}</p>}
    </section>
  );
}
