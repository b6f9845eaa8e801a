//! The team's sync in the desktop: while the open archive is a member of a team, one background
//! thread keeps it in step. It holds its own connection to the team's log (and a second one that
//! `LISTEN`s for other members' appends), so it connects without the archive's writer; it takes
//! the writer only for a round that has something to send or receive, so the person keeps
//! editing. A round starts when another member sends (the notification), soon after a local
//! write (`nudge`), when asked (Sync now), and every [`sync::POLL`] whatever happens. What a
//! round received goes to the window as the same `folio://changed` a local write sends, and how
//! syncing goes as `folio://team` (the indicator and the Team dialog).

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use folio_core::handle::ReadHandle;
use folio_core::tables::team::Membership;
use folio_core::team_view::{SyncState, TeamView};
use folio_team::address::DatabaseAddress;
use folio_team::log::{Listener, TeamLog};
use folio_team::objects::Objects;
use folio_team::sync;
use tauri::{AppHandle, Manager};

use crate::events;
use crate::state::AppState;

/// How long to wait before trying again after a round failed or the database was out of reach.
const RETRY: Duration = Duration::from_secs(10);

/// How long to give the database's server to answer a plain connection, to tell "out of reach"
/// from the other failures.
const REACH_TIMEOUT: Duration = Duration::from_secs(3);

/// The desktop's team sync: what wakes its thread and how syncing goes now.
#[derive(Default)]
pub struct TeamSync {
    wake: Mutex<Wake>,
    woken: Condvar,
    live: Mutex<Live>,
    /// What `folio://team` last said, so the same is not said twice.
    published: Mutex<Option<Option<TeamView>>>,
}

#[derive(Default)]
struct Wake {
    /// Something was written here: look for what to send.
    nudged: bool,
    /// Sync now: a round even when nothing seems to wait.
    forced: bool,
}

/// How syncing goes, as only the running thread knows it.
#[derive(Default)]
struct Live {
    syncing: bool,
    /// Since when (RFC 3339) the database has been out of reach, and how.
    offline: Option<(String, String)>,
    /// Why the last attempt failed otherwise.
    failed: Option<String>,
    /// When this session last found the archive and the team in step.
    checked_at: Option<String>,
}

/// Why an attempt failed.
enum Problem {
    Offline(String),
    Failed(String),
}

/// This archive's connections to its team, kept between rounds.
struct Link {
    database: String,
    log: TeamLog,
    store: Objects,
    listener: Option<Listener>,
}

impl TeamSync {
    /// Asks for a look at what waits to be sent, soon (after a local write).
    pub fn nudge(&self) {
        self.signal(|wake| wake.nudged = true);
    }

    /// Asks for a round now, even when nothing seems to wait (Sync now, a new membership).
    pub fn sync_now(&self) {
        self.signal(|wake| wake.forced = true);
    }

    fn signal(&self, set: impl FnOnce(&mut Wake)) {
        if let Ok(mut wake) = self.wake.lock() {
            set(&mut wake);
            self.woken.notify_all();
        }
    }

    fn live(&self) -> MutexGuard<'_, Live> {
        self.live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The team as the window shows it; none when the archive is in no team.
    pub fn view(&self, reader: &ReadHandle) -> folio_team::Result<Option<TeamView>> {
        let Some(team) = reader.membership()? else {
            return Ok(None);
        };
        let waiting_actions = reader.waiting_count()?;
        // Counting the originals reads every waiting action: only when some wait.
        let waiting_uploads = if waiting_actions > 0 {
            sync::status(reader)?.map_or(0, |status| status.waiting_uploads as i64)
        } else {
            0
        };
        let live = self.live();
        let sync = state_of(&live, &team, waiting_actions);
        Ok(Some(TeamView {
            last_sync: live.checked_at.clone().or(team.last_sync),
            team: team.name,
            database: team.database,
            objects: team.objects,
            joined_at: team.joined_at,
            last_error: team.last_error,
            reader: team.read_only,
            waiting_actions,
            waiting_uploads,
            sync,
        }))
    }

    /// Sends `folio://team` when what the window shows of the team changed.
    fn publish(&self, app: &AppHandle, reader: &ReadHandle) {
        let view = match self.view(reader) {
            Ok(view) => view,
            Err(error) => {
                tracing::warn!("cannot read the team's state: {error}");
                return;
            }
        };
        if let Ok(mut published) = self.published.lock() {
            if published.as_ref() == Some(&view) {
                return;
            }
            *published = Some(view.clone());
        }
        events::team_changed(app, view.as_ref());
    }

    /// Waits for a nudge, a request, another member's append or `until`; true when a round was
    /// asked for whatever waits.
    fn wait(&self, listener: &mut Option<Listener>, until: Instant) -> bool {
        loop {
            if let Ok(mut wake) = self.wake.lock()
                && (wake.nudged || wake.forced)
            {
                let forced = wake.forced;
                *wake = Wake::default();
                return forced;
            }
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            match listener {
                // Short waits on the notifications, so a nudge is seen within a fraction of a second.
                Some(listening) => match listening.wait(left.min(Duration::from_millis(200))) {
                    Ok(true) => return false,
                    Ok(false) => {}
                    // The connection is gone: the round that follows finds out why (and says
                    // so), and connects again.
                    Err(error) => {
                        tracing::info!("stopped listening to the team: {error}");
                        *listener = None;
                        return false;
                    }
                },
                None => {
                    if let Ok(wake) = self.wake.lock() {
                        let _ = self.woken.wait_timeout(wake, left);
                    }
                }
            }
        }
    }
}

/// The indicator's state: a running round, then being out of reach, a failure, what waits.
fn state_of(live: &Live, team: &Membership, waiting: i64) -> SyncState {
    if live.syncing {
        SyncState::Syncing
    } else if let Some((since, reason)) = &live.offline {
        SyncState::Offline {
            since: since.clone(),
            reason: reason.clone(),
        }
    } else if let Some(message) = &live.failed {
        SyncState::Failed {
            message: message.clone(),
        }
    } else if waiting > 0 {
        SyncState::Waiting { actions: waiting }
    } else if let (None, Some(error)) = (&live.checked_at, &team.last_error) {
        // Before this session's first round: how the last one ended.
        SyncState::Failed {
            message: error.clone(),
        }
    } else {
        SyncState::UpToDate
    }
}

/// Starts the sync thread for the open archive (it idles while the archive is in no team).
pub fn start(app: &AppHandle) {
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("team-sync".into())
        .spawn(move || run(&app));
    if let Err(error) = spawned {
        tracing::error!("cannot start the team sync: {error}");
    }
}

fn run(app: &AppHandle) {
    let state = app.state::<AppState>();
    let Ok(reader) = state.reader().cloned() else {
        return;
    };
    let team_sync = app.state::<TeamSync>();
    let mut link: Option<Link> = None;
    let mut retry_at: Option<Instant> = None;
    // The first pass catches up with what the team did while Folio was closed.
    let mut forced = true;
    loop {
        match reader.membership() {
            Ok(Some(team)) => {
                let due = forced || retry_at.is_none_or(|at| Instant::now() >= at);
                if due {
                    let outcome = attempt(app, &reader, &team, &mut link, forced);
                    let mut live = team_sync.live();
                    live.syncing = false;
                    match outcome {
                        Ok(()) => {
                            retry_at = None;
                            live.offline = None;
                            live.failed = None;
                            live.checked_at = Some(now());
                        }
                        Err(problem) => {
                            link = None;
                            retry_at = Some(Instant::now() + RETRY);
                            match problem {
                                Problem::Offline(reason) => {
                                    let since = live.offline.take().map_or_else(now, |(s, _)| s);
                                    live.offline = Some((since, reason));
                                    live.failed = None;
                                }
                                Problem::Failed(message) => {
                                    live.offline = None;
                                    live.failed = Some(message);
                                }
                            }
                        }
                    }
                }
            }
            Ok(None) => {
                link = None;
                retry_at = None;
                *team_sync.live() = Live::default();
            }
            Err(error) => tracing::warn!("cannot read the archive's team: {error}"),
        }
        team_sync.publish(app, &reader);
        let until = retry_at.unwrap_or_else(|| Instant::now() + sync::POLL);
        let mut listener = link.as_mut().and_then(|l| l.listener.take());
        forced = team_sync.wait(&mut listener, until);
        if let Some(link) = link.as_mut() {
            link.listener = listener;
        }
    }
}

/// Connects when needed, then runs a round when something waits on either side (or `forced`).
fn attempt(
    app: &AppHandle,
    reader: &ReadHandle,
    team: &Membership,
    link: &mut Option<Link>,
    forced: bool,
) -> Result<(), Problem> {
    if link.as_ref().is_none_or(|l| l.database != team.database) {
        *link = Some(Link::connect(team).map_err(|error| classify(team, &error))?);
    } else if let Some(deaf) = link.as_mut().filter(|l| l.listener.is_none()) {
        deaf.listener = listen(team);
    }
    let Some(connected) = link.as_mut() else {
        return Ok(());
    };
    let waiting = reader.waiting_count().map_err(|e| failed(&e))?;
    let newer = connected
        .log
        .last_seq()
        .map_err(|error| classify(team, &error))?;
    if !forced && waiting == 0 && newer <= team.pulled {
        return Ok(());
    }
    let team_sync = app.state::<TeamSync>();
    team_sync.live().syncing = true;
    team_sync.publish(app, reader);
    let report = {
        let state = app.state::<AppState>();
        let mut writer = state
            .writer()
            .map_err(|error| Problem::Failed(error.message))?;
        sync::sync_over(&mut writer, &mut connected.log, &connected.store)
    }
    .map_err(|error| classify(team, &error))?;
    events::received(app, &report.changes);
    Ok(())
}

impl Link {
    fn connect(team: &Membership) -> folio_team::Result<Self> {
        let address = DatabaseAddress::parse(&team.database)?;
        let mut log = TeamLog::connect(&address)?;
        log.check_schema()?;
        let store = Objects::open(&team.objects)?;
        Ok(Self {
            database: team.database.clone(),
            log,
            store,
            listener: listen(team),
        })
    }
}

/// A connection that hears other members' appends. Without one the poll still finds the team's
/// news, later; each attempt tries again.
fn listen(team: &Membership) -> Option<Listener> {
    DatabaseAddress::parse(&team.database)
        .and_then(|address| Listener::connect(&address))
        .map_err(|error| tracing::info!("not listening to the team: {error}"))
        .ok()
}

/// A database failure is "offline" when the database's server cannot be reached at all; every
/// other failure is said in its own words.
fn classify(team: &Membership, error: &folio_team::Error) -> Problem {
    match error {
        folio_team::Error::Database(reason) if !reachable(&team.database) => {
            Problem::Offline(reason.clone())
        }
        other => failed(other),
    }
}

fn failed(error: &dyn std::fmt::Display) -> Problem {
    Problem::Failed(error.to_string())
}

/// Whether the server of a `postgres://` address accepts a connection. An address this cannot
/// read (a local socket) counts as out of reach when connecting to it failed.
fn reachable(database: &str) -> bool {
    let Ok(url) = url::Url::parse(database) else {
        return false;
    };
    let Some(host) = url.host_str().filter(|host| !host.is_empty()) else {
        return false;
    };
    let port = url.port().unwrap_or(5432);
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let Ok(addresses) = std::net::ToSocketAddrs::to_socket_addrs(&(host, port)) else {
        return false;
    };
    addresses
        .into_iter()
        .any(|address| std::net::TcpStream::connect_timeout(&address, REACH_TIMEOUT).is_ok())
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(last_error: Option<&str>) -> Membership {
        Membership {
            uid: "u".into(),
            name: "Desk".into(),
            database: "postgres://folio@localhost/desk".into(),
            objects: "/srv/desk".into(),
            pulled: 0,
            joined_at: "2026-12-06T09:00:00.000Z".into(),
            last_sync: None,
            last_error: last_error.map(str::to_owned),
            read_only: false,
        }
    }

    #[test]
    fn the_indicator_says_a_running_round_then_out_of_reach_then_a_failure_then_what_waits() {
        let mut live = Live::default();
        assert_eq!(state_of(&live, &team(None), 0), SyncState::UpToDate);
        assert_eq!(
            state_of(&live, &team(None), 3),
            SyncState::Waiting { actions: 3 }
        );
        // Before this session's first round, the last recorded error is what is known.
        assert_eq!(
            state_of(&live, &team(Some("permission denied")), 0),
            SyncState::Failed {
                message: "permission denied".into()
            }
        );
        live.checked_at = Some(now());
        assert_eq!(
            state_of(&live, &team(Some("permission denied")), 0),
            SyncState::UpToDate
        );
        live.failed = Some("the team's originals: disk full".into());
        assert!(matches!(
            state_of(&live, &team(None), 3),
            SyncState::Failed { .. }
        ));
        live.offline = Some(("2026-12-06T10:42:00.000Z".into(), "refused".into()));
        assert!(matches!(
            state_of(&live, &team(None), 3),
            SyncState::Offline { .. }
        ));
        live.syncing = true;
        assert_eq!(state_of(&live, &team(None), 3), SyncState::Syncing);
    }

    #[test]
    fn a_server_nobody_listens_on_is_out_of_reach() {
        // Port 1 on this computer: nothing listens there.
        assert!(!reachable("postgres://folio@127.0.0.1:1/desk"));
        assert!(!reachable("host=/run/postgresql dbname=desk"));
        let listening = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listening.local_addr().unwrap().port();
        assert!(reachable(&format!(
            "postgres://folio@127.0.0.1:{port}/desk"
        )));
    }
}
