//! `index_queue`: changes the search index has yet to apply, written in the same transaction
//! as the change itself (DESIGN §5).

use rusqlite::{Connection, params};

use crate::error::Result;

pub fn upsert(conn: &Connection, item_id: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO index_queue (item_id, op) VALUES (?1, 'upsert')",
        params![item_id],
    )?;
    Ok(())
}
