//! Creating, joining and leaving a team, and one sync round: first send what waits here (the
//! originals and thumbnails each import names, then its action), then receive what the team's
//! log holds after this archive's cursor and apply it in the log's order. Receiving brings the
//! records, their search index and each photo's grid thumbnail, not the originals: those are
//! fetched when needed (see [`crate::originals`]).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use folio_core::changes::ChangeSet;
use folio_core::handle::{ReadHandle, ThumbnailShelf, WriteHandle};
use folio_core::journal::Action;
use folio_core::tables::team::{Membership, Pulled};
use serde::Serialize;

use crate::address::DatabaseAddress;
use crate::log::{Listener, TeamLog, TeamRecord};
use crate::objects::Objects;
use crate::{Error, Result, keychain};

/// How many actions one round sends at a time.
pub const SEND_BATCH: i64 = 500;

/// What one sync round did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct SyncReport {
    pub sent: usize,
    pub received: usize,
    pub uploaded: usize,
    /// Grid thumbnails fetched for the photos received (originals are fetched on demand).
    pub thumbnails: usize,
    /// Bytes fetched from the team's store.
    pub downloaded_bytes: u64,
    /// The team log's sequence number this archive has applied everything up to.
    pub pulled: i64,
    #[serde(skip)]
    pub changes: ChangeSet,
}

/// The team as this archive sees it, without asking the network.
#[derive(Debug, Clone, Serialize)]
pub struct TeamStatus {
    pub team: String,
    pub database: String,
    pub objects: String,
    pub joined_at: String,
    pub last_sync: Option<String>,
    pub last_error: Option<String>,
    /// Actions made here that the team has not received yet.
    pub waiting_actions: i64,
    /// Originals those actions name, to be uploaded first.
    pub waiting_uploads: usize,
    pub pulled: i64,
    /// The cache of originals fetched from the team: how full, and its limit.
    pub cache: folio_core::originals::CacheUsage,
    /// A reader of the team: receives the team's changes, makes none.
    pub reader: bool,
}

/// The thumbnail fetched with each photo received: the size the window's grid shows, so a
/// member opening the window right after joining sees pictures, at a few kilobytes a photo.
/// Larger thumbnails and the originals come when they are shown or exported.
const RECEIVED_THUMBNAIL_SIDE: u32 = folio_core::photo::THUMBNAIL_SIDES[0];

/// Makes this archive the first member of a new team: installs the team schema in the database,
/// records the team, then sends the whole journal and its originals.
pub fn create(
    handle: &mut WriteHandle,
    database: &str,
    objects: &str,
    name: &str,
) -> Result<SyncReport> {
    if let Some(team) = handle.membership()? {
        return Err(Error::Team(format!(
            "this archive is already a member of the team \"{}\"; leave it first (folio team leave)",
            team.name
        )));
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Team("give the team a name".into()));
    }
    let address = DatabaseAddress::parse(database)?;
    let store = Objects::create(objects)?;
    let mut log = TeamLog::connect(&address)?;
    keep_password(&address)?;
    log.install()?;
    let record = TeamRecord {
        uid: uuid::Uuid::new_v4().to_string(),
        name: name.to_owned(),
        objects: objects.to_owned(),
    };
    log.create_team(&record)?;
    let read_only = !log.may_push()?;
    handle.join_team(&membership(&record, &address, objects, read_only))?;
    let result = round(handle, &mut log, &store);
    finish(handle, result)
}

/// Makes a new archive in `dir` holding the team's record. `objects` overrides where this
/// computer finds the team's originals (a share mounted elsewhere); by default, where the team
/// says.
pub fn join(
    dir: &Path,
    database: &str,
    objects: Option<&str>,
) -> Result<(WriteHandle, SyncReport)> {
    if dir.join(folio_core::db::DATABASE_FILE).exists() {
        return Err(Error::Team(format!(
            "{} already holds an archive; joining a team makes a new one: choose an empty folder",
            dir.display()
        )));
    }
    let address = DatabaseAddress::parse(database)?;
    let mut log = TeamLog::connect(&address)?;
    keep_password(&address)?;
    log.check_schema()?;
    let record = log.team()?;
    let read_only = !log.may_push()?;
    let objects = objects.unwrap_or(&record.objects).to_owned();
    let store = Objects::open(&objects)?;
    let mut handle = WriteHandle::init(dir)?;
    handle.join_team(&membership(&record, &address, &objects, read_only))?;
    let result = round(&mut handle, &mut log, &store);
    // What was received stays: the archive is a member, and its next sync receives the rest.
    let report = finish(&mut handle, result).map_err(|error| {
        Error::Team(format!(
            "joined the team \"{}\" in {}, but receiving its record stopped: {error}; \
             run folio sync (or open Folio on this archive) to receive the rest",
            record.name,
            dir.display()
        ))
    })?;
    Ok((handle, report))
}

/// One sync round for a member archive.
pub fn sync(handle: &mut WriteHandle) -> Result<SyncReport> {
    let team = handle.membership()?.ok_or_else(|| {
        Error::Team("this archive is not in a team (folio team create or folio team join)".into())
    })?;
    let connected = DatabaseAddress::parse(&team.database)
        .and_then(|address| TeamLog::connect(&address))
        .and_then(|mut log| log.check_schema().map(|()| log))
        .and_then(|log| Objects::open(&team.objects).map(|store| (log, store)));
    match connected {
        Ok((mut log, store)) => {
            let result = checked_round(handle, &mut log, &store);
            finish(handle, result)
        }
        Err(error) => finish(handle, Err(error)),
    }
}

/// One sync round over a connection to the team's log and store that the caller keeps between
/// rounds: a member that stays open (the desktop) connects without holding its archive's writer,
/// and holds it only for the round itself.
pub fn sync_over(
    handle: &mut WriteHandle,
    log: &mut TeamLog,
    store: &Objects,
) -> Result<SyncReport> {
    if handle.membership()?.is_none() {
        return Err(Error::Team("this archive is not in a team".into()));
    }
    let result = checked_round(handle, log, store);
    finish(handle, result)
}

/// A round after asking the database what this member's role may do: that is the database's to
/// say, and can change between rounds.
fn checked_round(
    handle: &mut WriteHandle,
    log: &mut TeamLog,
    store: &Objects,
) -> Result<SyncReport> {
    let may_push = log.may_push()?;
    handle.set_team_access(!may_push)?;
    round(handle, log, store)
}

/// How often a watching member syncs when nothing wakes it: the fallback for notifications
/// that cannot arrive (a dropped connection, a database in between that does not pass them on).
pub const POLL: Duration = Duration::from_secs(30);

/// Keeps an archive in step with its team until `stop` is set: one round at once, then one each
/// time another member sends (PostgreSQL's `LISTEN`/`NOTIFY` wakes it within milliseconds), and
/// one every `poll` whatever happens. `round` runs one round — opening the archive for just that
/// round, so other Folio commands can use it in between — and its failures (the database out of
/// reach, say) are passed to `failed` and retried at the next wake-up or poll.
pub fn watch(
    database: &str,
    poll: Duration,
    stop: &AtomicBool,
    mut round: impl FnMut() -> Result<()>,
    mut failed: impl FnMut(&Error),
) -> Result<()> {
    let address = DatabaseAddress::parse(database)?;
    let mut listener: Option<Listener> = None;
    while !stop.load(Ordering::Relaxed) {
        // Listening starts before the round, so an append made during the round still wakes
        // the wait after it.
        if listener.is_none() {
            listener = Listener::connect(&address)
                .map_err(|error| failed(&error))
                .ok();
        }
        if let Err(error) = round() {
            failed(&error);
        }
        let deadline = Instant::now() + poll;
        while !stop.load(Ordering::Relaxed) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            // Short waits, so that `stop` is seen within a fraction of a second.
            let slice = left.min(Duration::from_millis(250));
            match listener.as_mut().map(|l| l.wait(slice)) {
                Some(Ok(true)) => break,
                Some(Ok(false)) => {}
                Some(Err(error)) => {
                    failed(&error);
                    listener = None;
                }
                None => std::thread::sleep(slice),
            }
        }
    }
    Ok(())
}

/// Keeps a password given in the address in the keychain, once the database has taken it: the
/// archive keeps the address without it, and each connection finds it there.
fn keep_password(address: &DatabaseAddress) -> Result<()> {
    match &address.password {
        Some(password) => keychain::store(address, password),
        None => Ok(()),
    }
}

/// Checks a new password for a member archive's database and keeps it in the keychain in place
/// of the one before.
pub fn change_password(reader: &ReadHandle, password: &str) -> Result<()> {
    let team = reader.membership()?.ok_or_else(|| {
        Error::Team("this archive is not in a team (folio team create or folio team join)".into())
    })?;
    let mut address = DatabaseAddress::parse(&team.database)?;
    address.password = Some(password.to_owned());
    TeamLog::connect(&address)?;
    keep_password(&address)
}

/// Stops syncing: the archive stays, with everything it holds.
pub fn leave(handle: &mut WriteHandle) -> Result<()> {
    if handle.membership()?.is_none() {
        return Err(Error::Team("this archive is not in a team".into()));
    }
    Ok(handle.leave_team()?)
}

/// The team as this archive last saw it; `None` when it is in no team.
pub fn status(reader: &ReadHandle) -> Result<Option<TeamStatus>> {
    let Some(team) = reader.membership()? else {
        return Ok(None);
    };
    let waiting = reader.waiting_actions(i64::MAX)?;
    Ok(Some(TeamStatus {
        team: team.name,
        database: team.database,
        objects: team.objects,
        joined_at: team.joined_at,
        last_sync: team.last_sync,
        last_error: team.last_error,
        waiting_actions: waiting.len() as i64,
        waiting_uploads: waiting.iter().map(|e| originals(&e.action).len()).sum(),
        pulled: team.pulled,
        cache: reader.cache_usage()?,
        reader: team.read_only,
    }))
}

fn membership(
    record: &TeamRecord,
    address: &DatabaseAddress,
    objects: &str,
    read_only: bool,
) -> Membership {
    Membership {
        uid: record.uid.clone(),
        name: record.name.clone(),
        database: address.shown.clone(),
        objects: objects.to_owned(),
        pulled: 0,
        joined_at: now(),
        last_sync: None,
        last_error: None,
        read_only,
    }
}

/// Records how the round ended — its time, or its error in words — and passes the result on.
fn finish(handle: &mut WriteHandle, result: Result<SyncReport>) -> Result<SyncReport> {
    let error = result.as_ref().err().map(ToString::to_string);
    handle.record_sync(error.as_deref())?;
    result
}

fn round(handle: &mut WriteHandle, log: &mut TeamLog, store: &Objects) -> Result<SyncReport> {
    begin(handle)?;
    let mut report = SyncReport::default();
    send(handle, log, store, &mut report)?;
    receive(handle, log, store, &mut report)?;
    Ok(report)
}

/// Records that a round has begun, before it changes anything: a round that never ends (Folio
/// killed, the computer switched off) leaves these words as the team's status until the next
/// round ends. Nothing else needs mending after such a stop: an action sent twice keeps its one
/// place in the log, and one received twice is applied once.
fn begin(handle: &mut WriteHandle) -> Result<()> {
    let started = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
    Ok(handle.record_sync(Some(&format!(
        "the sync that started at {started} has not finished: it is still running, or Folio \
         stopped during it; the next sync goes on from where it stopped"
    )))?)
}

/// Sends every waiting action, each after the files it names.
fn send(
    handle: &mut WriteHandle,
    log: &mut TeamLog,
    store: &Objects,
    report: &mut SyncReport,
) -> Result<()> {
    loop {
        let waiting = handle.waiting_actions(SEND_BATCH)?;
        if waiting.is_empty() {
            return Ok(());
        }
        for entry in &waiting {
            for sha256 in originals(&entry.action) {
                report.uploaded += upload(handle, store, sha256)?;
            }
        }
        let placed = log.append(&waiting)?;
        handle.mark_sent(&placed)?;
        report.sent += waiting.len();
    }
}

/// Uploads an original and its thumbnails; how many originals were uploaded (0 or 1).
fn upload(handle: &WriteHandle, store: &Objects, sha256: &str) -> Result<usize> {
    let original = handle.original_path(sha256)?;
    let uploaded = if original.is_file() {
        store.upload_original(sha256, &original)?
    } else if store.has_original(sha256)? {
        false
    } else {
        return Err(Error::Objects(format!(
            "original {sha256} is missing from this archive and the team does not have it; \
             run folio verify to see which item it belongs to"
        )));
    };
    for (side, thumbnail) in handle.thumbnail_paths(sha256) {
        if thumbnail.is_file() {
            store.upload_thumbnail(sha256, side, &thumbnail)?;
        }
    }
    Ok(usize::from(uploaded))
}

/// Receives and applies everything the log holds after this archive's cursor, then brings the
/// search index up to date once for all of it (however the receiving ended: what was applied
/// is committed, and is then found).
fn receive(
    handle: &mut WriteHandle,
    log: &mut TeamLog,
    store: &Objects,
    report: &mut SyncReport,
) -> Result<()> {
    let received = receive_records(handle, log, store, report);
    handle.index_queued();
    received
}

fn receive_records(
    handle: &mut WriteHandle,
    log: &mut TeamLog,
    store: &Objects,
    report: &mut SyncReport,
) -> Result<()> {
    let start = handle.membership()?.map_or(0, |team| team.pulled);
    report.pulled = start;
    let shelf = handle.thumbnail_shelf();
    std::thread::scope(|scope| {
        // One batch is fetched ahead — the log's next rows and their grid thumbnails — while
        // this thread applies the one before. Returning drops `batches`, which stops the
        // fetching at its next batch.
        let (ahead, batches) = mpsc::sync_channel(1);
        scope.spawn(move || fetch_ahead(log, store, &shelf, start, &ahead));
        for batch in batches {
            let Fetched {
                pulled,
                thumbnails,
                downloaded_bytes,
            } = batch?;
            let changes = handle.apply_pulled(&pulled)?;
            // Indexed while the next batch is applied; published once, at the end.
            handle.stage_index();
            report.changes = std::mem::take(&mut report.changes).merge(changes);
            report.received += pulled.len();
            report.thumbnails += thumbnails;
            report.downloaded_bytes += downloaded_bytes;
            report.pulled = pulled.last().map_or(report.pulled, |last| last.team_seq);
        }
        Ok(())
    })
}

/// A batch of the team's log, with the grid thumbnails of the photos it brings stored already.
struct Fetched {
    pulled: Vec<Pulled>,
    thumbnails: usize,
    downloaded_bytes: u64,
}

/// Fetches the log's batches after `after`, in order, and hands each over through `ahead`
/// until the log has no more, a fetch fails (its error is handed over), or nobody takes them.
fn fetch_ahead(
    log: &mut TeamLog,
    store: &Objects,
    shelf: &ThumbnailShelf,
    mut after: i64,
    ahead: &mpsc::SyncSender<Result<Fetched>>,
) {
    loop {
        let fetched = log.next_batch(after).and_then(|pulled| {
            let (thumbnails, downloaded_bytes) = fetch_thumbnails(shelf, store, &pulled)?;
            Ok(Fetched {
                pulled,
                thumbnails,
                downloaded_bytes,
            })
        });
        let next = match &fetched {
            Ok(batch) => match batch.pulled.last() {
                Some(last) => Some(last.team_seq),
                None => return,
            },
            Err(_) => None,
        };
        if ahead.send(fetched).is_err() {
            return;
        }
        match next {
            Some(last) => after = last,
            None => return,
        }
    }
}

/// Fetches and stores the grid thumbnails of the originals these actions bring, but those
/// here already or that the team has none of (an article's original, say): how many were
/// stored, and their bytes.
fn fetch_thumbnails(
    shelf: &ThumbnailShelf,
    store: &Objects,
    pulled: &[Pulled],
) -> Result<(usize, u64)> {
    let side = RECEIVED_THUMBNAIL_SIDE;
    let mut missing: Vec<&str> = pulled
        .iter()
        .flat_map(|pulled| originals(&pulled.entry.action))
        .filter(|sha256| !shelf.has(sha256, side))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    let fetched = store.download_thumbnails(&missing, side)?;
    let (mut stored, mut bytes) = (0, 0);
    for (sha256, jpeg) in missing.iter().zip(fetched) {
        if let Some(jpeg) = jpeg {
            shelf.store(sha256, side, &jpeg)?;
            stored += 1;
            bytes += jpeg.len() as u64;
        }
    }
    Ok((stored, bytes))
}

/// The originals an action brings into an archive.
pub(crate) fn originals(action: &Action) -> Vec<&str> {
    match action {
        Action::Import { items, .. } => items.iter().map(|item| item.sha256.as_str()).collect(),
        _ => Vec::new(),
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
