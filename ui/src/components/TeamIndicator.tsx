// The team's sync, always in view at the foot of the sidebar: up to date, what waits to be sent,
// offline since when, or the error in words. Nothing when the archive is in no team. A click
// opens the Team dialog.
import type { TeamView } from '../bindings/TeamView';
import { useT } from '../i18n/I18nProvider';
import { syncText } from '../lib/teamSync';
import './Team.css';

type Props = { team: TeamView | null | undefined; onOpen: () => void };

export function TeamIndicator({ team, onOpen }: Props) {
  const t = useT();
  if (!team) return null;
  const text = syncText(team.sync, t);
  // Offline or failed, the count of what waits is in the tooltip.
  const waiting = team.waiting_actions > 0 && team.sync.state !== 'waiting' ? `\n${t('team.waiting', { count: team.waiting_actions })}` : '';
  const reader = team.reader ? `\n${t('team.roleReader')}` : '';
  return (
    <button
      type="button"
      className="sidebar-item team-indicator"
      onClick={onOpen}
      title={`${t('team.indicatorHint', { team: team.team })}\n${text}${waiting}${reader}`}
      data-testid="team-indicator"
      data-state={team.sync.state}
    >
      <span className={`team-indicator__dot team-indicator__dot--${team.sync.state}`} aria-hidden="true" />
      <span className="sidebar-item__label team-indicator__text" role="status">
        {text}
      </span>
    </button>
  );
}
