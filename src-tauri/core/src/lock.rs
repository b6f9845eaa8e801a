//! `folio.lock`: one writing process per archive, enforced by an OS file lock.
//!
//! The lock is advisory and held for as long as the [`WriterLock`] lives; the OS releases it when
//! the process ends, even on a crash, so a stale lock file never blocks anyone.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub const LOCK_FILE: &str = "folio.lock";

#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

impl WriterLock {
    /// Takes the archive's writer lock, or fails at once with [`Error::ArchiveInUse`].
    pub fn acquire(archive_dir: &Path) -> Result<Self> {
        let path = archive_dir.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(Error::io("cannot open lock file", &path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(Error::ArchiveInUse(archive_dir.to_path_buf()));
            }
            Err(TryLockError::Error(source)) => {
                return Err(Error::io("cannot lock", &path)(source));
            }
        }
        // The holder's process id helps a person see who has the archive open; only the OS lock
        // counts.
        file.set_len(0)
            .map_err(Error::io("cannot write lock file", &path))?;
        let _ = writeln!(file, "{}", std::process::id());
        Ok(Self { _file: file })
    }
}

/// The path of the lock file in an archive folder.
pub fn lock_path(archive_dir: &Path) -> PathBuf {
    archive_dir.join(LOCK_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_on_the_same_archive_is_refused_with_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let _first = WriterLock::acquire(dir.path()).unwrap();
        let second = WriterLock::acquire(dir.path()).unwrap_err();
        assert!(matches!(second, Error::ArchiveInUse(_)), "{second}");
        assert!(
            second
                .to_string()
                .contains("is in use by another Folio process")
        );
    }

    #[test]
    fn lock_is_released_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        drop(WriterLock::acquire(dir.path()).unwrap());
        WriterLock::acquire(dir.path()).unwrap();
    }
}
