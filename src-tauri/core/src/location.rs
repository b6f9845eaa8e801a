//! Where the archive lives: `--archive DIR`, then `FOLIO_ARCHIVE`, then the platform data folder.

use std::path::PathBuf;

use crate::error::{Error, Result};

pub const ARCHIVE_ENV: &str = "FOLIO_ARCHIVE";

/// The default archive: `Folio/Archive` inside the platform's data folder, e.g.
/// `~/.local/share/folio/Archive` on Linux, `~/Library/Application Support/org.folio.Folio/Archive`
/// on macOS, `%APPDATA%\folio\Folio\data\Archive` on Windows.
pub fn default_archive_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("org", "folio", "Folio")
        .map(|dirs| dirs.data_dir().join("Archive"))
        .ok_or_else(|| {
            Error::Internal("cannot find the home folder to place the default archive".into())
        })
}

/// The archive to use: the explicit choice if any, then `FOLIO_ARCHIVE`, then the default.
pub fn resolve_archive_dir(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir);
    }
    match std::env::var_os(ARCHIVE_ENV) {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => default_archive_dir(),
    }
}
