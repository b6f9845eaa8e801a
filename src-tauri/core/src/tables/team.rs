//! The `team` row (the team this archive is a member of) and the journal's `team_seq`: which
//! actions the team's log holds, and which wait to be sent.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::error::Result;
use crate::journal::Entry;

/// This archive's membership of a team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Membership {
    pub uid: String,
    pub name: String,
    /// The PostgreSQL connection string, without a password.
    pub database: String,
    /// Where the team's originals are: a folder, or an `s3://` address.
    pub objects: String,
    /// The team log's sequence number up to which every action has been applied here.
    pub pulled: i64,
    pub joined_at: String,
    pub last_sync: Option<String>,
    pub last_error: Option<String>,
    /// A reader of the team: its database role may read the team's log but not add to it, so
    /// this archive makes no changes of its own.
    pub read_only: bool,
}

/// An action received from the team's log: its place there, the database role that pushed it,
/// and the action.
#[derive(Debug, Clone)]
pub struct Pulled {
    pub team_seq: i64,
    pub pushed_by: String,
    pub entry: Entry,
}

pub fn membership(conn: &Connection) -> Result<Option<Membership>> {
    Ok(conn
        .query_row(
            "SELECT uid, name, database, objects, pulled, joined_at, last_sync, last_error,
                    read_only
             FROM team WHERE id = 1",
            [],
            |row| {
                Ok(Membership {
                    uid: row.get(0)?,
                    name: row.get(1)?,
                    database: row.get(2)?,
                    objects: row.get(3)?,
                    pulled: row.get(4)?,
                    joined_at: row.get(5)?,
                    last_sync: row.get(6)?,
                    last_error: row.get(7)?,
                    read_only: row.get(8)?,
                })
            },
        )
        .optional()?)
}

pub fn insert(conn: &Connection, team: &Membership) -> Result<()> {
    conn.execute(
        "INSERT INTO team (id, uid, name, database, objects, pulled, joined_at, read_only)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            team.uid,
            team.name,
            team.database,
            team.objects,
            team.pulled,
            team.joined_at,
            team.read_only
        ],
    )?;
    Ok(())
}

/// Leaving a team: the membership goes, and what the journal knew of the team's order with it
/// (a later team starts from this archive's own journal).
pub fn remove(conn: &Connection) -> Result<()> {
    conn.prepare_cached("DELETE FROM team")?.execute([])?;
    conn.prepare_cached("DELETE FROM team_pending")?
        .execute([])?;
    conn.prepare_cached("UPDATE journal SET team_seq = NULL WHERE team_seq IS NOT NULL")?
        .execute([])?;
    Ok(())
}

/// Whether this archive is a member of a team.
pub fn is_member(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM team WHERE id = 1)")?
        .query_row([], |row| row.get(0))?)
}

/// The team's name when this archive is a reader of it (makes no changes of its own).
pub fn reader_of(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT name FROM team WHERE id = 1 AND read_only = 1",
            [],
            |row| row.get(0),
        )
        .optional()?)
}

/// Records whether this archive's database role may add to the team's log.
pub fn set_read_only(conn: &Connection, read_only: bool) -> Result<()> {
    conn.execute("UPDATE team SET read_only = ?1 WHERE id = 1", [read_only])?;
    Ok(())
}

pub fn set_pulled(conn: &Connection, pulled: i64) -> Result<()> {
    conn.prepare_cached("UPDATE team SET pulled = max(pulled, ?1) WHERE id = 1")?
        .execute([pulled])?;
    Ok(())
}

pub fn record_sync(conn: &Connection, at: &str, error: Option<&str>) -> Result<()> {
    match error {
        None => conn
            .prepare_cached("UPDATE team SET last_sync = ?1, last_error = NULL WHERE id = 1")?
            .execute([at])?,
        Some(error) => conn
            .prepare_cached("UPDATE team SET last_error = ?1 WHERE id = 1")?
            .execute([error])?,
    };
    Ok(())
}

/// Marks a journal action as held by the team's log at `team_seq`; false if this archive does
/// not have the action.
pub fn set_team_seq(conn: &Connection, uid: &str, team_seq: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("UPDATE journal SET team_seq = ?2 WHERE uid = ?1")?
        .execute(params![uid, team_seq])?
        > 0)
}

/// Records the database role that pushed a journal action to the team.
pub fn set_pushed_by(conn: &Connection, uid: &str, pushed_by: &str) -> Result<()> {
    conn.prepare_cached("UPDATE journal SET pushed_by = ?2 WHERE uid = ?1")?
        .execute(params![uid, pushed_by])?;
    Ok(())
}

/// How many actions wait to be sent.
pub fn waiting(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM journal WHERE team_seq IS NULL AND kind <> 'legacy'")?
        .query_row([], |row| row.get(0))?)
}
