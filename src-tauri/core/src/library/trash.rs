//! The trash: deleting moves items there (recorded, so it can be undone); restoring brings them
//! back; emptying removes their rows and then the originals and thumbnails no item names any more.

use std::fs;

use rusqlite::{Connection, TransactionBehavior};

use super::fields::{self, Field};
use super::history::Action;
use crate::archive::{Archive, DERIVED_DIR};
use crate::error::Result;
use crate::thumbnails;

/// Moves items to the trash; items already there are left as they are.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn trash(conn: &mut Connection, ids: &[i64]) -> Result<()> {
    set_trashed(conn, ids, Some(&crate::now_rfc3339()))
}

/// Brings items back from the trash.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn restore(conn: &mut Connection, ids: &[i64]) -> Result<()> {
    set_trashed(conn, ids, None)
}

fn set_trashed(conn: &mut Connection, ids: &[i64], deleted_at: Option<&str>) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let action = Action::begin(&tx)?;
    for &id in ids {
        let old = fields::read(&tx, id, Field::Trash)?;
        if old.is_some() == deleted_at.is_some() {
            continue;
        }
        fields::write(&tx, id, Field::Trash, deleted_at)?;
        action.record(&tx, Some(id), "trash", old.as_deref(), deleted_at)?;
    }
    tx.commit()?;
    Ok(())
}

/// Removes every item in the trash for good and returns how many. The rows go first, in one
/// transaction; files no row names any more are deleted after the commit, so a crash in between
/// leaves only orphans (which `verify` finds), never a row without its file.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn empty(archive: &mut Archive) -> Result<usize> {
    let dir = archive.dir().to_path_buf();
    let tx = archive
        .conn_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let ids: Vec<i64> = {
        let mut statement = tx.prepare("SELECT id FROM items WHERE deleted_at IS NOT NULL")?;
        let ids = statement.query_map([], |row| row.get(0))?;
        ids.collect::<rusqlite::Result<_>>()?
    };
    for &id in &ids {
        tx.execute(
            "INSERT INTO index_queue (item_id, op) VALUES (?1, 'delete')",
            [id],
        )?;
    }
    tx.execute("DELETE FROM items WHERE deleted_at IS NOT NULL", [])?;
    let unreferenced: Vec<String> = {
        let mut statement = tx.prepare(
            "SELECT sha256 FROM blobs WHERE NOT EXISTS (SELECT 1 FROM items WHERE sha256 = blobs.sha256)",
        )?;
        let hashes = statement.query_map([], |row| row.get(0))?;
        hashes.collect::<rusqlite::Result<_>>()?
    };
    tx.execute(
        "DELETE FROM blobs WHERE NOT EXISTS (SELECT 1 FROM items WHERE sha256 = blobs.sha256)",
        [],
    )?;
    crate::tables::tags::delete_unused(&tx)?;
    tx.commit()?;
    let derived = dir.join(DERIVED_DIR);
    for sha256 in unreferenced {
        if let Ok(path) = archive.blobs().object_path(&sha256) {
            remove_if_present(&path);
        }
        for size in crate::photo::THUMBNAIL_SIDES {
            remove_if_present(&thumbnails::path(&derived, &sha256, size));
        }
    }
    Ok(ids.len())
}

fn remove_if_present(path: &std::path::Path) {
    if let Err(error) = fs::remove_file(path)
        && error.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!("could not remove {}: {error}", path.display());
    }
}
