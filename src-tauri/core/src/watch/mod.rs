//! Watch folders: files dropped into a folder (a scanner's or an agency feed's) come into the
//! archive by themselves, once each has settled, with the folder's tags and collection. The
//! files stay where they are; the import copies them, as every import does.
//!
//! [`Watcher`] follows the folders through the system's file events (`notify` with its full
//! debouncer), looks again at each new or changed file until it has settled ([`settle`]), and
//! hands out what settled together as one [`Arrival`]; the front end imports it with
//! [`import_arrival`] and then tells the watcher, which records the files as seen ([`seen`]) so
//! they are never imported twice, across restarts too. At start each folder is read whole, so
//! what arrived while Folio was closed comes in then.

pub mod seen;
pub mod settle;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::changes::Written;
use crate::error::{Error, Result};
use crate::handle::WriteHandle;
use crate::import::{ImportOptions, ImportReport, report::CANCELLED};
use crate::library::tagging::TagRequest;
use crate::progress::{CancelToken, ProgressSink};
use seen::SeenSet;
use settle::Settler;
pub use settle::{Look, Timing};

/// A folder to watch and what its files get on the way in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WatchFolder {
    pub path: String,
    /// Tags given to every file imported from the folder.
    #[serde(default)]
    pub tags: Vec<String>,
    /// A collection every file imported from the folder is added to.
    #[serde(default)]
    pub collection: Option<String>,
    /// A file in `Sport/Football/` below the folder also gets the tag `Sport/Football`.
    #[serde(default)]
    pub subfolder_tags: bool,
    /// The ingest template applied to the folder's files, by name.
    #[serde(default)]
    pub template: Option<String>,
}

/// The watch folders as the desktop window shows them: each folder, and what went wrong while
/// watching (a folder gone, one that cannot be read) since they were last set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct WatchStatus {
    pub folders: Vec<WatchFolder>,
    pub problems: Vec<String>,
}

/// A watch folder's import as the window follows it: `report` is none while it runs.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WatchImport {
    pub folder: String,
    pub report: Option<ImportReport>,
}

/// Files of one folder that settled together: one import.
#[derive(Debug, Clone)]
pub struct Arrival {
    pub folder: WatchFolder,
    /// Each file with what it looked like when it settled (recorded as seen once imported).
    pub files: Vec<(PathBuf, Look)>,
    root: PathBuf,
}

impl Arrival {
    pub fn paths(&self) -> Vec<PathBuf> {
        self.files.iter().map(|(path, _)| path.clone()).collect()
    }

    /// The tag a file's subfolders give it (`Sport/Football`), when the folder asks for them.
    fn subfolder_tag(&self, path: &Path) -> Option<String> {
        if !self.folder.subfolder_tags {
            return None;
        }
        let parent = path.parent()?.strip_prefix(&self.root).ok()?;
        let names: Vec<_> = parent
            .components()
            .map(|part| part.as_os_str().to_string_lossy().trim().to_string())
            .filter(|name| !name.is_empty())
            .collect();
        (!names.is_empty()).then(|| names.join("/"))
    }
}

/// Names that are never imported from a watch folder: hidden files, what systems leave in
/// folders, and files still being downloaded or written under a temporary name.
fn is_ignored(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().to_lowercase()) else {
        return true;
    };
    const SYSTEM: &[&str] = &["thumbs.db", "desktop.ini", "icon\r"];
    const PARTIAL: &[&str] = &[".part", ".partial", ".crdownload", ".download", ".tmp", "~"];
    name.starts_with('.')
        || name.starts_with("~$")
        || SYSTEM.contains(&name.as_str())
        || PARTIAL.iter().any(|suffix| name.ends_with(suffix))
}

/// Whether any folder on the way from `root` to `path` is hidden (`.git`, `.sync`).
fn in_hidden_folder(root: &Path, path: &Path) -> bool {
    path.parent()
        .and_then(|parent| parent.strip_prefix(root).ok())
        .is_some_and(|relative| {
            relative
                .components()
                .any(|part| part.as_os_str().to_string_lossy().starts_with('.'))
        })
}

struct Watched {
    folder: WatchFolder,
    root: PathBuf,
    settler: Settler,
    seen: SeenSet,
}

/// How often every folder is read whole again, for events the system may have dropped.
const RESCAN_EVERY: Duration = Duration::from_secs(300);
/// How long the debouncer gathers a file's events before passing them on.
const DEBOUNCE: Duration = Duration::from_millis(200);
/// How often waiting files are looked at again.
const LOOK_EVERY: Duration = Duration::from_millis(250);

/// Follows watch folders and hands out what settles in them (see the module's documentation).
pub struct Watcher {
    watched: Vec<Watched>,
    events: Receiver<DebounceEventResult>,
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    timing: Timing,
    problems: Vec<String>,
    last_scan: Instant,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher")
            .field("folders", &self.watched.len())
            .finish_non_exhaustive()
    }
}

impl Watcher {
    /// Starts watching `folders` for the archive at `archive_dir` and reads each whole. A folder
    /// that cannot be watched (missing, unreadable, the archive itself) is a problem reported by
    /// [`Watcher::take_problems`]; the others are watched.
    pub fn start(archive_dir: &Path, folders: &[WatchFolder], timing: Timing) -> Result<Self> {
        let (sender, events) = std::sync::mpsc::channel();
        let mut debouncer = notify_debouncer_full::new_debouncer(DEBOUNCE, None, sender)
            .map_err(|e| Error::Internal(format!("cannot watch folders: {e}")))?;
        let archive = fs::canonicalize(archive_dir).unwrap_or_else(|_| archive_dir.into());
        let mut watched = Vec::new();
        let mut problems = Vec::new();
        for folder in folders {
            match check_folder(&archive, folder) {
                Ok(root) => match debouncer.watch(&root, RecursiveMode::Recursive) {
                    Ok(()) => watched.push(Watched {
                        folder: folder.clone(),
                        seen: SeenSet::load(archive_dir, &root)?,
                        root,
                        settler: Settler::default(),
                    }),
                    Err(error) => {
                        problems.push(format!("cannot watch {}: {error}", folder.path));
                    }
                },
                Err(problem) => problems.push(problem),
            }
        }
        let mut watcher = Self {
            watched,
            events,
            _debouncer: debouncer,
            timing,
            problems,
            last_scan: Instant::now(),
        };
        watcher.scan_all();
        Ok(watcher)
    }

    /// The folders being watched (those that could be).
    pub fn folders(&self) -> Vec<&WatchFolder> {
        self.watched.iter().map(|w| &w.folder).collect()
    }

    /// What went wrong since last asked: a folder that cannot be watched or read.
    pub fn take_problems(&mut self) -> Vec<String> {
        std::mem::take(&mut self.problems)
    }

    /// Waits up to `wait` for files to settle; returns the next arrival, if one is ready.
    pub fn next(&mut self, wait: Duration) -> Option<Arrival> {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(arrival) = self.take_ready() {
                return Some(arrival);
            }
            let now = Instant::now();
            if now >= deadline {
                return None;
            }
            let waiting = self.watched.iter().any(|w| !w.settler.is_empty());
            // Waiting files are looked at again soon; otherwise only an event wakes us.
            let until = if waiting {
                (deadline - now).min(LOOK_EVERY)
            } else {
                deadline - now
            };
            match self.events.recv_timeout(until) {
                Ok(result) => {
                    self.take_events(result);
                    while let Ok(more) = self.events.try_recv() {
                        self.take_events(more);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    self.problems
                        .push("the system stopped reporting changes in watch folders".into());
                    std::thread::sleep(until);
                }
            }
            if self.last_scan.elapsed() >= RESCAN_EVERY {
                self.scan_all();
            }
        }
    }

    /// Records an arrival's files as seen after its import: all of them, except those a
    /// cancelled import did not reach, which come in next time.
    pub fn imported(&mut self, arrival: &Arrival, report: &ImportReport) -> Result<()> {
        let not_reached: HashSet<&str> = report
            .skipped
            .iter()
            .filter(|skipped| skipped.reason == CANCELLED)
            .map(|skipped| skipped.path.as_str())
            .collect();
        let done: Vec<(PathBuf, Look)> = arrival
            .files
            .iter()
            .filter(|(path, _)| !not_reached.contains(path.to_string_lossy().as_ref()))
            .cloned()
            .collect();
        if let Some(watched) = self.watched.iter_mut().find(|w| w.root == arrival.root) {
            watched.seen.record(&done)?;
        }
        Ok(())
    }

    fn take_ready(&mut self) -> Option<Arrival> {
        let (wall, clock) = (SystemTime::now(), Instant::now());
        for watched in &mut self.watched {
            if watched.settler.is_empty() {
                continue;
            }
            for path in watched.settler.waiting() {
                match look_at(&path) {
                    Some(look) if !watched.seen.has_seen(&path, look) => {
                        watched.settler.look(&path, look, clock)
                    }
                    _ => watched.settler.forget(&path),
                }
            }
            let ready = watched.settler.take_ready(&self.timing, wall, clock);
            let files: Vec<(PathBuf, Look)> = ready
                .into_iter()
                .filter_map(|path| look_at(&path).map(|look| (path, look)))
                .collect();
            if !files.is_empty() {
                return Some(Arrival {
                    folder: watched.folder.clone(),
                    files,
                    root: watched.root.clone(),
                });
            }
        }
        None
    }

    fn take_events(&mut self, result: DebounceEventResult) {
        let clock = Instant::now();
        match result {
            Ok(events) => {
                for event in events {
                    if event.need_rescan() {
                        self.scan_all();
                        continue;
                    }
                    for path in &event.paths {
                        self.noticed(path, clock);
                    }
                }
            }
            Err(errors) => {
                for error in errors {
                    self.problems.push(format!("watching folders: {error}"));
                }
                // What the system failed to report is found by reading the folders again.
                self.scan_all();
            }
        }
    }

    /// A path an event named: a new or changed file starts waiting to settle; a new folder (one
    /// copied or moved in whole) is read for its files.
    fn noticed(&mut self, path: &Path, clock: Instant) {
        let Some(watched) = self.watched.iter_mut().find(|w| path.starts_with(&w.root)) else {
            return;
        };
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let root = watched.root.clone();
                scan(watched, &root, path, clock, &mut self.problems);
            }
            Ok(meta) if meta.is_file() => {
                if !is_ignored(path) && !in_hidden_folder(&watched.root, path) {
                    let look = Look::from(&meta);
                    if !watched.seen.has_seen(path, look) {
                        watched.settler.look(path, look, clock);
                    }
                }
            }
            _ => watched.settler.forget(path),
        }
    }

    fn scan_all(&mut self) {
        let clock = Instant::now();
        for watched in &mut self.watched {
            let root = watched.root.clone();
            scan(watched, &root, &root, clock, &mut self.problems);
        }
        self.last_scan = clock;
    }
}

impl From<&fs::Metadata> for Look {
    fn from(meta: &fs::Metadata) -> Self {
        Look {
            size: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

fn look_at(path: &Path) -> Option<Look> {
    fs::metadata(path)
        .ok()
        .filter(|meta| meta.is_file())
        .map(|meta| Look::from(&meta))
}

/// Reads `start` (the folder or a folder below it) for files not yet seen as they are now.
fn scan(
    watched: &mut Watched,
    root: &Path,
    start: &Path,
    clock: Instant,
    problems: &mut Vec<String>,
) {
    let walker = walkdir::WalkDir::new(start)
        .follow_links(false)
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.path();
                if is_ignored(path) || in_hidden_folder(root, path) {
                    continue;
                }
                if let Ok(meta) = entry.metadata() {
                    let look = Look::from(&meta);
                    if !watched.seen.has_seen(path, look) {
                        watched.settler.look(path, look, clock);
                    }
                }
            }
            Ok(_) => {}
            Err(error) => problems.push(format!("cannot read in {}: {error}", watched.folder.path)),
        }
    }
}

/// The folder as it will be watched, or why it cannot be.
fn check_folder(archive: &Path, folder: &WatchFolder) -> std::result::Result<PathBuf, String> {
    let root = fs::canonicalize(&folder.path)
        .map_err(|error| format!("cannot watch {}: {error}", folder.path))?;
    if !root.is_dir() {
        return Err(format!("cannot watch {}: not a folder", folder.path));
    }
    if root.starts_with(archive) || archive.starts_with(&root) {
        return Err(format!(
            "cannot watch {}: it holds the archive or lies inside it",
            folder.path
        ));
    }
    Ok(root)
}

/// Imports an arrival through the same import as every other, with its folder's tags and
/// collection (and each file's subfolder tag, given after the import as one tag change per
/// subfolder). The caller then tells the watcher ([`Watcher::imported`]).
pub fn import_arrival(
    archive: &mut WriteHandle,
    arrival: &Arrival,
    progress: &dyn ProgressSink,
    cancel: &CancelToken,
) -> Result<Written<ImportReport>> {
    let template = match arrival.folder.template.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => Some(archive.find_template(name)?),
        _ => None,
    };
    let options = ImportOptions {
        tags: arrival.folder.tags.clone(),
        collection: arrival
            .folder
            .collection
            .clone()
            .filter(|name| !name.trim().is_empty()),
        template,
        ..ImportOptions::default()
    };
    let written = archive.import(&arrival.paths(), &options, progress, cancel)?;
    let mut changes = written.changes;
    let report = written.value;
    let mut by_tag: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for item in &report.imported {
        if let Some(tag) = arrival.subfolder_tag(Path::new(&item.path)) {
            by_tag.entry(tag).or_default().push(item.id);
        }
    }
    for (tag, ids) in by_tag {
        let request = TagRequest {
            ids,
            add: vec![tag],
            remove: Vec::new(),
        };
        changes = changes.merge(archive.tag_items(&request)?.changes);
    }
    Ok(Written {
        value: report,
        changes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_hidden_and_system_files_are_never_imported() {
        for name in [
            ".hidden.jpg",
            "photo.jpg.part",
            "photo.jpg.crdownload",
            "Thumbs.db",
            "~$draft.docx",
            "upload.tmp",
        ] {
            assert!(is_ignored(Path::new(name)), "{name}");
        }
        assert!(!is_ignored(Path::new("photo.jpg")));
        assert!(in_hidden_folder(
            Path::new("/d"),
            Path::new("/d/.sync/a.jpg")
        ));
        assert!(!in_hidden_folder(
            Path::new("/d"),
            Path::new("/d/Sport/a.jpg")
        ));
    }

    #[test]
    fn subfolders_become_one_hierarchical_tag_when_asked() {
        let arrival = Arrival {
            folder: WatchFolder {
                subfolder_tags: true,
                ..WatchFolder::default()
            },
            files: Vec::new(),
            root: PathBuf::from("/drop"),
        };
        let tag = arrival.subfolder_tag(Path::new("/drop/Sport/Football/a.jpg"));
        assert_eq!(tag.as_deref(), Some("Sport/Football"));
        assert_eq!(arrival.subfolder_tag(Path::new("/drop/a.jpg")), None);
        let plain = Arrival {
            folder: WatchFolder::default(),
            ..arrival
        };
        assert_eq!(plain.subfolder_tag(Path::new("/drop/Sport/a.jpg")), None);
    }

    const QUICK: Timing = Timing {
        settle: Duration::from_millis(300),
        gather: Duration::from_secs(10),
    };

    fn watch_one(archive: &Path, folder: &Path) -> Watcher {
        let folder = WatchFolder {
            path: folder.to_string_lossy().into(),
            ..WatchFolder::default()
        };
        let mut watcher = Watcher::start(archive, &[folder], QUICK).unwrap();
        assert_eq!(watcher.take_problems(), Vec::<String>::new());
        watcher
    }

    #[test]
    fn a_thousand_files_dropped_at_once_are_one_arrival() {
        let (archive, inbox) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let mut watcher = watch_one(archive.path(), inbox.path());
        let batch = inbox.path().join("batch");
        fs::create_dir(&batch).unwrap();
        for n in 0..1000 {
            fs::write(batch.join(format!("{n:04}.jpg")), n.to_string()).unwrap();
        }
        let arrival = watcher.next(Duration::from_secs(15)).unwrap();
        assert_eq!(arrival.files.len(), 1000);
        watcher
            .imported(&arrival, &ImportReport::default())
            .unwrap();
        assert!(watcher.next(Duration::from_millis(800)).is_none());
    }

    #[test]
    fn what_was_imported_is_not_offered_again_after_a_restart_but_what_came_meanwhile_is() {
        let (archive, inbox) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        fs::write(inbox.path().join("before.jpg"), b"one").unwrap();
        let mut watcher = watch_one(archive.path(), inbox.path());
        let arrival = watcher.next(Duration::from_secs(5)).unwrap();
        assert_eq!(
            arrival.paths(),
            [inbox.path().canonicalize().unwrap().join("before.jpg")]
        );
        watcher
            .imported(&arrival, &ImportReport::default())
            .unwrap();
        drop(watcher);

        fs::write(inbox.path().join("meanwhile.jpg"), b"two").unwrap();
        fs::write(inbox.path().join(".hidden.jpg"), b"three").unwrap();
        let mut again = watch_one(archive.path(), inbox.path());
        let arrival = again.next(Duration::from_secs(5)).unwrap();
        let names: Vec<_> = arrival
            .paths()
            .iter()
            .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["meanwhile.jpg"]);
        again.imported(&arrival, &ImportReport::default()).unwrap();
        assert!(again.next(Duration::from_millis(800)).is_none());
    }

    #[test]
    fn files_a_cancelled_import_did_not_reach_come_again() {
        let (archive, inbox) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        fs::write(inbox.path().join("a.jpg"), b"a").unwrap();
        fs::write(inbox.path().join("b.jpg"), b"b").unwrap();
        let mut watcher = watch_one(archive.path(), inbox.path());
        let arrival = watcher.next(Duration::from_secs(5)).unwrap();
        let mut report = ImportReport::default();
        report.skip(arrival.paths()[1].to_string_lossy(), CANCELLED);
        watcher.imported(&arrival, &report).unwrap();
        drop(watcher);
        let mut again = watch_one(archive.path(), inbox.path());
        let arrival = again.next(Duration::from_secs(5)).unwrap();
        assert_eq!(arrival.files.len(), 1);
        assert!(arrival.paths()[0].ends_with("b.jpg"));
    }

    #[test]
    fn the_archive_cannot_watch_itself() {
        let archive = tempfile::tempdir().unwrap();
        let inside = archive.path().join("drop");
        fs::create_dir(&inside).unwrap();
        let archive_dir = fs::canonicalize(archive.path()).unwrap();
        let folder = WatchFolder {
            path: inside.to_string_lossy().into(),
            ..WatchFolder::default()
        };
        let problem = check_folder(&archive_dir, &folder).unwrap_err();
        assert!(problem.contains("holds the archive"), "{problem}");
        let missing = WatchFolder {
            path: "/no/such/folder".into(),
            ..WatchFolder::default()
        };
        assert!(check_folder(&archive_dir, &missing).is_err());
    }
}
