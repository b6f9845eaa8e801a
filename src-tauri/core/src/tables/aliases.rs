//! `aliases`: uids that name another item or collection. The same original imported by two
//! members of a team is one item, the same collection name created twice one collection; the
//! uid that came second in the team's order is kept here, so actions naming it still apply.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

pub const ITEM: &str = "item";
pub const COLLECTION: &str = "collection";

/// Records that `uid` names the `kind` whose own uid is `target`.
pub fn insert(conn: &Connection, kind: &str, uid: &str, target: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO aliases (uid, kind, target) VALUES (?1, ?2, ?3)")?
        .execute(params![uid, kind, target])?;
    Ok(())
}

/// The uid `uid` stands for, when it is an alias of this kind.
pub fn target(conn: &Connection, kind: &str, uid: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT target FROM aliases WHERE uid = ?1 AND kind = ?2")?
        .query_row(params![uid, kind], |row| row.get(0))
        .optional()?)
}
