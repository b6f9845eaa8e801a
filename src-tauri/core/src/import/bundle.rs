//! Importing a Folio bundle found among the dropped paths: verify the bag, store the originals
//! of the items that passed their checks, commit them, and account for every item in the report.
//! Cancel stops it between files and inside a long read; an original stored for an item that was
//! then not committed is removed again, so a refused item leaves nothing behind.

use std::fs;
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension};

use super::budget::{MemoryBudget, Refusal};
use super::commit::{self, Destination};
use super::extract::MAX_FILE_BYTES;
use super::plan::BundleSource;
use super::report::{CANCELLED, ImportReport};
use crate::blobs::{BlobStore, FsBlobStore};
use crate::bundle::format::BundleItem;
use crate::bundle::read::{self, Bundle, BundleError};
use crate::error::Result;
use crate::photo;
use crate::progress::CancelToken;
use crate::tables::blobs;
use crate::text::human_size;
use crate::thumbnails;

/// Where a bundle's originals go and what reading them may hold in memory.
pub struct Storage<'a> {
    pub store: &'a FsBlobStore,
    pub derived: &'a Path,
    pub memory: &'a MemoryBudget,
}

pub fn import_bundle(
    conn: &mut Connection,
    source: &BundleSource,
    storage: &Storage<'_>,
    destination: &Destination,
    cancel: &CancelToken,
    report: &mut ImportReport,
) -> Result<()> {
    let Storage {
        store,
        derived,
        memory,
    } = *storage;
    let display = source.display.as_str();
    let mut bundle = match read::load(&source.root, cancel) {
        Ok(bundle) => bundle,
        Err(BundleError::Cancelled) => {
            report.cancelled = true;
            report.skip(display, CANCELLED);
            return Ok(());
        }
        Err(BundleError::Refused(why)) => {
            report.fail(display, why);
            return Ok(());
        }
    };
    for (path, why) in std::mem::take(&mut bundle.rejected) {
        report.fail(format!("{display}/{path}"), why);
    }
    let mut ready = Vec::with_capacity(bundle.index.items.len());
    let mut new_objects = Vec::new();
    let mut fingerprints = Vec::new();
    for item in &bundle.index.items {
        let shown = format!("{display}/{}", item.path);
        if cancel.is_cancelled() {
            report.cancelled = true;
            report.skip(shown, CANCELLED);
            continue;
        }
        // The bag's files were checked to be plain files inside it when it was loaded.
        let decoded = crate::photo::decode_cost(&bundle.root.join(&item.path)).unwrap_or(0);
        let reserved = match memory.reserve(item.size.saturating_add(decoded), cancel) {
            Ok(reserved) => reserved,
            Err(Refusal::TooLarge(why)) => {
                report.fail(shown, why);
                continue;
            }
            Err(Refusal::Cancelled) => {
                report.skip(shown, CANCELLED);
                continue;
            }
        };
        let stored = store_original(&bundle, item, store, derived, cancel);
        drop(reserved);
        match stored {
            Ok(Stored { new, fingerprint }) => {
                if new {
                    new_objects.push(item.sha256.clone());
                }
                if let Some(fingerprint) = fingerprint {
                    fingerprints.push((item.sha256.clone(), fingerprint));
                }
                ready.push(item.clone());
            }
            Err(BundleError::Cancelled) => {
                report.cancelled = true;
                report.skip(shown, CANCELLED);
            }
            Err(BundleError::Refused(why)) => report.fail(shown, why),
        }
    }
    bundle.index.items = ready;
    let committed = commit::commit_bundle(conn, &bundle.index, display, destination, report);
    // Fingerprints are derived from the pixels, like the thumbnails: kept for the originals
    // that made it into a row (a missing one is filled by `repair`).
    if committed.is_ok() {
        for (sha256, fingerprint) in &fingerprints {
            blobs::set_fingerprint(conn, sha256, *fingerprint)?;
        }
    }
    // Whatever did not make it into a row (a refused item, a failed commit) leaves no object.
    for sha256 in new_objects {
        if !is_recorded(conn, &sha256).unwrap_or(true) {
            remove_object(store, derived, &sha256);
        }
    }
    committed
}

/// What storing one original gave.
struct Stored {
    /// The object is new to the archive.
    new: bool,
    /// A new photo's fingerprint, when its pixels decode.
    fingerprint: Option<u64>,
}

/// Copies one item's original into the archive's object store (checked against its SHA-256
/// again as it is stored) and makes a photo's thumbnails and fingerprint.
fn store_original(
    bundle: &Bundle,
    item: &BundleItem,
    store: &FsBlobStore,
    derived: &Path,
    cancel: &CancelToken,
) -> Result<Stored, BundleError> {
    if store.contains(&item.sha256) {
        return Ok(Stored {
            new: false,
            fingerprint: None,
        });
    }
    if item.size > MAX_FILE_BYTES {
        return Err(BundleError::Refused(format!(
            "the file is too large ({}); Folio imports files up to {}",
            human_size(item.size),
            human_size(MAX_FILE_BYTES)
        )));
    }
    let file = read::open_in_bag(&bundle.root, &item.path)?;
    let mut bytes = Vec::new();
    let read = cancel
        .guard(file)
        .take(MAX_FILE_BYTES)
        .read_to_end(&mut bytes);
    if cancel.is_cancelled() {
        return Err(BundleError::Cancelled);
    }
    read.map_err(|e| format!("cannot read {}: {e}", item.path))?;
    let stored = store.put_bytes(&bytes).map_err(|e| e.to_string())?;
    if stored != item.sha256 {
        return Err(BundleError::Refused(format!(
            "{} changed while it was imported",
            item.path
        )));
    }
    let mut fingerprint = None;
    if item.kind == "photo" {
        // A photo Folio cannot decode still imports; it just has no thumbnail.
        if let Ok(draft) = photo::extract(&bytes) {
            thumbnails::store(derived, &item.sha256, &draft.thumbnails)
                .map_err(|e| e.to_string())?;
            fingerprint = draft.fingerprint;
        }
    }
    Ok(Stored {
        new: true,
        fingerprint,
    })
}

fn is_recorded(conn: &Connection, sha256: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM blobs WHERE sha256 = ?1",
            [sha256],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

fn remove_object(store: &FsBlobStore, derived: &Path, sha256: &str) {
    let mut paths: Vec<_> = crate::photo::THUMBNAIL_SIDES
        .iter()
        .map(|&side| thumbnails::path(derived, sha256, side))
        .collect();
    paths.extend(store.object_path(sha256).ok());
    for path in paths {
        if let Err(error) = fs::remove_file(&path)
            && error.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!("could not remove {}: {error}", path.display());
        }
    }
}
