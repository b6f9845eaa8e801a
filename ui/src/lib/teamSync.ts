// The sync indicator's words for how the team's sync goes.
import type { SyncState } from '../bindings/SyncState';
import type { Translate } from '../i18n/translate';

/** The time of day of an RFC 3339 moment, as HH:MM in this computer's time zone. */
export function timeOfDay(moment: string, t: Translate): string {
  const date = new Date(moment);
  if (Number.isNaN(date.getTime())) return moment;
  return new Intl.DateTimeFormat(t.locale === 'en' ? 'en-GB' : t.locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
}

/** A moment as a date and time in the UI's language, for the Team dialog. */
export function dateAndTime(moment: string, t: Translate): string {
  const date = new Date(moment);
  if (Number.isNaN(date.getTime())) return moment;
  return new Intl.DateTimeFormat(t.locale === 'en' ? 'en-GB' : t.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** What the indicator says. */
export function syncText(state: SyncState, t: Translate): string {
  switch (state.state) {
    case 'up_to_date':
      return t('team.upToDate');
    case 'syncing':
      return t('team.syncing');
    case 'waiting':
      return t('team.waiting', { count: state.actions });
    case 'offline':
      return t('team.offline', { time: timeOfDay(state.since, t) });
    case 'failed':
      return t('team.failed', { message: state.message });
  }
}
