//! The core's error type and the closed set of codes that cross IPC and the CLI's JSON.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

/// What went wrong, in a form every front end can switch on. The set is closed: adding a code is
/// a change to the UI's error messages too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    ArchiveNotFound,
    ArchiveInUse,
    SchemaTooNew,
    MigrationChanged,
    InvalidInput,
    NotFound,
    DiskFull,
    ReadOnly,
    Io,
    Database,
    Internal,
}

/// An error as it crosses IPC: `{ code, message }`, the message written for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WireError {
    pub code: ErrorCode,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no Folio archive at {}; create one with `folio init`", .0.display())]
    ArchiveNotFound(PathBuf),

    #[error("archive {} is in use by another Folio process; close it and try again", .0.display())]
    ArchiveInUse(PathBuf),

    #[error(
        "archive {} was made by a newer Folio (schema {found}, this Folio knows up to {known}); \
         it was left untouched — update Folio to open it",
        .path.display()
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error(
        "migration {number} of archive {} differs from the one this Folio ships; \
         the archive was left untouched",
        .path.display()
    )]
    MigrationChanged { path: PathBuf, number: i64 },

    #[error("{0}")]
    InvalidInput(String),

    #[error("{0} not found")]
    NotFound(String),

    #[error(
        "the disk is full ({}); free some space and try again — nothing already in the archive was lost",
        .0.display()
    )]
    DiskFull(PathBuf),

    #[error(
        "{} is read-only; Folio can show this archive but not change it",
        .0.display()
    )]
    ReadOnly(PathBuf),

    /// A reader of a team (its database role may read the team's log, not add to it): the
    /// archive shows everything and receives the team's changes, but makes none of its own.
    #[error(
        "this archive is a reader of the team \"{team}\": ask the team's admin to make you an editor"
    )]
    TeamReader { team: String },

    #[error("{action} {}: {source}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("database error: {0}")]
    Database(rusqlite::Error),

    #[error("internal error: {0}")]
    Internal(String),

    /// The team's store could not give an original or thumbnail this archive lacks.
    #[error("{0}")]
    Remote(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::ArchiveNotFound(_) => ErrorCode::ArchiveNotFound,
            Error::ArchiveInUse(_) => ErrorCode::ArchiveInUse,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::MigrationChanged { .. } => ErrorCode::MigrationChanged,
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::DiskFull(_) => ErrorCode::DiskFull,
            Error::ReadOnly(_) | Error::TeamReader { .. } => ErrorCode::ReadOnly,
            Error::Io { .. } => ErrorCode::Io,
            Error::Database(_) => ErrorCode::Database,
            Error::Internal(_) => ErrorCode::Internal,
            Error::Remote(_) => ErrorCode::Io,
        }
    }

    /// Wraps an I/O error with what was being done and to which path; a full disk and a
    /// read-only file system get their own errors, as a person must act on them.
    pub fn io<'a>(
        action: &'static str,
        path: &'a Path,
    ) -> impl FnOnce(std::io::Error) -> Error + 'a {
        move |source| match source.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                Error::DiskFull(path.to_path_buf())
            }
            std::io::ErrorKind::ReadOnlyFilesystem => Error::ReadOnly(path.to_path_buf()),
            _ => Error::Io {
                action,
                path: path.to_path_buf(),
                source,
            },
        }
    }

    pub fn to_wire(&self) -> WireError {
        WireError {
            code: self.code(),
            message: self.to_string(),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => {
                Error::DiskFull(PathBuf::from("the archive's database"))
            }
            Some(rusqlite::ErrorCode::ReadOnly) => {
                Error::ReadOnly(PathBuf::from("the archive's database"))
            }
            _ => Error::Database(error),
        }
    }
}

impl From<&Error> for WireError {
    fn from(error: &Error) -> Self {
        error.to_wire()
    }
}
