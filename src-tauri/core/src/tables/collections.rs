//! `collections` and `collection_items`: named, ordered groups of items.

use rusqlite::{Connection, OptionalExtension, params};

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

/// The id of the collection called `name` (ignoring case), created at `at` with a new uid if
/// there is none.
pub fn ensure(conn: &Connection, name: &str, at: &str) -> Result<i64> {
    ensure_with_uid(conn, &uuid::Uuid::new_v4().to_string(), name, at)
}

/// The id of the collection with this uid, else of the one called `name` (ignoring case), else
/// of a new collection with this uid and name, created at `at`.
pub fn ensure_with_uid(conn: &Connection, uid: &str, name: &str, at: &str) -> Result<i64> {
    let name = normalise(name)?;
    if let Some(id) = find_by_uid(conn, uid)? {
        return Ok(id);
    }
    if let Some((id, existing)) = find_by_name(conn, &name)? {
        // Created under another uid (by another member of a team): one collection, both uids.
        super::aliases::insert(conn, super::aliases::COLLECTION, uid, &existing)?;
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO collections (uid, name, created_at) VALUES (?1, ?2, ?3)")?
        .execute(params![uid, name, at])?;
    Ok(conn.last_insert_rowid())
}

/// The collection with this uid, or that this uid is an alias of (the same name created by two
/// members of a team).
pub fn find_by_uid(conn: &Connection, uid: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM collections WHERE uid = ?1
             UNION ALL
             SELECT c.id FROM aliases a JOIN collections c ON c.uid = a.target
             WHERE a.uid = ?1 AND a.kind = 'collection'
             LIMIT 1",
        )?
        .query_row([uid], |row| row.get(0))
        .optional()?)
}

/// The collection called `name` (ignoring case), with its uid.
pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, uid FROM collections WHERE name = ?1")?
        .query_row([name], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?)
}

/// The uid and name of a collection.
pub fn uid_and_name(conn: &Connection, id: i64) -> Result<(String, String)> {
    conn.prepare_cached("SELECT uid, name FROM collections WHERE id = ?1")?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("collection {id}")))
}

/// Appends an item at the end of the collection; an item already in it stays where it is.
pub fn append(conn: &Connection, collection_id: i64, item_id: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO collection_items (collection_id, item_id, position)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM collection_items
                          WHERE collection_id = ?1))",
    )?
    .execute(params![collection_id, item_id])?;
    Ok(())
}

/// The names of the collections an item is in.
pub fn of_item(conn: &Connection, item_id: i64) -> Result<Vec<String>> {
    let mut statement = conn.prepare_cached(
        "SELECT c.name FROM collections c JOIN collection_items ci ON ci.collection_id = c.id
         WHERE ci.item_id = ?1 ORDER BY c.name COLLATE NOCASE",
    )?;
    let names = statement.query_map([item_id], |row| row.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// The uids of the collections an item is in, sorted.
pub fn uids_of_item(conn: &Connection, item_id: i64) -> Result<Vec<String>> {
    let mut statement = conn.prepare_cached(
        "SELECT c.uid FROM collections c JOIN collection_items ci ON ci.collection_id = c.id
         WHERE ci.item_id = ?1 ORDER BY c.uid",
    )?;
    let uids = statement.query_map([item_id], |row| row.get(0))?;
    Ok(uids.collect::<rusqlite::Result<_>>()?)
}
