// Archive → Team…: when the archive is in no team, forms to create one (this archive becomes its
// first member) or to join one (in a new archive, which Folio then opens); when it is a member,
// the team, where it lives, the last sync, what waits and the last error, with Sync now and
// Leave.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TeamView } from '../bindings/TeamView';
import { useT } from '../i18n/I18nProvider';
import { describeError } from '../lib/describeError';
import { queryKeys } from '../lib/queryKeys';
import { dateAndTime, syncText } from '../lib/teamSync';
import { isWireError } from '../lib/wireError';
import { createTeam, joinTeam, leaveTeam, syncTeam } from '../platform/host';
import { Dialog } from './Dialog';
import './Team.css';

type Props = { team: TeamView | null; onClose: () => void };

/** A team operation's failure in the host's own words: they say what to change. */
function failureText(error: unknown, t: ReturnType<typeof useT>): string {
  if (isWireError(error) && error.message.trim() !== '') return error.message.trim();
  return describeError(error, t).summary;
}

export function TeamDialog({ team, onClose }: Props) {
  return team ? <MemberView team={team} onClose={onClose} /> : <NoTeamView onClose={onClose} />;
}

function MemberView({ team, onClose }: { team: TeamView; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    work().then(
      () => {
        setBusy(false);
      },
      (reason: unknown) => {
        setBusy(false);
        setError(failureText(reason, t));
      },
    );
  };
  const leave = () => {
    run(async () => {
      await leaveTeam();
      queryClient.setQueryData<TeamView | null>(queryKeys.team, null);
      onClose();
    });
  };
  return (
    <Dialog
      title={t('team.title')}
      onClose={onClose}
      testId="team-dialog"
      footer={
        <>
          {confirmLeave ? (
            <button type="button" className="button button--danger" onClick={leave} disabled={busy} data-testid="team-leave-confirm">
              {t('team.leaveConfirm')}
            </button>
          ) : (
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                setConfirmLeave(true);
              }}
              disabled={busy}
              data-testid="team-leave"
            >
              {t('team.leave')}
            </button>
          )}
          <button
            type="button"
            className="button"
            onClick={() => {
              run(syncTeam);
            }}
            disabled={busy || team.sync.state === 'syncing'}
            data-testid="team-sync-now"
          >
            {t('team.syncNow')}
          </button>
          <button type="button" className="button button--primary" onClick={onClose} data-testid="team-close">
            {t('team.close')}
          </button>
        </>
      }
    >
      <p className="team-status" role="status" data-testid="team-status" data-state={team.sync.state}>
        {syncText(team.sync, t)}
      </p>
      <dl className="team-facts" data-testid="team-facts">
        <dt>{t('team.name')}</dt>
        <dd data-testid="team-name">{team.team}</dd>
        <dt>{t('team.database')}</dt>
        <dd data-testid="team-database">{team.database}</dd>
        <dt>{t('team.role')}</dt>
        <dd data-testid="team-role" data-reader={team.reader}>
          {t(team.reader ? 'team.roleReader' : 'team.roleEditor')}
        </dd>
        <dt>{t('team.objects')}</dt>
        <dd data-testid="team-objects">{team.objects}</dd>
        <dt>{t('team.lastSync')}</dt>
        <dd data-testid="team-last-sync">{team.last_sync ? dateAndTime(team.last_sync, t) : t('team.never')}</dd>
        <dt>{t('team.waitingLabel')}</dt>
        <dd data-testid="team-waiting">
          {t('team.waitingActions', { count: team.waiting_actions })}, {t('team.waitingUploads', { count: team.waiting_uploads })}
        </dd>
        {team.last_error && (
          <>
            <dt>{t('team.lastError')}</dt>
            <dd data-testid="team-last-error">{team.last_error}</dd>
          </>
        )}
      </dl>
      {confirmLeave && <p data-testid="team-leave-text">{t('team.leaveText')}</p>}
      {error && (
        <p className="dialog__error" role="alert" data-testid="team-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}

function NoTeamView({ onClose }: { onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'create' | 'join'>('create');
  const [database, setDatabase] = useState('');
  const [objects, setObjects] = useState('');
  const [name, setName] = useState('');
  // Kept only until it is sent: the host puts it in the computer's keychain.
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<string | null>(null);

  const ready = database.trim() !== '' && (mode === 'join' || (objects.trim() !== '' && name.trim() !== ''));
  const submit = () => {
    setBusy(true);
    setError(null);
    const secret = password === '' ? null : password;
    const work =
      mode === 'create'
        ? createTeam(database.trim(), objects.trim(), name.trim(), secret).then((view) => {
            setPassword('');
            queryClient.setQueryData<TeamView | null>(queryKeys.team, view);
          })
        : joinTeam(database.trim(), objects.trim() === '' ? null : objects.trim(), secret).then((folder) => {
            setPassword('');
            // A cancelled picker answers null: the form stays as it was.
            if (folder !== null) setJoined(folder);
          });
    work.then(
      () => {
        setBusy(false);
      },
      (reason: unknown) => {
        setBusy(false);
        setError(failureText(reason, t));
      },
    );
  };

  const field = (
    id: string,
    label: string,
    value: string,
    set: (value: string) => void,
    placeholder: string,
    hint?: string,
    type: 'text' | 'password' = 'text',
  ) => (
    <div className="field-group">
      <label className="field-group__legend" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type={type}
        autoComplete={type === 'password' ? 'off' : undefined}
        className="text-input"
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        disabled={busy}
        onChange={(event) => {
          set(event.target.value);
          setError(null);
        }}
        data-testid={id}
      />
      {hint && <p className="field-group__hint">{hint}</p>}
    </div>
  );

  return (
    <Dialog
      title={t('team.title')}
      onClose={onClose}
      testId="team-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} data-testid="team-close">
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            form="team-form"
            className="button button--primary"
            disabled={busy || !ready || joined !== null}
            data-testid="team-submit"
          >
            {busy ? t(mode === 'create' ? 'team.creating' : 'team.joining') : t(mode === 'create' ? 'team.create' : 'team.join')}
          </button>
        </>
      }
    >
      <p>{t('team.intro')}</p>
      <div className="team-choice" role="radiogroup" aria-label={t('team.title')}>
        {(['create', 'join'] as const).map((choice) => (
          <label key={choice} className="choice">
            <input
              type="radio"
              name="team-mode"
              checked={mode === choice}
              disabled={busy}
              onChange={() => {
                setMode(choice);
                setError(null);
              }}
              data-testid={`team-mode-${choice}`}
            />
            {t(choice === 'create' ? 'team.modeCreate' : 'team.modeJoin')}
          </label>
        ))}
      </div>
      <form
        id="team-form"
        className="field-group"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready && !busy) submit();
        }}
      >
        {field('team-database', t('team.database'), database, setDatabase, 'postgres://user@server/database')}
        {field('team-password', t('team.password'), password, setPassword, '', t('team.passwordHint'), 'password')}
        {field(
          'team-objects',
          t('team.objects'),
          objects,
          setObjects,
          t('team.objectsPlaceholder'),
          mode === 'join' ? t('team.objectsJoinHint') : t('team.objectsHint'),
        )}
        {mode === 'create' && field('team-name', t('team.name'), name, setName, t('team.namePlaceholder'))}
        {mode === 'join' && <p className="field-group__hint">{t('team.joinHint')}</p>}
      </form>
      {joined && (
        <p role="status" data-testid="team-joined">
          {t('team.joined', { folder: joined })}
        </p>
      )}
      {error && (
        <p className="dialog__error" role="alert" data-testid="team-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
