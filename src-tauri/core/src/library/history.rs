//! The edit history: every change to a field, with its old and new value and time, grouped by
//! the journal action that made it (`batch` is the action's `seq`), so that one undo reverts one
//! action (tagging fifty items is one action). The history is written only by applying a journal
//! action, so replaying the journal writes it again.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

/// The journal action being applied: the history rows it writes carry its `seq` and its time.
#[derive(Debug, Clone, Copy)]
pub struct Recorder<'a> {
    pub seq: i64,
    pub at: &'a str,
}

impl Recorder<'_> {
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
            params![item_id, field, old, new, self.at, self.seq],
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

/// The uid of the latest journal action with changes not yet undone: what undo reverts. In a
/// team, "latest" is in the team's order (the actions its log has placed, then this archive's
/// own not placed yet), which is the order the record was made in.
pub fn last_undoable(conn: &Connection) -> Result<Option<String>> {
    let in_team: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM journal WHERE team_seq IS NOT NULL)",
        [],
        |row| row.get(0),
    )?;
    let sql = if in_team {
        "SELECT j.uid FROM journal j
         WHERE EXISTS (SELECT 1 FROM history h WHERE h.batch = j.seq AND h.undone = 0)
         ORDER BY j.team_seq IS NULL DESC, j.team_seq DESC, j.seq DESC LIMIT 1"
    } else {
        "SELECT j.uid FROM journal j WHERE j.seq =
             (SELECT max(batch) FROM history WHERE undone = 0 AND batch > 0)"
    };
    Ok(conn.query_row(sql, [], |row| row.get(0)).optional()?)
}

/// The changes the journal action `action_uid` recorded and that are not undone, newest first.
pub fn changes_of(conn: &Connection, action_uid: &str) -> Result<Vec<Change>> {
    let batch: Option<i64> = conn
        .query_row(
            "SELECT seq FROM journal WHERE uid = ?1",
            [action_uid],
            |row| row.get(0),
        )
        .optional()?;
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
    /// Who made the change (empty for changes from before the journal).
    pub author: String,
    /// In a team archive, the team database role that sent the change to the team (once the
    /// team's log has given it back).
    pub pushed_by: Option<String>,
}

/// An item's history, oldest first.
pub fn of_item(conn: &Connection, item_id: i64) -> Result<Vec<HistoryEntry>> {
    let mut statement = conn.prepare(
        "SELECT h.field, h.old_value, h.new_value, h.changed_at, h.undone,
                coalesce(j.author, ''), j.pushed_by
         FROM history h LEFT JOIN journal j ON j.seq = h.batch
         WHERE h.item_id = ?1 ORDER BY h.id",
    )?;
    let entries = statement.query_map([item_id], |row| {
        Ok(HistoryEntry {
            field: row.get(0)?,
            old_value: row.get(1)?,
            new_value: row.get(2)?,
            changed_at: row.get(3)?,
            undone: row.get(4)?,
            author: row.get(5)?,
            pushed_by: row.get(6)?,
        })
    })?;
    Ok(entries.collect::<rusqlite::Result<_>>()?)
}
