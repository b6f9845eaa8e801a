//! folio-core: the Folio archive — storage, import, search and export — with no UI and no Tauri.
//!
//! The CLI (`folio`) and the desktop app (`folio-desktop`) are thin front ends over this crate;
//! everything they show or change goes through the functions here.

pub mod archive;
pub mod article;
pub mod backup;
pub mod blobs;
pub mod bundle;
pub mod capture;
pub mod changes;
pub mod db;
pub mod error;
pub mod export;
pub mod facets;
pub mod file_names;
pub mod fixity;
pub mod handle;
pub mod import;
pub mod indexing;
pub mod items;
pub mod journal;
pub mod library;
pub mod location;
pub mod lock;
pub mod migrations;
pub mod ocr;
pub mod originals;
pub mod photo;
pub mod progress;
pub(crate) mod records;
pub mod search;
pub mod selection;
pub mod similar;
pub mod stats;
pub mod tables;
pub mod team_view;
pub mod text;
pub mod thumbnails;
pub(crate) mod user_files;
pub mod watch;

pub use archive::Archive;
pub use db::Access;
pub use error::{Error, ErrorCode, Result, WireError};
pub use stats::Stats;

/// Lower-case hex of bytes, as object names and checksums are written.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// Now, as RFC 3339 in UTC: how every time is stored.
pub(crate) fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
