//! Fixity: `verify` recomputes the SHA-256 of every original and reports the ones that are
//! missing, the ones whose bytes changed, and files in `objects/` that no row names (orphans, e.g.
//! left by a crash between storing a blob and committing its row). `repair` removes orphans and
//! marks the items whose original is gone; it never deletes an item or touches a corrupt file.

use std::collections::HashSet;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::archive::Archive;
use crate::blobs::{is_sha256_hex, sha256_of_reader};
use crate::error::{Error, Result};
use crate::progress::{CancelToken, Progress, ProgressSink};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MissingObject {
    pub sha256: String,
    pub path: String,
    /// The items whose original this is.
    pub item_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CorruptObject {
    pub sha256: String,
    pub path: String,
    /// The SHA-256 of the bytes found instead.
    pub actual: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OrphanFile {
    pub path: String,
}

/// What `verify` found (DESIGN §8 keys: `checked`, `ok`, `missing`, `corrupt`, `orphans`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct VerifyReport {
    /// SQLite's `PRAGMA integrity_check` of the database: `ok` when it is whole.
    pub database: String,
    /// Originals the database names, all checked.
    pub checked: u64,
    /// How many of them are present with the right bytes.
    pub ok: u64,
    pub missing: Vec<MissingObject>,
    pub corrupt: Vec<CorruptObject>,
    pub orphans: Vec<OrphanFile>,
    /// Originals a team member's archive has not fetched: the team's store holds them, and they
    /// are fetched when shown or exported (`folio verify --team` checks them there). Not missing.
    pub remote: u64,
    /// Set when the check was cancelled before it saw every original.
    pub cancelled: bool,
    /// Items marked as having lost their original and orphans removed, by `repair`.
    pub repaired: bool,
    /// Photos and articles given the fingerprint or text sketch they lacked, by `repair`.
    pub fingerprinted: u64,
}

impl VerifyReport {
    pub fn is_clean(&self) -> bool {
        self.database == "ok"
            && self.missing.is_empty()
            && self.corrupt.is_empty()
            && self.orphans.is_empty()
    }
}

struct Named {
    sha256: String,
    size: u64,
}

fn named_objects(conn: &Connection) -> Result<Vec<Named>> {
    let mut statement = conn.prepare("SELECT sha256, size FROM blobs ORDER BY sha256")?;
    let rows = statement.query_map([], |row| {
        Ok(Named {
            sha256: row.get(0)?,
            size: row.get::<_, i64>(1)?.max(0) as u64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Checks every original. Reads only: safe beside a running import or the desktop.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn verify(
    archive: &Archive,
    progress: &dyn ProgressSink,
    cancel: &CancelToken,
) -> Result<VerifyReport> {
    let conn = archive.conn();
    let named = named_objects(conn)?;
    let total_bytes = named.iter().map(|n| n.size).sum();
    let database: Vec<String> = {
        let mut statement = conn.prepare("PRAGMA integrity_check")?;
        let lines = statement.query_map([], |row| row.get(0))?;
        lines.collect::<rusqlite::Result<_>>()?
    };
    let mut report = VerifyReport {
        database: database.join("; "),
        ..VerifyReport::default()
    };
    let mut snapshot = Progress {
        job: crate::progress::JobKind::Verify,
        files_total: named.len() as u64,
        bytes_total: total_bytes,
        ..Progress::default()
    };
    progress.report(&snapshot);
    let store = archive.blobs();
    let archive_dir = archive.dir();
    let remote = RemoteKnown::read(conn)?;
    // Hash in chunks so progress and cancel are checked between them.
    for chunk in named.chunks(64) {
        if cancel.is_cancelled() {
            report.cancelled = true;
            break;
        }
        let results: Vec<(String, PathBuf, Option<std::io::Result<String>>)> = chunk
            .par_iter()
            .map(|object| {
                let own = store
                    .object_path(&object.sha256)
                    .unwrap_or_else(|_| store.root().join(&object.sha256));
                // A fetched copy in the cache is checked like the archive's own.
                let path = match crate::originals::cached_path(archive_dir, &object.sha256) {
                    Ok(cached) if !own.is_file() && cached.is_file() => cached,
                    _ => own,
                };
                let hashed = match File::open(&path) {
                    Ok(file) => Some(sha256_of_reader(file)),
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
                    Err(error) => Some(Err(error)),
                };
                (object.sha256.clone(), path, hashed)
            })
            .collect();
        for ((sha256, path, hashed), object) in results.into_iter().zip(chunk) {
            report.checked += 1;
            let shown = path.display().to_string();
            match hashed {
                None if remote.holds(&sha256) => report.remote += 1,
                None => report.missing.push(MissingObject {
                    item_ids: items_of(conn, &sha256)?,
                    sha256,
                    path: shown,
                }),
                Some(Ok(actual)) if actual == sha256 => report.ok += 1,
                Some(Ok(actual)) => report.corrupt.push(CorruptObject {
                    sha256,
                    path: shown,
                    actual,
                }),
                Some(Err(error)) => report.corrupt.push(CorruptObject {
                    sha256,
                    path: shown,
                    actual: format!("unreadable: {error}"),
                }),
            }
            snapshot.files_done += 1;
            snapshot.bytes_done += object.size;
        }
        snapshot.current = chunk.last().map(|o| o.sha256.clone());
        progress.report(&snapshot);
    }
    let known: HashSet<&str> = named.iter().map(|n| n.sha256.as_str()).collect();
    report.orphans = orphans(store.root(), &known)?;
    Ok(report)
}

/// Which absent originals the team holds: in a team member's archive, every original except
/// those named by an import still waiting to be sent (uploaded only when it is sent; if one of
/// those is absent, it is lost).
struct RemoteKnown {
    member: bool,
    unsent: HashSet<String>,
}

impl RemoteKnown {
    fn read(conn: &Connection) -> Result<Self> {
        let member = crate::tables::team::is_member(conn)?;
        let mut unsent = HashSet::new();
        if member {
            for entry in crate::journal::waiting(conn, i64::MAX)? {
                if let crate::journal::Action::Import { items, .. } = entry.action {
                    unsent.extend(items.into_iter().map(|item| item.sha256));
                }
            }
        }
        Ok(Self { member, unsent })
    }

    fn holds(&self, sha256: &str) -> bool {
        self.member && !self.unsent.contains(sha256)
    }
}

fn items_of(conn: &Connection, sha256: &str) -> Result<Vec<i64>> {
    let mut statement =
        conn.prepare_cached("SELECT id FROM items WHERE sha256 = ?1 ORDER BY id")?;
    let ids = statement.query_map([sha256], |row| row.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Files under `objects/` that are not a named original: unknown hashes, stray names, and
/// leftovers of interrupted writes in `objects/tmp/`.
fn orphans(root: &Path, known: &HashSet<&str>) -> Result<Vec<OrphanFile>> {
    let mut found = Vec::new();
    if !root.is_dir() {
        return Ok(found);
    }
    for entry in walkdir::WalkDir::new(root).follow_links(false) {
        let entry = entry.map_err(|e| Error::Internal(format!("cannot walk objects/: {e}")))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let in_its_folder = entry
            .path()
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|dir| name.get(..2).is_some_and(|p| dir == p));
        if !(is_sha256_hex(&name) && in_its_folder && known.contains(name.as_ref())) {
            found.push(OrphanFile {
                path: entry.path().display().to_string(),
            });
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

/// Verifies, then removes the orphans and marks the items whose original is missing (and
/// unmarks those whose original is back). Needs the writer.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn repair(
    archive: &mut Archive,
    progress: &dyn ProgressSink,
    cancel: &CancelToken,
) -> Result<VerifyReport> {
    if !archive.is_writer() {
        return Err(Error::Internal(
            "repair needs the archive opened for writing".into(),
        ));
    }
    let mut report = verify(archive, progress, cancel)?;
    if report.cancelled {
        return Ok(report);
    }
    let tx = archive.conn_mut().transaction()?;
    tx.execute("UPDATE items SET object_missing = 0", [])?;
    for missing in &report.missing {
        tx.execute(
            "UPDATE items SET object_missing = 1 WHERE sha256 = ?1",
            [&missing.sha256],
        )?;
    }
    tx.commit()?;
    for orphan in &report.orphans {
        let path = Path::new(&orphan.path);
        fs::remove_file(path).map_err(Error::io("cannot remove orphan", path))?;
    }
    report.repaired = true;
    Ok(report)
}
