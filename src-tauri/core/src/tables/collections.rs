//! `collections` and `collection_items`: named, ordered groups of items.

use rusqlite::{Connection, params};

use crate::error::{Error, Result};

/// Cleans a collection name as typed: runs of whitespace become one space, ends are trimmed.
/// Every path that names a collection (import, the CLI, the window, bundles) goes through this,
/// so `"Press  Kit"` is found however it was typed.
pub fn normalise(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::InvalidInput("a collection needs a name".into()));
    }
    Ok(name)
}

/// The id of the collection, created if it does not exist (matching ignores case).
pub fn ensure(conn: &Connection, name: &str) -> Result<i64> {
    let name = normalise(name)?;
    let name = name.as_str();
    conn.execute(
        "INSERT OR IGNORE INTO collections (name, created_at) VALUES (?1, ?2)",
        params![name, crate::now_rfc3339()],
    )?;
    Ok(conn.query_row(
        "SELECT id FROM collections WHERE name = ?1",
        [name],
        |row| row.get(0),
    )?)
}

/// Appends an item at the end of the collection; an item already in it stays where it is.
pub fn append(conn: &Connection, collection_id: i64, item_id: i64) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO collection_items (collection_id, item_id, position)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM collection_items
                          WHERE collection_id = ?1))",
        params![collection_id, item_id],
    )?;
    Ok(())
}

/// The names of the collections an item is in.
pub fn of_item(conn: &Connection, item_id: i64) -> Result<Vec<String>> {
    let mut statement = conn.prepare(
        "SELECT c.name FROM collections c JOIN collection_items ci ON ci.collection_id = c.id
         WHERE ci.item_id = ?1 ORDER BY c.name COLLATE NOCASE",
    )?;
    let names = statement.query_map([item_id], |row| row.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}
