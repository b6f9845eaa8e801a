//! The trash: deleting moves items there (recorded, so it can be undone); restoring brings them
//! back; emptying removes their rows and then the originals and thumbnails no item names any more.
//! Each is applied from a journal action.

use std::fs;

use rusqlite::Connection;

use super::fields::{self, Field};
use super::history::Recorder;
use crate::archive::{Archive, DERIVED_DIR};
use crate::error::Result;
use crate::thumbnails;

/// Moves items to the trash at `deleted_at`, or brings them back with `None`; items already where
/// they are going are left as they are. Returns the items moved.
pub(crate) fn apply_set_trashed(
    conn: &Connection,
    recorder: &Recorder<'_>,
    ids: &[i64],
    deleted_at: Option<&str>,
) -> Result<Vec<i64>> {
    let mut moved = Vec::new();
    for &id in ids {
        let old = fields::read(conn, id, Field::Trash)?;
        if old.is_some() == deleted_at.is_some() {
            continue;
        }
        fields::write(conn, id, Field::Trash, deleted_at, recorder.at)?;
        recorder.record(conn, Some(id), "trash", old.as_deref(), deleted_at)?;
        moved.push(id);
    }
    Ok(moved)
}

/// The items in the trash.
pub(crate) fn in_trash(conn: &Connection) -> Result<Vec<i64>> {
    let mut statement = conn.prepare("SELECT id FROM items WHERE deleted_at IS NOT NULL")?;
    let ids = statement.query_map([], |row| row.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Removes these items for good, if they are in the trash, with the blobs and tags nothing uses
/// any more; returns the SHA-256 of the originals no row names now. Their files are removed
/// after the commit ([`remove_files`]), so a crash in between leaves only orphans (which
/// `verify` finds), never a row without its file.
pub(crate) fn apply_empty(conn: &Connection, ids: &[i64]) -> Result<Vec<String>> {
    for &id in ids {
        let removed = conn.execute(
            "DELETE FROM items WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id],
        )?;
        if removed > 0 {
            crate::tables::index_queue::delete(conn, id)?;
        }
    }
    let unreferenced: Vec<String> = {
        let mut statement = conn.prepare(
            "SELECT sha256 FROM blobs WHERE NOT EXISTS (SELECT 1 FROM items WHERE sha256 = blobs.sha256)",
        )?;
        let hashes = statement.query_map([], |row| row.get(0))?;
        hashes.collect::<rusqlite::Result<_>>()?
    };
    conn.execute(
        "DELETE FROM blobs WHERE NOT EXISTS (SELECT 1 FROM items WHERE sha256 = blobs.sha256)",
        [],
    )?;
    crate::tables::tags::delete_unused(conn)?;
    Ok(unreferenced)
}

/// Removes the originals and thumbnails of blobs no row names any more.
pub(crate) fn remove_files(archive: &Archive, unreferenced: &[String]) {
    let derived = archive.dir().join(DERIVED_DIR);
    for sha256 in unreferenced {
        if let Ok(path) = archive.blobs().object_path(sha256) {
            remove_if_present(&path);
        }
        crate::originals::remove_cached(archive.dir(), sha256);
        for size in crate::photo::THUMBNAIL_SIDES {
            remove_if_present(&thumbnails::path(&derived, sha256, size));
        }
    }
}

fn remove_if_present(path: &std::path::Path) {
    if let Err(error) = fs::remove_file(path)
        && error.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!("could not remove {}: {error}", path.display());
    }
}
