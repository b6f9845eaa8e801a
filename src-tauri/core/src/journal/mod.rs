//! The journal (DESIGN §9): every change to the archive as one action, appended in the same
//! SQLite transaction as the change — a stable uid, its kind, its author, its time and a
//! self-contained payload ([`Action`]). History and undo read it; [`replay`] applies it to
//! another archive holding the same originals, which then dumps ([`dump`]) the same as this one.
//! It is what team sync pushes: an action the team's log does not hold yet ([`waiting`]) is
//! the outbox.

pub mod action;
pub mod apply;
pub mod dump;
pub(crate) mod rebase;

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

/// Payloads longer than this are stored deflated when that halves them at least.
const PACK_FROM_BYTES: usize = 4096;

/// Appends an action inside the caller's transaction and returns its `seq`. A large payload (an
/// import's articles) is stored deflated in `packed`, its `payload` left empty.
pub fn append(
    conn: &Connection,
    uid: &str,
    author: &str,
    at: &str,
    action: &Action,
) -> Result<i64> {
    let payload =
        serde_json::to_string(action).map_err(|e| Error::Internal(format!("journal: {e}")))?;
    let packed = (payload.len() >= PACK_FROM_BYTES)
        .then(|| deflate(payload.as_bytes()))
        .transpose()?
        .filter(|packed| packed.len() * 2 <= payload.len());
    let payload = if packed.is_some() {
        String::new()
    } else {
        payload
    };
    conn.prepare_cached(
        "INSERT INTO journal (uid, kind, author, at, payload, packed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![uid, action.kind(), author, at, payload, packed])?;
    Ok(conn.last_insert_rowid())
}

fn deflate(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write;
    // The fastest level: an import's commit waits for it, and text still shrinks about threefold.
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(|e| Error::Internal(format!("journal: cannot deflate a payload: {e}")))
}

fn inflate(uid: &str, packed: &[u8]) -> Result<String> {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::DeflateDecoder::new(packed)
        .read_to_string(&mut text)
        .map_err(|e| Error::Internal(format!("journal action {uid} cannot be unpacked: {e}")))?;
    Ok(text)
}

/// The journal's actions after `after` (0 for all), oldest first.
pub fn entries(conn: &Connection, after: i64) -> Result<Vec<Entry>> {
    read(conn, "WHERE seq > ?1 ORDER BY seq", after)
}

/// Up to `limit` actions made here that the team's log does not hold yet, oldest first: the
/// outbox of team sync.
pub fn waiting(conn: &Connection, limit: i64) -> Result<Vec<Entry>> {
    read(
        conn,
        "WHERE team_seq IS NULL AND kind <> 'legacy' ORDER BY seq LIMIT ?1",
        limit,
    )
}

/// Every action: first those a team's log holds, in the team's order; then the others, in this
/// archive's order (see [`dump`]).
pub fn in_team_order(conn: &Connection) -> Result<Vec<Entry>> {
    read(
        conn,
        "WHERE seq > ?1 ORDER BY team_seq IS NULL, team_seq, seq",
        0,
    )
}

/// The action with this local `seq`.
pub(crate) fn entry(conn: &Connection, seq: i64) -> Result<Entry> {
    read(conn, "WHERE seq = ?1", seq)?
        .pop()
        .ok_or_else(|| Error::Internal(format!("journal action {seq} is missing")))
}

/// The local `seq` of the action with this uid, if this archive has it.
pub(crate) fn seq_of(conn: &Connection, uid: &str) -> Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT seq FROM journal WHERE uid = ?1")?
        .query_row([uid], |row| row.get(0))
        .optional()?)
}

fn read(conn: &Connection, condition: &str, value: i64) -> Result<Vec<Entry>> {
    let mut statement = conn.prepare(&format!(
        "SELECT seq, uid, author, at, payload, packed FROM journal {condition}"
    ))?;
    let rows = statement.query_map([value], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, Option<Vec<u8>>>(5)?,
        ))
    })?;
    let mut entries = Vec::new();
    for row in rows {
        let (seq, uid, author, at, payload, packed) = row?;
        let payload = match packed {
            Some(packed) => inflate(&uid, &packed)?,
            None => payload,
        };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Archive;

    #[test]
    fn a_large_payload_is_stored_deflated_and_read_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let archive = Archive::init(dir.path()).unwrap();
        let small = Action::RenameTag {
            from: "a".into(),
            to: "b".into(),
        };
        let large = Action::SaveSearch {
            search: new_uid(),
            name: "long".into(),
            query: "energy forum ".repeat(2000),
        };
        let conn = archive.conn();
        append(
            conn,
            &new_uid(),
            "editor",
            "2026-01-01T00:00:00.000Z",
            &small,
        )
        .unwrap();
        append(
            conn,
            &new_uid(),
            "editor",
            "2026-01-01T00:00:01.000Z",
            &large,
        )
        .unwrap();
        let stored: Vec<(i64, Option<i64>)> = conn
            .prepare("SELECT length(payload), length(packed) FROM journal ORDER BY seq")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(stored[0].0 > 0 && stored[0].1.is_none(), "{stored:?}");
        assert_eq!(stored[1].0, 0, "{stored:?}");
        assert!(stored[1].1.unwrap() < 2000, "{stored:?}");
        let read: Vec<Action> = entries(conn, 0)
            .unwrap()
            .into_iter()
            .map(|entry| entry.action)
            .collect();
        assert_eq!(read, vec![small, large]);
    }
}
