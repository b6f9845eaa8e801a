//! Importing a Folio bundle found among the dropped paths: verify the bag, store the originals
//! of the items that passed their checks, commit them, and account for every item in the report.
//! Cancel stops it between files and inside a long read; an original stored for an item that was
//! then not committed is removed again, so a refused item leaves nothing behind.

use std::fs;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension};

use super::budget::{MemoryBudget, Refusal};
use super::commit::{self, Destination};
use super::plan::BundleSource;
use super::report::{CANCELLED, ImportReport};
use super::thumbnails;
use crate::blobs::FsBlobStore;
use crate::error::Result;
use crate::export::bundle::read::{self, BundleError};
use crate::progress::CancelToken;

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
        let stored = read::store_original(&bundle, item, store, derived, cancel);
        drop(reserved);
        match stored {
            Ok(new) => {
                if new {
                    new_objects.push(item.sha256.clone());
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
    // Whatever did not make it into a row (a refused item, a failed commit) leaves no object.
    for sha256 in new_objects {
        if !is_recorded(conn, &sha256).unwrap_or(true) {
            remove_object(store, derived, &sha256);
        }
    }
    committed
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
