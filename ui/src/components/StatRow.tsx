// One label and value in the inspector's Archive panel.
import type { ReactNode } from 'react';

type Props = {
  label: string;
  testId?: string;
  /** Put the value under the label, for long values such as paths. */
  stacked?: boolean;
  children: ReactNode;
};

export function StatRow({ label, testId, stacked = false, children }: Props) {
  return (
    <div className={stacked ? 'stat-row stat-row--stacked' : 'stat-row'}>
      <dt className="stat-row__label">{label}</dt>
      <dd className="stat-row__value" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
