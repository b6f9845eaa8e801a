//! `backup`: a consistent copy of an archive while it is in use. The database is copied with
//! SQLite's online backup API in one step (one read snapshot, so no half-committed batch), then
//! every original that snapshot names is copied and checked. The copy is built in a sibling
//! folder and renamed into place when complete: the destination is a whole archive or nothing.
//! `derived/` and `index/` are left out; they are rebuilt when the copy is opened.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::archive::{Archive, DERIVED_DIR, INDEX_DIR};
use crate::blobs::{OBJECTS_DIR, sha256_of_reader};
use crate::db::DATABASE_FILE;
use crate::error::{Error, Result};
use crate::progress::{Progress, ProgressSink};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupReport {
    pub destination: String,
    pub items: u64,
    pub objects: u64,
    pub bytes: u64,
}

/// Copies the archive to `destination`, which must not exist yet (or be an empty folder).
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn backup(
    archive: &Archive,
    destination: &Path,
    progress: &dyn ProgressSink,
) -> Result<BackupReport> {
    if destination.exists() {
        let empty = fs::read_dir(destination)
            .map_err(Error::io("cannot read", destination))?
            .next()
            .is_none();
        if !empty {
            return Err(Error::InvalidInput(format!(
                "{} exists and is not empty; back up to a new folder",
                destination.display()
            )));
        }
    }
    let parent = destination
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(Error::io("cannot create", parent))?;
    // The backup folder is the user's, opened like any folder of theirs; the archive files
    // inside keep the permissions the archive gave them.
    let staging = crate::user_files::builder(crate::user_files::Kind::Folder)
        .prefix(".folio-backup-")
        .tempdir_in(parent)
        .map_err(Error::io("cannot create a folder in", parent))?;
    let report = copy_into(archive, staging.path(), progress)?;
    if destination.exists() {
        fs::remove_dir(destination).map_err(Error::io("cannot replace", destination))?;
    }
    let staged = staging.keep();
    fs::rename(&staged, destination).map_err(|source| {
        let _ = fs::remove_dir_all(&staged);
        Error::Io {
            action: "cannot move the finished backup to",
            path: destination.to_path_buf(),
            source,
        }
    })?;
    Ok(BackupReport {
        destination: destination.display().to_string(),
        ..report
    })
}

fn copy_into(
    archive: &Archive,
    target: &Path,
    progress: &dyn ProgressSink,
) -> Result<BackupReport> {
    for sub in [OBJECTS_DIR, DERIVED_DIR, INDEX_DIR] {
        let path = target.join(sub);
        fs::create_dir_all(&path).map_err(Error::io("cannot create", &path))?;
    }
    let db_path = target.join(DATABASE_FILE);
    let mut copy = Connection::open_with_flags(
        &db_path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )?;
    {
        // All pages in one step: a single read snapshot of the source.
        let backup = rusqlite::backup::Backup::new(archive.conn(), &mut copy)?;
        backup.step(-1)?;
    }
    // The copy names exactly the originals of that snapshot; they were stored before their rows
    // committed, so each one exists in the source.
    let objects: Vec<(String, i64)> = {
        let mut statement = copy.prepare("SELECT sha256, size FROM blobs ORDER BY sha256")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let items: i64 = copy.query_row("SELECT count(*) FROM items", [], |row| row.get(0))?;
    drop(copy);
    let mut snapshot = Progress {
        job: crate::progress::JobKind::Backup,
        files_total: objects.len() as u64,
        bytes_total: objects.iter().map(|(_, size)| (*size).max(0) as u64).sum(),
        ..Progress::default()
    };
    progress.report(&snapshot);
    let destination = crate::blobs::FsBlobStore::new(target);
    for (sha256, size) in &objects {
        // An original only the team has is fetched: the copy is a whole archive.
        let from = archive.original_file(sha256)?;
        let to = destination.object_path(sha256)?;
        copy_checked(&from, &to, sha256)?;
        snapshot.files_done += 1;
        snapshot.bytes_done += (*size).max(0) as u64;
        snapshot.current = Some(sha256.clone());
        progress.report(&snapshot);
    }
    Ok(BackupReport {
        destination: String::new(),
        items: items.max(0) as u64,
        objects: objects.len() as u64,
        bytes: snapshot.bytes_done,
    })
}

/// Copies one original and checks the copy's hash, so a backup never carries a damaged file
/// silently.
fn copy_checked(from: &Path, to: &PathBuf, sha256: &str) -> Result<()> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).map_err(Error::io("cannot create", parent))?;
    }
    fs::copy(from, to).map_err(Error::io("cannot copy original", from))?;
    let file = File::open(to).map_err(Error::io("cannot read back", to))?;
    file.sync_all().map_err(Error::io("cannot flush", to))?;
    let actual =
        sha256_of_reader(io::BufReader::new(file)).map_err(Error::io("cannot read back", to))?;
    if actual != sha256 {
        return Err(Error::InvalidInput(format!(
            "the original {} does not match its SHA-256 (run `folio verify`); the backup was not made",
            from.display()
        )));
    }
    Ok(())
}
