//! `index_queue`: changes the search index has yet to apply, written in the same transaction
//! as the change itself (DESIGN §5).

use rusqlite::{Connection, params};

use crate::error::Result;

pub fn upsert(conn: &Connection, item_id: i64) -> Result<()> {
    conn.prepare_cached("INSERT INTO index_queue (item_id, op) VALUES (?1, 'upsert')")?
        .execute(params![item_id])?;
    Ok(())
}

/// Queues the item's removal from the index (it is gone from the database).
pub fn delete(conn: &Connection, item_id: i64) -> Result<()> {
    conn.prepare_cached("INSERT INTO index_queue (item_id, op) VALUES (?1, 'delete')")?
        .execute(params![item_id])?;
    Ok(())
}

/// Queues every item of a collection (its name is part of their documents).
pub fn upsert_collection_members(conn: &Connection, collection_id: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO index_queue (item_id, op)
         SELECT item_id, 'upsert' FROM collection_items WHERE collection_id = ?1",
    )?
    .execute(params![collection_id])?;
    Ok(())
}
