//! The journal (DESIGN §9): every change to the archive as one action, appended in the same
//! SQLite transaction as the change — a stable uid, its kind, its author, its time and a
//! self-contained payload ([`Action`]). History and undo read it; [`replay`] applies it to
//! another archive holding the same originals, which then dumps ([`dump`]) the same as this one.
//! It is what team sync will push.

pub mod action;
pub mod apply;
pub mod dump;

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::error::{Error, Result};
pub use action::{Action, CaptionFill, CollectionAppend};

/// One action of the journal, as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub seq: i64,
    pub uid: String,
    pub author: String,
    pub at: String,
    pub action: Action,
}

/// Who makes the changes of this process: `FOLIO_AUTHOR`, else the operating system's user name.
pub fn author() -> String {
    ["FOLIO_AUTHOR", "USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|name| name.trim().to_string())
        .find(|name| !name.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// A new action uid.
pub fn new_uid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Appends an action inside the caller's transaction and returns its `seq`.
pub fn append(
    conn: &Connection,
    uid: &str,
    author: &str,
    at: &str,
    action: &Action,
) -> Result<i64> {
    let payload =
        serde_json::to_string(action).map_err(|e| Error::Internal(format!("journal: {e}")))?;
    conn.execute(
        "INSERT INTO journal (uid, kind, author, at, payload) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![uid, action.kind(), author, at, payload],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The journal's actions after `after` (0 for all), oldest first.
pub fn entries(conn: &Connection, after: i64) -> Result<Vec<Entry>> {
    let mut statement = conn
        .prepare("SELECT seq, uid, author, at, payload FROM journal WHERE seq > ?1 ORDER BY seq")?;
    let rows = statement.query_map([after], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
        ))
    })?;
    let mut entries = Vec::new();
    for row in rows {
        let (seq, uid, author, at, payload) = row?;
        let action = serde_json::from_str(&payload)
            .map_err(|e| Error::Internal(format!("journal action {uid} cannot be read: {e}")))?;
        entries.push(Entry {
            seq,
            uid,
            author,
            at,
            action,
        });
    }
    Ok(entries)
}
