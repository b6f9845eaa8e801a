//! Collections: named, ordered groups of items; an item may be in many. Each change is applied
//! from a journal action. Membership feeds the search index (`in:"name"`), so every change
//! queues the items it touches.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::tables::{collections, index_queue};

/// A collection and how many items of the library (not the trash) it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CollectionSummary {
    pub id: i64,
    pub name: String,
    pub count: i64,
}

fn clean_name(name: &str) -> Result<String> {
    collections::normalise(name)
}

/// The id of the collection called `name` (ignoring case).
pub fn find(conn: &Connection, name: &str) -> Result<i64> {
    let name = clean_name(name)?;
    conn.query_row(
        "SELECT id FROM collections WHERE name = ?1",
        [&name],
        |row| row.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("collection {name:?}")))
}

/// A collection with its item count.
pub fn summary(conn: &Connection, id: i64) -> Result<CollectionSummary> {
    conn.query_row(
        "SELECT c.id, c.name, (SELECT count(*) FROM collection_items ci JOIN items i
                                ON i.id = ci.item_id AND i.deleted_at IS NULL
                                WHERE ci.collection_id = c.id)
         FROM collections c WHERE c.id = ?1",
        [id],
        |row| {
            Ok(CollectionSummary {
                id: row.get(0)?,
                name: row.get(1)?,
                count: row.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("collection {id}")))
}

/// Creates an empty collection with this uid at `at`. A name already taken (ignoring case) —
/// the same collection created by another member of a team — makes this uid another name of
/// that collection: one collection, and actions naming either uid apply to it. (A person who
/// creates a name that exists is refused before this, by [`refuse_taken`].)
pub(crate) fn apply_create(conn: &Connection, uid: &str, name: &str, at: &str) -> Result<i64> {
    let name = clean_name(name)?;
    collections::ensure_with_uid(conn, uid, &name, at)
}

/// Refuses a name already taken (ignoring case).
pub(crate) fn refuse_taken(conn: &Connection, name: &str) -> Result<()> {
    let name = clean_name(name)?;
    if collections::find_by_name(conn, &name)?.is_some() {
        return Err(Error::InvalidInput(format!(
            "a collection called {name:?} exists already"
        )));
    }
    Ok(())
}

pub fn list(conn: &Connection) -> Result<Vec<CollectionSummary>> {
    let mut statement = conn.prepare(
        // Counted like tags (`tagging::list_tags`): each collection's rows in their index, less
        // those of items in the Trash.
        "WITH trashed AS (
             SELECT ci.collection_id, count(*) AS n FROM items i CROSS JOIN collection_items ci
             ON ci.item_id = i.id WHERE i.deleted_at IS NOT NULL GROUP BY ci.collection_id)
         SELECT c.id, c.name,
                (SELECT count(*) FROM collection_items ci WHERE ci.collection_id = c.id)
                - coalesce(tr.n, 0)
         FROM collections c LEFT JOIN trashed tr ON tr.collection_id = c.id
         ORDER BY c.name COLLATE NOCASE",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(CollectionSummary {
            id: row.get(0)?,
            name: row.get(1)?,
            count: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The ids of the collection's items in their order (trash excluded).
pub fn members(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    summary(conn, id)?;
    let mut statement = conn.prepare(
        "SELECT ci.item_id FROM collection_items ci JOIN items i ON i.id = ci.item_id
         WHERE ci.collection_id = ?1 AND i.deleted_at IS NULL ORDER BY ci.position, ci.item_id",
    )?;
    let ids = statement.query_map([id], |row| row.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

fn queue_members(conn: &Connection, id: i64) -> Result<()> {
    index_queue::upsert_collection_members(conn, id)
}

pub(crate) fn apply_rename(tx: &Connection, id: i64, name: &str) -> Result<()> {
    let name = clean_name(name)?;
    summary(tx, id)?;
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM collections WHERE name = ?1 AND id != ?2)",
        params![name, id],
        |row| row.get(0),
    )?;
    if taken {
        return Err(Error::InvalidInput(format!(
            "a collection called {name:?} exists already"
        )));
    }
    tx.execute(
        "UPDATE collections SET name = ?2 WHERE id = ?1",
        params![id, name],
    )?;
    queue_members(tx, id)
}

/// Deletes the collection; its items stay in the library.
pub(crate) fn apply_delete(tx: &Connection, id: i64) -> Result<()> {
    summary(tx, id)?;
    queue_members(tx, id)?;
    tx.execute("DELETE FROM collections WHERE id = ?1", [id])?;
    Ok(())
}

fn require_items(conn: &Connection, ids: &[i64]) -> Result<()> {
    if ids.is_empty() {
        return Err(Error::InvalidInput("no items given".into()));
    }
    for &id in ids {
        crate::library::fields::kind_of(conn, id)?;
    }
    Ok(())
}

/// Appends items at the end, in the order given; items already in it keep their place.
pub(crate) fn apply_add(tx: &Connection, id: i64, item_ids: &[i64]) -> Result<()> {
    summary(tx, id)?;
    require_items(tx, item_ids)?;
    for &item in item_ids {
        collections::append(tx, id, item)?;
        index_queue::upsert(tx, item)?;
    }
    Ok(())
}

pub(crate) fn apply_remove(tx: &Connection, id: i64, item_ids: &[i64]) -> Result<()> {
    summary(tx, id)?;
    for &item in item_ids {
        tx.execute(
            "DELETE FROM collection_items WHERE collection_id = ?1 AND item_id = ?2",
            params![id, item],
        )?;
        index_queue::upsert(tx, item)?;
    }
    Ok(())
}

/// Puts the collection in the order given: `item_ids` must hold exactly its current items.
pub(crate) fn apply_reorder(tx: &Connection, id: i64, item_ids: &[i64]) -> Result<()> {
    let mut current: Vec<i64> = {
        summary(tx, id)?;
        let mut statement =
            tx.prepare("SELECT item_id FROM collection_items WHERE collection_id = ?1")?;
        let ids = statement.query_map([id], |row| row.get(0))?;
        ids.collect::<rusqlite::Result<_>>()?
    };
    let mut given = item_ids.to_vec();
    current.sort_unstable();
    given.sort_unstable();
    given.dedup();
    if current != given || given.len() != item_ids.len() {
        // Items in the trash stay members; accept an order that leaves them out by putting
        // them at the end.
        let missing: Vec<i64> = current
            .iter()
            .filter(|item| !item_ids.contains(item))
            .copied()
            .collect();
        let all_missing_trashed = missing.iter().all(|item| {
            tx.query_row(
                "SELECT deleted_at IS NOT NULL FROM items WHERE id = ?1",
                [item],
                |row| row.get::<_, bool>(0),
            )
            .unwrap_or(false)
        });
        let extra = item_ids
            .iter()
            .any(|item| current.binary_search(item).is_err());
        if extra || !all_missing_trashed || given.len() != item_ids.len() {
            return Err(Error::InvalidInput(
                "the new order must list each item of the collection exactly once".into(),
            ));
        }
    }
    let trailing: Vec<i64> = current
        .iter()
        .filter(|item| !item_ids.contains(item))
        .copied()
        .collect();
    for (position, item) in item_ids.iter().chain(&trailing).enumerate() {
        tx.execute(
            "UPDATE collection_items SET position = ?3 WHERE collection_id = ?1 AND item_id = ?2",
            params![id, item, i64::try_from(position).unwrap_or(i64::MAX) + 1],
        )?;
    }
    Ok(())
}
