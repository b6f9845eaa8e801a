//! Originals wherever they are. An archive holds the originals imported into it in `objects/`;
//! a team member's archive may also name originals that only the team's object store holds
//! (DESIGN §10: joining and pulling bring metadata and search, not gigabytes). Everything that
//! reads an original — export, copies, backup, the file an item opens — asks [`original_file`],
//! which looks in `objects/`, then in the cache of originals fetched from the team
//! (`cache/ab/<sha256>`), and otherwise fetches it through the [`RemoteOriginals`] the front end
//! registered, into that cache.
//!
//! The cache is kept under a size limit (an archive setting, [`DEFAULT_CACHE_LIMIT`] unless set):
//! after each fetch the least recently used cached originals are deleted until it fits. Only
//! `cache/` is ever evicted: an original imported here lives in `objects/` and is never touched,
//! and every file in `cache/` came from the team's store, so nothing evicted is unsent. Use is
//! recorded in the file's modification time, so a reader marks a use without writing to the
//! database.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::archive::{Archive, DERIVED_DIR};
use crate::blobs::{is_sha256_hex, sha256_hex};
use crate::error::{Error, Result};

/// Where a team member's fetched originals are kept, beside `objects/`.
pub const CACHE_DIR: &str = "cache";
const CACHE_TEMP_DIR: &str = "tmp";
/// The cache's size limit unless the archive sets another: room for a few thousand photos.
pub const DEFAULT_CACHE_LIMIT: u64 = 10_000_000_000;
const CACHE_LIMIT_SETTING: &str = "team_cache_limit";

/// Where originals and thumbnails this archive lacks can be fetched from: the team's object
/// store. `folio-team` implements it; the core only asks.
pub trait RemoteOriginals: Send + Sync + std::fmt::Debug {
    /// The bytes of the original with this SHA-256.
    fn fetch_original(&self, sha256: &str) -> Result<Vec<u8>>;
    /// The bytes of a thumbnail, or `None` when the remote has none.
    fn fetch_thumbnail(&self, sha256: &str, max_side: u32) -> Result<Option<Vec<u8>>>;
}

/// How full the cache of fetched originals is, and its limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CacheUsage {
    pub files: u64,
    pub bytes: u64,
    pub limit: u64,
}

/// The path of an original's cached copy (whether or not it is there).
pub fn cached_path(archive_dir: &Path, sha256: &str) -> Result<PathBuf> {
    if !is_sha256_hex(sha256) {
        return Err(Error::InvalidInput(format!(
            "not a SHA-256 hash: {sha256:?}"
        )));
    }
    Ok(archive_dir.join(CACHE_DIR).join(&sha256[..2]).join(sha256))
}

/// A file holding the original with this SHA-256: the archive's own, a cached copy (marked as
/// just used), or one fetched now from the remote into the cache. Without a remote, an original
/// that is not here is an error, as it always was.
pub fn original_file(archive: &Archive, sha256: &str) -> Result<PathBuf> {
    let own = archive.blobs().object_path(sha256)?;
    if own.is_file() {
        return Ok(own);
    }
    let cached = cached_path(archive.dir(), sha256)?;
    if cached.is_file() {
        mark_used(&cached);
        return Ok(cached);
    }
    let Some(remote) = archive.remote() else {
        return Err(Error::io("cannot open object", &own)(io::Error::from(
            io::ErrorKind::NotFound,
        )));
    };
    let bytes = remote.fetch_original(sha256)?;
    let got = sha256_hex(&bytes);
    if got != sha256 {
        return Err(Error::Remote(format!(
            "the team's copy of original {sha256} is damaged (its bytes hash to {got}); \
             run folio verify --team"
        )));
    }
    store_cached(archive.dir(), &cached, &bytes)?;
    let limit = cache_limit(archive.conn())?;
    if let Err(error) = evict(archive.dir(), limit, Some(&cached)) {
        tracing::warn!("the cache of originals could not be trimmed: {error}");
    }
    Ok(cached)
}

/// Opens an original through [`original_file`].
pub fn open_original(archive: &Archive, sha256: &str) -> Result<File> {
    let path = original_file(archive, sha256)?;
    File::open(&path).map_err(Error::io("cannot open object", &path))
}

/// The file of an original this archive holds itself or in its cache; `None` when only the
/// team has it (nothing is fetched).
pub fn local_file(archive_dir: &Path, sha256: &str) -> Option<PathBuf> {
    let own = crate::blobs::FsBlobStore::new(archive_dir)
        .object_path(sha256)
        .ok()?;
    if own.is_file() {
        return Some(own);
    }
    cached_path(archive_dir, sha256)
        .ok()
        .filter(|p| p.is_file())
}

/// Whether the archive holds this original itself or in its cache, without fetching.
pub fn is_here(archive_dir: &Path, sha256: &str) -> bool {
    local_file(archive_dir, sha256).is_some()
}

/// A thumbnail's file, fetched from the remote when it is not here; `None` when neither has it.
pub fn thumbnail_file(archive: &Archive, sha256: &str, max_side: u32) -> Result<Option<PathBuf>> {
    if !is_sha256_hex(sha256) || !crate::photo::THUMBNAIL_SIDES.contains(&max_side) {
        return Err(Error::InvalidInput(format!(
            "no thumbnail {sha256:?} of {max_side} pixels"
        )));
    }
    let derived = archive.dir().join(DERIVED_DIR);
    let path = crate::thumbnails::path(&derived, sha256, max_side);
    if path.is_file() {
        return Ok(Some(path));
    }
    let Some(remote) = archive.remote() else {
        return Ok(None);
    };
    match remote.fetch_thumbnail(sha256, max_side)? {
        Some(jpeg) => {
            crate::thumbnails::store_one(&derived, sha256, max_side, &jpeg)?;
            Ok(Some(path))
        }
        None => Ok(None),
    }
}

/// The cache's size limit in bytes.
pub fn cache_limit(conn: &Connection) -> Result<u64> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM archive_settings WHERE key = ?1",
            [CACHE_LIMIT_SETTING],
            |row| row.get(0),
        )
        .optional()?;
    Ok(value
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CACHE_LIMIT))
}

pub(crate) fn set_cache_limit(conn: &Connection, bytes: u64) -> Result<()> {
    conn.execute(
        "INSERT INTO archive_settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![CACHE_LIMIT_SETTING, bytes.to_string()],
    )?;
    Ok(())
}

/// An original the archive's items name, as the team's store should hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NamedOriginal {
    pub sha256: String,
    pub size: u64,
    pub item_ids: Vec<i64>,
    /// Whether a photo names it, so thumbnails go with it.
    pub photo: bool,
}

/// Every original the archive's items (in the trash too) name, by SHA-256.
pub fn named(conn: &Connection) -> Result<Vec<NamedOriginal>> {
    let mut statement = conn.prepare(
        "SELECT b.sha256, b.size, group_concat(i.id), max(i.kind = 'photo')
         FROM blobs b JOIN items i ON i.sha256 = b.sha256
         GROUP BY b.sha256 ORDER BY b.sha256",
    )?;
    let rows = statement.query_map([], |row| {
        let ids: String = row.get(2)?;
        Ok(NamedOriginal {
            sha256: row.get(0)?,
            size: row.get::<_, i64>(1)?.max(0) as u64,
            item_ids: ids.split(',').filter_map(|id| id.parse().ok()).collect(),
            photo: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many cached originals there are and how many bytes they take.
pub fn cache_usage(archive_dir: &Path, limit: u64) -> Result<CacheUsage> {
    let cached = cached_files(archive_dir)?;
    Ok(CacheUsage {
        files: cached.len() as u64,
        bytes: cached.iter().map(|c| c.size).sum(),
        limit,
    })
}

struct Cached {
    path: PathBuf,
    size: u64,
    used: SystemTime,
}

fn cached_files(archive_dir: &Path) -> Result<Vec<Cached>> {
    let root = archive_dir.join(CACHE_DIR);
    let mut found = Vec::new();
    if !root.is_dir() {
        return Ok(found);
    }
    for entry in walkdir::WalkDir::new(&root).min_depth(2).max_depth(2) {
        let entry = entry.map_err(|e| Error::Internal(format!("cannot walk cache/: {e}")))?;
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || !is_sha256_hex(&name) {
            continue;
        }
        // A file removed meanwhile (evicted by another reader) is simply not counted.
        let Ok(meta) = entry.metadata() else { continue };
        found.push(Cached {
            path: entry.path().to_path_buf(),
            size: meta.len(),
            used: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
        });
    }
    Ok(found)
}

/// Deletes the least recently used cached originals until the cache fits in `limit` bytes,
/// sparing `keep` (the original just fetched for a reader). Returns how many were deleted.
pub fn evict(archive_dir: &Path, limit: u64, keep: Option<&Path>) -> Result<u64> {
    let mut cached = cached_files(archive_dir)?;
    let mut total: u64 = cached.iter().map(|c| c.size).sum();
    if total <= limit {
        return Ok(0);
    }
    cached.sort_by_key(|c| c.used);
    let mut removed = 0;
    for file in cached {
        if total <= limit {
            break;
        }
        if keep.is_some_and(|k| k == file.path) {
            continue;
        }
        match fs::remove_file(&file.path) {
            Ok(()) => {
                total = total.saturating_sub(file.size);
                removed += 1;
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                total = total.saturating_sub(file.size);
            }
            Err(source) => return Err(Error::io("cannot remove", &file.path)(source)),
        }
    }
    Ok(removed)
}

/// Removes an original's cached copy, if any (its item is gone for good).
pub(crate) fn remove_cached(archive_dir: &Path, sha256: &str) {
    if let Ok(path) = cached_path(archive_dir, sha256)
        && let Err(error) = fs::remove_file(&path)
        && error.kind() != io::ErrorKind::NotFound
    {
        tracing::warn!("could not remove {}: {error}", path.display());
    }
}

/// Records a use of a cached original in its modification time (the LRU order). A file that
/// cannot be touched keeps its older time: it is merely evicted sooner.
fn mark_used(path: &Path) {
    let touched = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(SystemTime::now()));
    if let Err(error) = touched {
        tracing::debug!("cannot mark {} as used: {error}", path.display());
    }
}

/// Writes a fetched original into the cache: a temporary file renamed into place, so a reader
/// never sees half of one. Not fsynced: the team's store keeps the original, this is a copy.
fn store_cached(archive_dir: &Path, target: &Path, bytes: &[u8]) -> Result<()> {
    let temp_dir = archive_dir.join(CACHE_DIR).join(CACHE_TEMP_DIR);
    fs::create_dir_all(&temp_dir).map_err(Error::io("cannot create", &temp_dir))?;
    let temp = temp_dir.join(format!("{}.part", uuid::Uuid::new_v4().simple()));
    if let Err(source) = fs::write(&temp, bytes) {
        let _ = fs::remove_file(&temp);
        return Err(Error::io("cannot write", &temp)(source));
    }
    let parent = target.parent().unwrap_or(archive_dir);
    let placed = fs::create_dir_all(parent).and_then(|()| fs::rename(&temp, target));
    if let Err(source) = placed {
        let _ = fs::remove_file(&temp);
        return Err(Error::io("cannot store", target)(source));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn put(dir: &Path, bytes: &[u8], age_seconds: u64) -> PathBuf {
        let path = cached_path(dir, &sha256_hex(bytes)).unwrap();
        store_cached(dir, &path, bytes).unwrap();
        let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(age_seconds))
            .unwrap();
        path
    }

    #[test]
    fn eviction_deletes_the_least_recently_used_until_the_cache_fits() {
        let dir = tempfile::tempdir().unwrap();
        let oldest = put(dir.path(), &[1; 100], 300);
        let middle = put(dir.path(), &[2; 100], 200);
        let newest = put(dir.path(), &[3; 100], 100);
        assert_eq!(cache_usage(dir.path(), 0).unwrap().bytes, 300);
        assert_eq!(evict(dir.path(), 250, None).unwrap(), 1);
        assert!(!oldest.exists() && middle.exists() && newest.exists());
        mark_used(&middle);
        assert_eq!(evict(dir.path(), 100, None).unwrap(), 1);
        assert!(middle.exists() && !newest.exists(), "a use moves it last");
    }

    #[test]
    fn eviction_spares_the_original_a_reader_is_about_to_use() {
        let dir = tempfile::tempdir().unwrap();
        let old = put(dir.path(), &[1; 100], 300);
        let fresh = put(dir.path(), &[2; 100], 0);
        evict(dir.path(), 0, Some(&old)).unwrap();
        assert!(old.exists() && !fresh.exists());
    }
}
