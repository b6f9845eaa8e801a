//! An archive folder (DESIGN §1): opening, creating and migrating it, and its parts on disk.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::Connection;

use crate::blobs::{FsBlobStore, OBJECTS_DIR};
use crate::db::{self, Access, DATABASE_FILE};
use crate::error::{Error, Result};
use crate::lock::WriterLock;
use crate::migrations::{self, MIGRATIONS};
use crate::originals::RemoteOriginals;

pub const DERIVED_DIR: &str = "derived";
pub const INDEX_DIR: &str = "index";
/// Scratch space of the writer (ZIPs unpacked for an import): emptied whenever the archive is
/// opened for writing, so a killed import leaves nothing behind for long.
pub const SCRATCH_DIR: &str = "tmp";

/// An open archive. A writing archive holds the writer lock and the one writer connection;
/// readers are opened beside it with [`Archive::reader`].
#[derive(Debug)]
pub struct Archive {
    dir: PathBuf,
    conn: Connection,
    blobs: FsBlobStore,
    /// Where originals this archive lacks are fetched from (a team's store), if anywhere.
    remote: Option<Arc<dyn RemoteOriginals>>,
    _lock: Option<WriterLock>,
}

impl Archive {
    /// Creates the archive folder if needed and opens it for writing. Idempotent: on an
    /// existing archive it is the same as [`Archive::open`] for writing.
    pub fn init(dir: &Path) -> Result<Self> {
        for sub in ["", OBJECTS_DIR, DERIVED_DIR, INDEX_DIR] {
            let path = dir.join(sub);
            fs::create_dir_all(&path).map_err(Error::io("cannot create", &path))?;
        }
        Self::open_with(dir, Access::Write, MIGRATIONS)
    }

    /// Opens an existing archive. `Write` takes the writer lock and brings the schema up to date;
    /// `Read` takes no lock and requires an up-to-date schema (migrating first if no one writes).
    pub fn open(dir: &Path, access: Access) -> Result<Self> {
        Self::open_with(dir, access, MIGRATIONS)
    }

    /// Opens the archive, creating it on first use: what the desktop does at start.
    pub fn open_or_create(dir: &Path) -> Result<Self> {
        if dir.join(DATABASE_FILE).is_file() {
            Self::open(dir, Access::Write)
        } else {
            Self::init(dir)
        }
    }

    pub(crate) fn open_with(
        dir: &Path,
        access: Access,
        migrations: &[migrations::Migration],
    ) -> Result<Self> {
        let db_path = dir.join(DATABASE_FILE);
        let creatable = access == Access::Write && dir.is_dir();
        if !(db_path.is_file() || creatable) {
            return Err(Error::ArchiveNotFound(dir.to_path_buf()));
        }
        let lock = match access {
            Access::Write => Some(WriterLock::acquire(dir)?),
            Access::Read => None,
        };
        // Checked before anything is written, so a refused archive is left untouched.
        if db_path.is_file() {
            let probe = db::open(&db_path, Access::Read)?;
            migrations::check(&probe, dir, migrations)?;
            let behind =
                migrations::schema_version(&probe)? < migrations.last().map_or(0, |m| m.number);
            drop(probe);
            if behind && access == Access::Read {
                // Bring it up to date under the lock, then read.
                drop(Self::open_with(dir, Access::Write, migrations)?);
            }
        }
        let conn = match access {
            Access::Write => {
                let mut conn = db::open(&db_path, Access::Write)?;
                db::configure_writer(&conn)?;
                migrations::apply(&mut conn, dir, migrations)?;
                // Under the lock no write is under way: a temporary object is a crash's leftover.
                let removed = FsBlobStore::new(dir).remove_temporaries()?;
                if removed > 0 {
                    tracing::info!(
                        removed,
                        "removed temporary objects left by an interrupted write"
                    );
                }
                remove_scratch(&dir.join(SCRATCH_DIR));
                conn
            }
            Access::Read => db::open(&db_path, Access::Read)?,
        };
        Ok(Self {
            dir: dir.to_path_buf(),
            conn,
            blobs: FsBlobStore::new(dir),
            remote: None,
            _lock: lock,
        })
    }

    /// A reading archive around a read connection already opened (one of the seam's pool).
    pub(crate) fn around_reader(
        dir: &Path,
        conn: Connection,
        remote: Option<Arc<dyn RemoteOriginals>>,
    ) -> Self {
        Self {
            dir: dir.to_path_buf(),
            conn,
            blobs: FsBlobStore::new(dir),
            remote,
            _lock: None,
        }
    }

    /// Gives back the connection, for the pool it came from.
    pub(crate) fn into_connection(self) -> Connection {
        self.conn
    }

    /// Whether this handle holds the writer lock.
    pub fn is_writer(&self) -> bool {
        self._lock.is_some()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn blobs(&self) -> &FsBlobStore {
        &self.blobs
    }

    /// Where originals this archive lacks are fetched from, if anywhere.
    pub fn remote(&self) -> Option<&dyn RemoteOriginals> {
        self.remote.as_deref()
    }

    /// A file holding an original, fetched on demand when only the team has it (see
    /// [`crate::originals`]): what every reader of an original goes through.
    pub fn original_file(&self, sha256: &str) -> Result<PathBuf> {
        crate::originals::original_file(self, sha256)
    }

    /// Opens an original through [`Archive::original_file`].
    pub fn open_original(&self, sha256: &str) -> Result<std::fs::File> {
        crate::originals::open_original(self, sha256)
    }

    pub fn database_path(&self) -> PathBuf {
        self.dir.join(DATABASE_FILE)
    }

    /// A read-only connection beside the writer; WAL lets it read while the writer commits.
    pub fn reader(&self) -> Result<Connection> {
        db::open(&self.database_path(), Access::Read)
    }
}

/// Empties the writer's scratch folder. A leftover that cannot be removed is only logged: it
/// takes space, but it is never read.
fn remove_scratch(scratch: &Path) {
    let Ok(entries) = fs::read_dir(scratch) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let removed = match entry.file_type() {
            Ok(kind) if kind.is_dir() => fs::remove_dir_all(&path),
            _ => fs::remove_file(&path),
        };
        match removed {
            Ok(()) => tracing::info!("removed {} left by an interrupted import", path.display()),
            Err(error) => tracing::warn!("could not remove {}: {error}", path.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blobs::BlobStore;
    use crate::migrations::Migration;

    #[test]
    fn init_creates_the_archive_layout_in_wal_mode_with_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("archive");
        let archive = Archive::init(&root).unwrap();
        for part in ["folio.sqlite", "objects", "derived", "index", "folio.lock"] {
            assert!(root.join(part).exists(), "{part} missing");
        }
        let mode: String = archive
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: bool = archive
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert!(fk);
        let timeout: i64 = archive
            .conn()
            .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
            .unwrap();
        assert!(timeout > 0);
        assert_eq!(
            migrations::schema_version(archive.conn()).unwrap(),
            migrations::latest()
        );
    }

    #[test]
    fn the_writer_removes_temporary_objects_an_interrupted_import_left() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("archive");
        let archive = Archive::init(&root).unwrap();
        let sha = archive.blobs().put_bytes(b"committed original").unwrap();
        let batch = archive.blobs().batch();
        batch.put_bytes(b"never settled").unwrap();
        // A killed process runs no destructor.
        std::mem::forget(batch);
        drop(archive);
        let leftovers = || fs::read_dir(root.join("objects/tmp")).unwrap().count();
        assert_eq!(leftovers(), 1);
        drop(Archive::open(&root, Access::Read).unwrap());
        assert_eq!(leftovers(), 1, "a reader writes nothing");
        let archive = Archive::open(&root, Access::Write).unwrap();
        assert_eq!(leftovers(), 0);
        assert!(archive.blobs().contains(&sha));
    }

    #[test]
    fn the_writer_removes_folders_a_killed_import_unpacked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("archive");
        drop(Archive::init(&root).unwrap());
        let unpacked = root.join(SCRATCH_DIR).join("zip-left-behind");
        fs::create_dir_all(unpacked.join("inner")).unwrap();
        fs::write(unpacked.join("inner/photo.jpg"), b"bytes").unwrap();
        drop(Archive::open(&root, Access::Read).unwrap());
        assert!(unpacked.exists(), "a reader writes nothing");
        drop(Archive::open(&root, Access::Write).unwrap());
        assert!(!unpacked.exists());
    }

    #[test]
    fn opening_a_folder_that_is_no_archive_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let error = Archive::open(&dir.path().join("nothing"), Access::Read).unwrap_err();
        assert!(matches!(error, Error::ArchiveNotFound(_)), "{error}");
    }

    #[test]
    fn archive_from_a_newer_folio_is_refused_and_left_byte_for_byte_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let newer = [
            Migration {
                number: 1,
                name: "one",
                sql: "CREATE TABLE a (x INTEGER);",
            },
            Migration {
                number: 2,
                name: "two",
                sql: "CREATE TABLE b (x INTEGER);",
            },
        ];
        drop(Archive::open_with(root, Access::Write, &newer).unwrap());
        let db_path = root.join(DATABASE_FILE);
        let before = fs::read(&db_path).unwrap();

        for access in [Access::Write, Access::Read] {
            let error = Archive::open_with(root, access, &newer[..1]).unwrap_err();
            assert!(
                matches!(
                    error,
                    Error::SchemaTooNew {
                        found: 2,
                        known: 1,
                        ..
                    }
                ),
                "{error}"
            );
            assert!(error.to_string().contains("newer Folio"), "{error}");
        }
        assert_eq!(
            fs::read(&db_path).unwrap(),
            before,
            "the refused archive must not change"
        );
    }

    #[test]
    fn a_reader_sees_what_the_writer_committed() {
        let dir = tempfile::tempdir().unwrap();
        let archive = Archive::init(dir.path()).unwrap();
        archive
            .conn()
            .execute("INSERT INTO tags (name) VALUES ('Events')", [])
            .unwrap();
        let reader = archive.reader().unwrap();
        let count: i64 = reader
            .query_row("SELECT count(*) FROM tags", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 1);
    }
}
