//! The edit history: every change to a field, with its old and new value and time, grouped into
//! user actions so that one undo reverts one action (tagging fifty items is one action).

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

/// One user action in progress: the history rows it writes share its batch number.
#[derive(Debug, Clone, Copy)]
pub struct Action {
    batch: i64,
}

impl Action {
    /// Starts an action; call inside the transaction that makes the change.
    pub fn begin(conn: &Connection) -> Result<Self> {
        let batch: i64 = conn.query_row(
            "SELECT coalesce(max(batch), 0) + 1 FROM history",
            [],
            |row| row.get(0),
        )?;
        Ok(Self { batch })
    }

    /// Records one field's change on one item (or on no item, for archive-wide changes).
    pub fn record(
        &self,
        conn: &Connection,
        item_id: Option<i64>,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Result<()> {
        conn.execute(
            "INSERT INTO history (item_id, field, old_value, new_value, changed_at, batch)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![item_id, field, old, new, crate::now_rfc3339(), self.batch],
        )?;
        Ok(())
    }
}

/// One recorded change, as undo reads it back.
#[derive(Debug, Clone)]
pub struct Change {
    pub id: i64,
    pub item_id: Option<i64>,
    pub field: String,
    pub old: Option<String>,
}

/// The changes of the latest action not yet undone, newest first; empty when there is none.
pub fn last_action(conn: &Connection) -> Result<Vec<Change>> {
    let batch: Option<i64> = conn
        .query_row(
            "SELECT max(batch) FROM history WHERE undone = 0 AND batch > 0",
            [],
            |row| row.get(0),
        )
        .optional()?
        .flatten();
    let Some(batch) = batch else {
        return Ok(Vec::new());
    };
    let mut statement = conn.prepare(
        "SELECT id, item_id, field, old_value FROM history
         WHERE batch = ?1 AND undone = 0 ORDER BY id DESC",
    )?;
    let changes = statement.query_map([batch], |row| {
        Ok(Change {
            id: row.get(0)?,
            item_id: row.get(1)?,
            field: row.get(2)?,
            old: row.get(3)?,
        })
    })?;
    Ok(changes.collect::<rusqlite::Result<_>>()?)
}

pub fn mark_undone(conn: &Connection, change_id: i64) -> Result<()> {
    conn.execute("UPDATE history SET undone = 1 WHERE id = ?1", [change_id])?;
    Ok(())
}

/// One entry of an item's history, for display and automation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct HistoryEntry {
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub changed_at: String,
    pub undone: bool,
}

/// An item's history, oldest first.
pub fn of_item(conn: &Connection, item_id: i64) -> Result<Vec<HistoryEntry>> {
    let mut statement = conn.prepare(
        "SELECT field, old_value, new_value, changed_at, undone FROM history
         WHERE item_id = ?1 ORDER BY id",
    )?;
    let entries = statement.query_map([item_id], |row| {
        Ok(HistoryEntry {
            field: row.get(0)?,
            old_value: row.get(1)?,
            new_value: row.get(2)?,
            changed_at: row.get(3)?,
            undone: row.get(4)?,
        })
    })?;
    Ok(entries.collect::<rusqlite::Result<_>>()?)
}
